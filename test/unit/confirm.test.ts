// The confirmation step's own checks of an answer that comes back with a retried call (2026-07-28 input
// responses): it must belong to this very call, and not be stale.
import { describe, expect, it, vi } from "vitest";
import { Confirmations } from "../../src/calls/confirm.js";
import { RepeatGuard } from "../../src/calls/repeat-guard.js";
import { parseArgs } from "../../src/config.js";
import { Sealer } from "../../src/seal.js";
import { TOOLS } from "../support/catalog.js";

const tool = TOOLS.find((t) => t.name === "DeletePersonTag");
const fields = { tag_id: "tag-1" };
const yes = { confirm: { action: "accept", content: { confirm: true } } };
const sealer = new Sealer("secret");
const confirmations = new Confirmations({ mode: "auto", over: 10, sealer });
// Never reached: the answer is judged before any question would need Luma.
const client = undefined as never;
const signal = new AbortController().signal;

const decide = (requestState: string) =>
  confirmations.decide(
    tool as NonNullable<typeof tool>,
    {},
    fields,
    { canAsk: true, responses: yes, requestState },
    client,
    signal,
  );
const stateFor = (body: Record<string, unknown>, expires = Date.now() + 60_000) =>
  sealer.seal({ tool: "DeletePersonTag", fingerprint: RepeatGuard.key("DeletePersonTag", body), expires });

describe("an answer to the question, coming back with the call", () => {
  it("goes ahead when it belongs to this call", async () => {
    expect(await decide(stateFor(fields))).toEqual({ go: true, confirmed: "user" });
  });

  it("is refused for other arguments", async () => {
    const decision = await decide(stateFor({ tag_id: "tag-2" }));
    expect(decision.go).toBe(false);
    expect(JSON.stringify(decision)).toMatch(/does not belong to this call/);
  });

  it("is refused when stale", async () => {
    const decision = await decide(stateFor(fields, Date.now() - 1));
    expect(JSON.stringify(decision)).toMatch(/came too late/);
  });

  it("is refused with a state this server did not seal", async () => {
    const forged = new Sealer("another secret").seal({ tool: "DeletePersonTag" });
    expect(JSON.stringify(await decide(forged))).toMatch(/does not belong to this call/);
  });
});

describe("the answer window (item 10)", () => {
  it("an answer is accepted within the 5 minutes the question waits, not after", async () => {
    const asked = await confirmations.decide(
      tool as NonNullable<typeof tool>,
      {},
      fields,
      { canAsk: true },
      { request: async () => ({}) } as never,
      signal,
    );
    const state = (asked as { result: { requestState: string } }).result.requestState;
    const later = Date.now() + 5 * 60_000 + 1_000;
    vi.useFakeTimers({ now: later, toFake: ["Date"] });
    try {
      expect(JSON.stringify(await decide(state))).toMatch(/came too late/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("LUMA_STATE_SECRET shorter than 32 characters stops the start", () => {
    expect(() => parseArgs([], { LUMA_STATE_SECRET: "abcd" })).toThrow(/LUMA_STATE_SECRET.*32 characters/);
    expect(parseArgs([], { LUMA_STATE_SECRET: "x".repeat(32) }).config.stateSecret).toHaveLength(32);
  });
});
