// docs/http.md's curl walk-through, run as written against the built server with its sandbox (only the
// address changes, to the free port this test's server listens on): both protocol eras answer, and the
// 2026-07-28 requests' _meta keys are the ones the server reads.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { type Replica, startReplica } from "../support/http.js";

const page = readFileSync(new URL("../../docs/http.md", import.meta.url), "utf8");
const curl = spawnSync("curl", ["--version"]);
const skip = curl.error ? "curl is not installed" : undefined;
if (skip) console.warn(`test/http/walkthrough.test.ts skipped: ${skip}`);

/** The ```sh block after `<!-- walkthrough:<name> -->`. */
function walkthrough(name: string): string {
  const at = page.indexOf(`<!-- walkthrough:${name} -->`);
  expect(at, `docs/http.md has no walkthrough:${name}`).toBeGreaterThanOrEqual(0);
  const block = /```sh\n([\s\S]*?)```/.exec(page.slice(at))?.[1];
  if (!block) throw new Error(`no sh block after walkthrough:${name}`);
  return block;
}

/** The JSON-RPC messages of a run's output: JSON lines, or SSE data lines. */
function messages(output: string): { id?: number; result?: Record<string, unknown>; error?: unknown }[] {
  return output
    .split("\n")
    .map((line) => line.replace(/^data: /, "").trim())
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

describe.skipIf(skip !== undefined)("docs/http.md's curl walk-through", () => {
  let server: Replica;
  let base: string;
  beforeAll(async () => {
    server = await startReplica([], { LUMA_SANDBOX: "1" });
    base = new URL(server.url).origin;
  });
  afterAll(() => server?.stop());

  const run = (script: string) => {
    // Each answer on a line of its own, as a terminal shows them one after the other.
    const lines = `curl() { command curl "$@"; echo; }\n${script.replaceAll("http://127.0.0.1:8080", base)}`;
    const result = spawnSync("bash", ["-e", "-c", lines], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status, result.stderr).toBe(0);
    return messages(result.stdout);
  };

  it("2026-07-28: tools/list and tools/call, each standing alone with its _meta", () => {
    const [list, call] = run(walkthrough("modern"));
    expect(((list?.result?.tools ?? []) as unknown[]).length).toBeGreaterThan(0);
    const content = (call?.result?.content ?? []) as { text: string }[];
    expect(call?.result?.isError).toBeFalsy();
    expect(JSON.parse(content[0]?.text ?? "")).toMatchObject({ id: expect.stringMatching(/^cal-/) });
  });

  it("2025: initialize, then tools/call with the negotiated version", () => {
    const [init, call] = run(walkthrough("legacy"));
    expect(init?.result?.protocolVersion).toBe("2025-11-25");
    expect(call?.result?.isError).toBeFalsy();
    expect(((call?.result?.content ?? []) as { text: string }[])[0]?.text).toMatch(/"id":"cal-/);
  });

  it("/healthz answers the body the page shows, with the version", async () => {
    const body = await (await fetch(`${base}/healthz`)).json();
    expect(body).toEqual({ status: "ok", version: VERSION });
    expect(page).toContain('`{"status":"ok","version":"<the server\'s version>"}`');
  });
});
