// The confirmation step's own checks of an answer that comes back with a retried call (2026-07-28 input
// responses): it must belong to this very call, and not be stale.
import { describe, expect, it, vi } from "vitest";
import { Confirmations, consequencesOf, memoryTally, quote } from "../../src/calls/confirm.js";
import { RepeatGuard } from "../../src/calls/repeat-guard.js";
import { parseArgs } from "../../src/config.js";
import { Sealer } from "../../src/seal.js";
import { TOOLS } from "../support/catalog.js";

const tool = TOOLS.find((t) => t.name === "DeletePersonTag");
const fields = { tag_id: "tag-1" };
const yes = { confirm: { action: "accept", content: { confirm: true } } };
const sealer = new Sealer("secret");
const confirmations = new Confirmations({ mode: "auto", over: 10, sealer });
/** The caller: a Luma that knows nothing (a question still goes out, naming the tag by its ID). */
const caller = (id = "server") => ({
  id,
  client: { request: async () => ({}) } as never,
  tally: memoryTally(),
  signal: new AbortController().signal,
});

const decide = (requestState: string, id?: string) =>
  confirmations.decide(
    tool as NonNullable<typeof tool>,
    {},
    fields,
    { canAsk: true, responses: yes, requestState },
    caller(id),
  );
let nonce = 0;
const stateFor = (body: Record<string, unknown>, expires = Date.now() + 60_000) =>
  sealer.seal("request state", {
    tool: "DeletePersonTag",
    fingerprint: RepeatGuard.key("DeletePersonTag", body),
    caller: "server",
    expires,
    nonce: `n${nonce++}`,
  });

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
    const forged = new Sealer("another secret").seal("request state", { tool: "DeletePersonTag" });
    expect(JSON.stringify(await decide(forged))).toMatch(/does not belong to this call/);
  });

  it("sends once: the same answer again is refused (item 2)", async () => {
    const state = stateFor(fields);
    expect(await decide(state)).toEqual({ go: true, confirmed: "user" });
    expect(JSON.stringify(await decide(state))).toMatch(/already used/);
  });

  it("is refused for another caller (item 8)", async () => {
    expect(JSON.stringify(await decide(stateFor(fields), "another-key-id"))).toMatch(/another caller/);
  });

  it("is refused when sealed as a confirmation token (item 3)", async () => {
    const { nonce: _, ...payload } = sealer.open("request state", stateFor(fields)) as Record<
      string,
      unknown
    >;
    const token = sealer.seal("confirmation token", { ...payload, nonce: "t" });
    expect(JSON.stringify(await decide(token))).toMatch(/does not belong to this call/);
  });
});

describe("the answer window (item 10)", () => {
  it("an answer is accepted within the 5 minutes the question waits, not after", async () => {
    const asked = await confirmations.decide(
      tool as NonNullable<typeof tool>,
      {},
      fields,
      { canAsk: true },
      caller(),
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

describe("what a call's own fields may narrow", () => {
  const named = (name: string) => TOOLS.find((t) => t.name === name) as NonNullable<typeof tool>;

  it("send_email: false silences only a route that takes send_email", () => {
    expect(consequencesOf(named("AddEventGuests"), { send_email: false })).not.toContain("emails");
    expect(consequencesOf(named("SendGuestEventInvite"), { send_email: false })).toContain("emails");
    expect(consequencesOf(named("CancelEvent"), { send_email: false })).toContain("emails");
  });

  it("quote: one line, capped, its own quotes escaped", () => {
    const quoted = quote('A "B"\n\u2028C\u0000 '.repeat(20));
    expect([...quoted].some((char) => char < " " || char === "\u2028")).toBe(false);
    expect(JSON.parse(quoted)).toHaveLength(48);
    expect(JSON.parse(quoted).endsWith("…")).toBe(true);
  });
});
