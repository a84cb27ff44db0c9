// The repeat guard: an identical non-idempotent write within ten minutes is refused once, so a blind retry
// cannot make a second event or send a second email; a deliberate repeat goes through on the next call.
import { describe, expect, it } from "vitest";
import { type Held, RepeatGuard, refusalText } from "../../src/calls/repeat-guard.js";
import { connect } from "../support/in-process.js";
import { textOf } from "../support/results.js";

/** The refusal the pipeline words for what the guard held back. */
const said = (held: Held | undefined) => held && refusalText(held, held.now, { name: "CreateEvent" });

const EVENT = { name: "Launch", start_at: "2027-01-15T18:00:00.000Z", timezone: "UTC" };
const execute = (request_body: Record<string, unknown>) => ({ mode: "execute", request_body });

describe("an identical non-idempotent write", () => {
  it("is refused once after Luma accepted it, and goes through when called again", async () => {
    const server = await connect({ respond: () => ({ body: { id: "evt-new" } }) });
    expect((await server.call("CreateEvent", execute(EVENT))).isError).toBeFalsy();
    const repeat = await server.call(
      "CreateEvent",
      execute({ timezone: EVENT.timezone, start_at: EVENT.start_at, name: EVENT.name }),
    );
    expect(repeat.isError).toBe(true);
    expect(textOf(repeat)).toBe(
      "Not sent: an identical CreateEvent was sent less than a minute ago and Luma accepted it; sending it again would do it twice (another event, coupon or email). Check with LumaApi_ListLumaCalendarEvents first. If it should be done again, call again with the same arguments.",
    );
    expect(server.requests).toHaveLength(1);
    expect((await server.call("CreateEvent", execute(EVENT))).isError).toBeFalsy();
    expect(server.requests).toHaveLength(2);
    await server.close();
  });

  it("is refused once after an unknown outcome, naming the read tool", async () => {
    const server = await connect({ respond: () => ({ status: 500, body: { message: "boom" } }) });
    const body = execute({ event_id: "evt-1", guests: [{ email: "a@example.com" }] });
    expect(textOf(await server.call("SendGuestEventInvite", body))).toMatch(/outcome is unknown/);
    const repeat = await server.call("SendGuestEventInvite", body);
    expect(textOf(repeat)).toMatch(
      /^Not sent: an identical SendGuestEventInvite .* its outcome is unknown;.*LumaApi_GetEventGuests/,
    );
    expect(server.requests).toHaveLength(1);
    await server.close();
  });

  it("goes through again after Luma refused it (nothing happened)", async () => {
    const server = await connect({ respond: () => ({ status: 400, body: { message: "slug taken" } }) });
    await server.call("CreateEvent", execute(EVENT));
    await server.call("CreateEvent", execute(EVENT));
    expect(server.requests).toHaveLength(2);
    await server.close();
  });

  it("does not hold back a different body, an idempotent tool or an upload URL", async () => {
    const server = await connect({ respond: () => ({ body: { id: "x" } }) });
    await server.call("CreateEvent", execute(EVENT));
    await server.call("CreateEvent", execute({ ...EVENT, name: "Another" }));
    await server.call("UpdateEvent", execute({ event_id: "evt-1", name: "A" }));
    await server.call("UpdateEvent", execute({ event_id: "evt-1", name: "A" }));
    await server.call("GenerateUploadUrl", execute({ content_type: "image/png" }));
    await server.call("GenerateUploadUrl", execute({ content_type: "image/png" }));
    // A new name is told to the event's guests, so UpdateEvent reads the event first (how many they are).
    expect(server.requests.filter((request) => request.method === "POST")).toHaveLength(6);
    await server.close();
  });
});

describe("RepeatGuard", () => {
  it("forgets a call once the window has passed", async () => {
    const guard = new RepeatGuard(20);
    const key = RepeatGuard.key("CreateEvent", { a: 1 }) as string;
    expect(said(guard.begin(key))).toBeUndefined();
    guard.settle(key, "accepted");
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(said(guard.begin(key))).toBeUndefined();
  });

  it("refuses every identical call while one is in flight, however old, then once after it settled", async () => {
    const guard = new RepeatGuard(20);
    const key = RepeatGuard.key("CreateEvent", { a: 1 }) as string;
    expect(said(guard.begin(key))).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(said(guard.begin(key))).toMatch(/being sent right now/);
    expect(said(guard.begin(key))).toMatch(/being sent right now/);
    guard.settle(key, "unknown");
    expect(said(guard.begin(key))).toMatch(/outcome is unknown/);
    expect(said(guard.begin(key))).toBeUndefined();
  });

  it("keys bodies by content, not field order", () => {
    expect(RepeatGuard.key("T", { a: 1, b: { c: 2, d: 3 } })).toBe(
      RepeatGuard.key("T", { b: { d: 3, c: 2 }, a: 1 }),
    );
    expect(RepeatGuard.key("T", { a: 1 })).not.toBe(RepeatGuard.key("U", { a: 1 }));
  });
});
