// Sandbox tests: what Luma's 2026-08-07 spec adds, simulated as it describes it: guest counts and the
// registration fields of events, the `access` filter and its view-only entries (valid per the response
// schema), registration answers of added guests, the new event fields on create and update, and the rules
// of update-tickets, whose body is now validated against its published schema.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSandbox, responseValidator, type SandboxClient } from "./helpers.js";

let client: SandboxClient;
beforeEach(async () => {
  client = await openSandbox();
});
afterEach(async () => {
  await client.sandbox.close();
});

const event = async (id: string) => (await client.get("/v1/events/get", { event_id: id })).body;

describe("events carry 08-07's counts and registration fields", () => {
  it("guest_counts counts each status once per guest, as the guest list has them", async () => {
    const counts = (await event("evt-sbx0003")).guest_counts;
    const guests = await client.walk("/v1/events/guests/list", { event_id: "evt-sbx0003" });
    for (const status of ["approved", "pending_approval", "invited", "declined", "waitlist"]) {
      const held = guests.entries.filter((g: { approval_status: string }) => g.approval_status === status);
      expect(counts[status].guests, status).toBe(held.length);
    }
    expect(counts.invited.tickets).toBe(0);
  });

  it("spots_remaining falls as guests are approved, and is null without a capacity", async () => {
    const before = (await event("evt-sbx0003")).spots_remaining;
    expect(before).toBeGreaterThan(0);
    const pending = (
      await client.get("/v1/events/guests/list", {
        event_id: "evt-sbx0003",
        approval_status: "pending_approval",
      })
    ).body.entries[0];
    await client.post("/v1/events/guests/update-status", {
      event_id: "evt-sbx0003",
      guest_id: pending.id,
      status: "approved",
    });
    expect((await event("evt-sbx0003")).spots_remaining).toBe(before - 1);
    expect((await event("evt-sbx0001")).spots_remaining).toBeNull();
  });

  it("create and update set registration_open, waitlist_status and location_visibility", async () => {
    const created = await client.post("/v1/events/create", {
      name: "Closed night",
      start_at: "2026-12-01T18:00:00Z",
      timezone: "America/Los_Angeles",
      registration_open: false,
      waitlist_status: "enabled",
      location_visibility: "guests-only",
    });
    expect(created.status).toBe(200);
    const made = await event(created.body.id);
    expect([made.registration_open, made.waitlist_status, made.location_visibility]).toEqual([
      false,
      "enabled",
      "guests-only",
    ]);
    await client.post("/v1/events/update", { event_id: created.body.id, registration_open: true });
    expect((await event(created.body.id)).registration_open).toBe(true);
  });

  it("refuses a location_visibility outside the spec's enum with a 400 naming it", async () => {
    const answer = await client.post("/v1/events/update", {
      event_id: "evt-sbx0001",
      location_visibility: "friends",
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/location_visibility/);
  });
});

describe("the access filter of calendars/events/list", () => {
  const listed = async (access?: string[]) =>
    (await client.get("/v1/calendars/events/list", access ? { access } : {})).body.entries as {
      id: string;
      access: string;
    }[];

  beforeEach(async () => {
    // Another calendar's event, listed on this one.
    await client.post("/v1/calendars/events/add", { platform: "luma", event_id: "evt-sbxpartner1" });
  });

  it("by default answers only the events the calendar manages", async () => {
    const entries = await listed();
    expect(entries.map((e) => e.id)).not.toContain("evt-sbxpartner1");
    expect(new Set(entries.map((e) => e.access))).toEqual(new Set(["manage"]));
  });

  it("with view, adds the listed event as a view-only entry without host-only fields, valid per the spec", async () => {
    const answer = await client.get("/v1/calendars/events/list", { access: ["manage", "view"] });
    const validate = responseValidator("GET /v1/calendars/events/list");
    expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true);
    const partner = answer.body.entries.find((e: { id: string }) => e.id === "evt-sbxpartner1");
    expect(partner.access).toBe("view");
    for (const hostOnly of ["meeting_url", "registration_questions", "feedback_email"]) {
      expect(partner, hostOnly).not.toHaveProperty(hostOnly);
    }
    expect((await listed(["view"])).map((e) => e.id)).toEqual(["evt-sbxpartner1"]);
  });

  it("refuses an access value the spec does not have", async () => {
    const answer = await client.get("/v1/calendars/events/list", { access: ["own"] });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/access/);
  });
});

describe("registration answers of added guests", () => {
  it("stores them with the question's label and type, as the guest list shows answers", async () => {
    const added = await client.post("/v1/events/guests/add", {
      event_id: "evt-sbx0003",
      guests: [
        {
          email: "new.builder@example.com",
          registration_answers: [{ question_id: "q-sbxbuilding", value: "A calendar agent" }],
        },
      ],
    });
    expect(added.status).toBe(200);
    const guest = await client.get("/v1/events/guests/get", {
      event_id: "evt-sbx0003",
      id: "new.builder@example.com",
    });
    expect(guest.body.registration_answers).toEqual([
      {
        label: "What are you building?",
        question_id: "q-sbxbuilding",
        value: "A calendar agent",
        question_type: "text",
      },
    ]);
  });

  it("refuses an answer to a question the event does not ask, adding no one", async () => {
    const answer = await client.post("/v1/events/guests/add", {
      event_id: "evt-sbx0003",
      guests: [
        { email: "first.ok@example.com" },
        { email: "second@example.com", registration_answers: [{ question_id: "q-nope", value: "x" }] },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/q-nope/);
    const first = await client.get("/v1/events/guests/get", {
      event_id: "evt-sbx0003",
      id: "first.ok@example.com",
    });
    expect(first.status).toBe(404);
  });
});

describe("update-tickets, now specified", () => {
  it("refuses a body the published schema refuses (a ticket to add without its type)", async () => {
    const answer = await client.post("/v1/events/guests/update-tickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0401",
      tickets_to_add: [{}],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/event_ticket_type_id/);
  });

  it("keeps at least one ticket on the guest", async () => {
    const guest = (await client.get("/v1/events/guests/get", { event_id: "evt-sbx0004", id: "gst-sbx0401" }))
      .body;
    const answer = await client.post("/v1/events/guests/update-tickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0401",
      ticket_ids_to_remove: guest.event_tickets.map((t: { id: string }) => t.id),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/at least one/i);
  });
});
