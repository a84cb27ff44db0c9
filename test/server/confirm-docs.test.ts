// docs/confirmations.md and docs/http.md say what asks, when and how, as the code does it: the table of
// asking tools is generated from the catalog (npm run docs), and the statements that are prose name the same
// windows and the same treatment of 2025 clients over HTTP as the code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderConfirmationsDoc } from "../../scripts/docs-render.js";
import { QUOTE_MAX_CHARS, TALLY_WINDOW_MS, TOKEN_TTL_MS } from "../../src/calls/confirm.js";
import { ANSWER_WINDOW_MS } from "../../src/calls/confirm-setup.js";
import { SETTINGS } from "../../src/config.js";
import { ROOT } from "../packaging/readme.js";
import { TOOLS } from "../support/catalog.js";

const doc = (name: string) => readFileSync(join(ROOT, "docs", name), "utf8");
const minutes = (ms: number) => `${ms / 60_000} minutes`;

describe("docs/confirmations.md", () => {
  it("its table of asking tools is current (npm run docs)", () => {
    const text = doc("confirmations.md");
    expect(text, "stale generated text: run npm run docs").toBe(renderConfirmationsDoc(text));
  });

  it("names every tool that asks, and no other", () => {
    const table =
      doc("confirmations.md").split("<!-- generated:confirmations -->")[1]?.split("<!--")[0] ?? "";
    const named = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]);
    expect(named).toEqual(TOOLS.filter((tool) => tool.consequences.length > 0).map((tool) => tool.name));
  });

  it("states the windows the code uses: answers, tokens, the rolling count, the quote cap", () => {
    const text = doc("confirmations.md");
    expect(text).toContain(`No answer within ${minutes(ANSWER_WINDOW_MS)}`);
    expect(text).toContain(`A 2026-07-28 answer is accepted for the same ${minutes(ANSWER_WINDOW_MS)}`);
    expect(text).toContain(`expires after ${minutes(TOKEN_TTL_MS)}`);
    expect(text).toContain(`in the last ${minutes(TALLY_WINDOW_MS)}`);
    expect(text).toContain(`cut to ${QUOTE_MAX_CHARS} characters`);
    const over = SETTINGS.find((setting) => setting.env === "LUMA_CONFIRM_OVER");
    expect(over?.help).toContain(`in ${minutes(TALLY_WINDOW_MS)}`);
  });

  it("promises 2025 clients over HTTP no form: they are treated as clients that cannot ask (item 6)", () => {
    expect(doc("confirmations.md")).toMatch(
      /over HTTP, a 2025 revision \| it cannot be asked: stateless serving .* treated as a client that cannot ask/,
    );
    expect(doc("http.md")).toMatch(
      /A \*\*2025\*\* client cannot be asked over HTTP, even one that declared elicitation[\s\S]*with `LUMA_CONFIRM=auto` \(the default\) its write is \*\*sent without a question\*\*/,
    );
  });
});
