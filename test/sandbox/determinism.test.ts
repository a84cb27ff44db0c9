// Sandbox tests: the seed is deterministic. Sandboxes started with the same clock (or any clock on the
// same UTC day) answer identically; the dates move with the clock so upcoming events stay upcoming;
// IDs created by writes come from counters, so the same writes give the same IDs.

import { afterEach, describe, expect, it } from "vitest";
import { NOW, openSandbox, type SandboxClient } from "./helpers.js";

const opened: SandboxClient[] = [];
async function open(now: Date): Promise<SandboxClient> {
  const client = await openSandbox(now);
  opened.push(client);
  return client;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.sandbox.close()));
});

/** What a user would look at first: the calendar, every listed event, a guest list and the contacts. */
async function snapshot(c: SandboxClient) {
  return {
    calendar: (await c.get("/v1/calendars/get")).body,
    events: (await c.walk("/v1/calendars/events/list", { platforms: ["luma", "external"] })).entries,
    guests: (await c.walk("/v1/events/guests/list", { event_id: "evt-sbx0004" })).entries,
    contacts: (await c.walk("/v1/calendars/contacts/list", {})).entries,
    tags: (await c.get("/v1/calendars/contact-tags/list")).body,
  };
}

const DAY = 86_400_000;

describe("sandbox determinism", () => {
  it("gives two sandboxes with the same clock identical calendars and event lists", async () => {
    const [a, b] = await Promise.all([open(NOW), open(NOW)]);
    expect(a.sandbox.port).not.toBe(b.sandbox.port);
    const [snapA, snapB] = await Promise.all([snapshot(a), snapshot(b)]);
    expect(snapA.events.length).toBeGreaterThanOrEqual(6);
    expect(snapA).toEqual(snapB);
  });

  it("gives the same data for any clock on the same UTC day", async () => {
    const morning = new Date("2026-09-15T00:00:01.000Z");
    const night = new Date("2026-09-15T23:59:59.000Z");
    const [a, b] = await Promise.all([open(morning), open(night)]);
    expect(await snapshot(a)).toEqual(await snapshot(b));
  });

  it("moves every date with the clock, so upcoming events stay upcoming", async () => {
    const later = new Date(NOW.getTime() + 100 * DAY);
    const [a, b] = await Promise.all([open(NOW), open(later)]);
    const eventsA = (await a.walk("/v1/calendars/events/list", {})).entries;
    const eventsB = (await b.walk("/v1/calendars/events/list", {})).entries;
    expect(eventsB.map((e) => e.id)).toEqual(eventsA.map((e) => e.id));
    eventsA.forEach((event, i) => {
      expect(Date.parse(eventsB[i].start_at) - Date.parse(event.start_at)).toBe(100 * DAY);
    });
    for (const [client, now] of [
      [a, NOW],
      [b, later],
    ] as const) {
      const upcoming = await client.walk("/v1/calendars/events/list", { after: now.toISOString() });
      expect(upcoming.entries.map((e) => e.id).sort()).toEqual([
        "evt-sbx0003",
        "evt-sbx0004",
        "evt-sbx0005",
        "evt-sbx0006",
        "evt-sbx0007",
      ]);
    }
  });

  it("does not share state between sandboxes, and numbers created records the same way", async () => {
    const [a, b] = await Promise.all([open(NOW), open(NOW)]);
    const body = { name: "Replay", start_at: "2026-10-01T18:00:00.000Z", timezone: "UTC" };
    const createdA = await a.post("/v1/events/create", body);
    expect(createdA.body).toEqual({ id: "evt-sbxnew001" });
    expect((await b.get("/v1/events/get", { event_id: "evt-sbxnew001" })).status).toBe(404);
    const createdB = await b.post("/v1/events/create", body);
    expect(createdB.body).toEqual(createdA.body);
  });
});
