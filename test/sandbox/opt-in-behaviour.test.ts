// Sandbox tests for the opt-in tools' routes, as behaviour.test.ts has them for the others: writes show in
// later reads, refused writes change nothing, and errors carry Luma's status and `{message}`.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSandbox, type SandboxClient } from "./helpers.js";

let c: SandboxClient;
beforeEach(async () => {
  c = await openSandbox();
});
afterEach(async () => {
  await c.sandbox.close();
});

const ids = (entries: { id: string }[]): string[] => entries.map((e) => e.id);
const calendarEventIds = async (query: Record<string, string | string[]> = {}) =>
  ids((await c.walk("/v1/calendars/events/list", query)).entries);
const peopleEmails = async () =>
  (await c.walk("/v1/calendars/contacts/list", {})).entries.map((p: { email: string }) => p.email);

describe("cancelling an event", () => {
  it("takes a token of that event, asks about refunds when guests paid, then deletes the event", async () => {
    const requested = await c.post("/v1/events/cancel/request", { event_id: "evt-sbx0004" });
    expect(requested.status).toBe(200);
    const { cancellation_token: token, is_paid, guest_count } = requested.body;
    expect(is_paid).toBe(true);
    const approved = await c.walk("/v1/events/guests/list", {
      event_id: "evt-sbx0004",
      approval_status: "approved",
    });
    expect(guest_count).toBe(approved.entries.length);

    const other = await c.post("/v1/events/cancel/request", { event_id: "evt-sbx0006" });
    const wrongEvent = await c.post("/v1/events/cancel", {
      event_id: "evt-sbx0004",
      cancellation_token: other.body.cancellation_token,
      should_refund: true,
    });
    expect(wrongEvent.status).toBe(400);
    const madeUp = await c.post("/v1/events/cancel", {
      event_id: "evt-sbx0004",
      cancellation_token: "not-a-token",
      should_refund: true,
    });
    expect(madeUp.status).toBe(400);
    const noRefundAnswer = await c.post("/v1/events/cancel", {
      event_id: "evt-sbx0004",
      cancellation_token: token,
    });
    expect(noRefundAnswer.status).toBe(400);
    expect(noRefundAnswer.body.message).toMatch(/should_refund/);
    expect((await c.get("/v1/events/get", { event_id: "evt-sbx0004" })).status).toBe(200);

    const cancelled = await c.post("/v1/events/cancel", {
      event_id: "evt-sbx0004",
      cancellation_token: token,
      should_refund: true,
    });
    expect(cancelled).toMatchObject({ status: 200, body: {} });
    expect((await c.get("/v1/events/get", { event_id: "evt-sbx0004" })).status).toBe(404);
    expect(await calendarEventIds()).not.toContain("evt-sbx0004");
    const again = await c.post("/v1/events/cancel", {
      event_id: "evt-sbx0004",
      cancellation_token: token,
      should_refund: true,
    });
    expect(again.status).toBe(404);
  });

  it("needs no should_refund for a free event", async () => {
    const { body } = await c.post("/v1/events/cancel/request", { event_id: "evt-sbx0006" });
    expect(body.is_paid).toBe(false);
    const cancelled = await c.post("/v1/events/cancel", {
      event_id: "evt-sbx0006",
      cancellation_token: body.cancellation_token,
    });
    expect(cancelled.status).toBe(200);
  });

  it("refuses another calendar's event (403)", async () => {
    expect((await c.post("/v1/events/cancel/request", { event_id: "evt-sbxpartner1" })).status).toBe(403);
  });
});

describe("hosts", () => {
  const hostEmails = async (eventId: string) =>
    (await c.get("/v1/events/get", { event_id: eventId })).body.hosts.map((h: { email: string }) => h.email);

  it("updates and removes a host, never the event's creator", async () => {
    await c.post("/v1/events/hosts/add", { event_id: "evt-sbx0007", email: "door@example.com" });
    const updated = await c.post("/v1/events/hosts/update", {
      event_id: "evt-sbx0007",
      email: "door@example.com",
      access_level: "check-in",
      is_visible: false,
    });
    expect(updated.status).toBe(200);
    const creator = await c.post("/v1/events/hosts/update", {
      event_id: "evt-sbx0007",
      email: "morgan.rivera@example.com",
      access_level: "none",
    });
    expect(creator.status).toBe(400);
    expect(
      (
        await c.post("/v1/events/hosts/remove", {
          event_id: "evt-sbx0007",
          email: "morgan.rivera@example.com",
        })
      ).status,
    ).toBe(400);

    expect(await hostEmails("evt-sbx0007")).toContain("door@example.com");
    const removed = await c.post("/v1/events/hosts/remove", {
      event_id: "evt-sbx0007",
      email: "door@example.com",
    });
    expect(removed.status).toBe(200);
    expect(await hostEmails("evt-sbx0007")).not.toContain("door@example.com");
    const gone = await c.post("/v1/events/hosts/remove", {
      event_id: "evt-sbx0007",
      email: "door@example.com",
    });
    expect(gone.status).toBe(404);
  });
});

describe("a guest's tickets", () => {
  const ticketsOf = async () =>
    (await c.get("/v1/events/guests/get", { event_id: "evt-sbx0004", id: "gst-sbx0401" })).body.event_tickets;

  it("adds and removes tickets, checking each reference first", async () => {
    const before = await ticketsOf();
    const added = await c.post("/v1/events/guests/update-tickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0401",
      tickets_to_add: [{ event_ticket_type_id: "ett-sbx0403" }],
    });
    expect(added.status).toBe(200);
    const after = await ticketsOf();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ event_ticket_type_id: "ett-sbx0403", name: "Speaker Pass" });

    const unknownType = await c.post("/v1/events/guests/update-tickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0401",
      tickets_to_add: [{ event_ticket_type_id: "ett-sbx0101" }],
      ticket_ids_to_remove: [before[0].id],
    });
    expect(unknownType.status).toBe(404);
    expect(await ticketsOf()).toHaveLength(after.length);

    const wrongType = await c.post("/v1/events/guests/update-tickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0401",
      ticket_ids_to_remove: before[0].id,
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toMatch(/ticket_ids_to_remove/);

    const removed = await c.post("/v1/events/guests/update-tickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0401",
      ticket_ids_to_remove: [before[0].id],
    });
    expect(removed.status).toBe(200);
    expect(ids(await ticketsOf())).not.toContain(before[0].id);
  });
});

describe("contact moderation", () => {
  it("removes, blocks and restores people, by email or contact ID", async () => {
    expect(await peopleEmails()).toContain("mia.johnson@example.com");
    expect((await c.post("/v1/calendars/contacts/remove", { email: "mia.johnson@example.com" })).status).toBe(
      200,
    );
    expect(await peopleEmails()).not.toContain("mia.johnson@example.com");
    expect((await c.post("/v1/calendars/contacts/restore", { contact_id: "cnt-sbx0005" })).status).toBe(200);
    expect(await peopleEmails()).toContain("mia.johnson@example.com");

    await c.post("/v1/calendars/contacts/block", { contact_id: "cnt-sbx0005" });
    // Removing a blocked person does not unblock them; only restore does.
    await c.post("/v1/calendars/contacts/remove", { contact_id: "cnt-sbx0005" });
    expect(await peopleEmails()).not.toContain("mia.johnson@example.com");
    await c.post("/v1/calendars/contacts/restore", { email: "mia.johnson@example.com" });
    expect(await peopleEmails()).toContain("mia.johnson@example.com");
  });

  it("answers 400 without a reference and 404 for an unknown one", async () => {
    expect((await c.post("/v1/calendars/contacts/remove", {})).status).toBe(400);
    expect((await c.post("/v1/calendars/contacts/block", { email: "nobody@example.com" })).status).toBe(404);
    expect((await c.post("/v1/calendars/contacts/block", { email: 5 })).status).toBe(400);
  });
});

describe("webhooks", () => {
  it("lists a created webhook, updates it and deletes it", async () => {
    const created = await c.post("/v2/webhooks/create", {
      url: "https://hooks.example.com/new",
      event_types: ["event.created", "*"],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: "active", event_types: ["*"] });
    expect(created.body.secret).toMatch(/\w{16}/);
    const id = created.body.id;
    expect(ids((await c.walk("/v1/webhooks/list", {})).entries)).toContain(id);

    const paused = await c.post("/v2/webhooks/update", {
      id,
      status: "paused",
      event_types: ["guest.updated"],
    });
    expect(paused.body).toMatchObject({
      status: "paused",
      event_types: ["guest.updated"],
      url: created.body.url,
    });
    expect((await c.get("/v2/webhooks/get", { id })).body.status).toBe("paused");

    expect((await c.post("/v1/webhooks/delete", { id })).status).toBe(200);
    expect((await c.get("/v2/webhooks/get", { id })).status).toBe(404);
    expect(ids((await c.walk("/v1/webhooks/list", {})).entries)).not.toContain(id);
  });

  it("refuses an event type or URL that the spec does not allow", async () => {
    const badType = await c.post("/v2/webhooks/create", {
      url: "https://e.com/h",
      event_types: ["event.deleted"],
    });
    expect(badType.status).toBe(400);
    const badUrl = await c.post("/v2/webhooks/create", { url: "ftp://e.com/h", event_types: ["*"] });
    expect(badUrl.status).toBe(400);
  });
});

describe("event tags", () => {
  const tagsOf = async (eventId: string) => {
    const entries = (await c.walk("/v1/calendars/events/list", {})).entries;
    return entries.find((e: { id: string }) => e.id === eventId)?.tags.map((t: { name: string }) => t.name);
  };

  it("creates a tag, applies it to the calendar's events only, and shows it on them", async () => {
    const created = await c.post("/v1/calendars/event-tags/create", { name: "Hackathon" });
    expect(created.status).toBe(200);
    const applied = await c.post("/v1/calendars/event-tags/apply", {
      tag: "hackathon",
      event_ids: ["evt-sbx0001", "evt-sbx0001", "evt-sbxpartner1", "evt-unknown"],
    });
    expect(applied.body).toEqual({ applied_count: 1, skipped_count: 2 });
    expect(await tagsOf("evt-sbx0001")).toContain("Hackathon");

    const removed = await c.post("/v1/calendars/event-tags/unapply", {
      tag: created.body.id,
      event_ids: ["evt-sbx0001", "evt-sbx0002"],
    });
    expect(removed.body).toEqual({ removed_count: 1, skipped_count: 1 });
    expect(await tagsOf("evt-sbx0001")).not.toContain("Hackathon");
  });

  it("renames, refuses a duplicate name, and deletes a tag from every event", async () => {
    expect(await tagsOf("evt-sbx0004")).toContain("Conference");
    const clash = await c.post("/v1/calendars/event-tags/update", {
      tag_id: "evtag-sbxconference",
      name: "ai",
    });
    expect(clash.status).toBe(400);
    await c.post("/v1/calendars/event-tags/update", { tag_id: "evtag-sbxconference", name: "Conf" });
    expect(await tagsOf("evt-sbx0004")).toContain("Conf");
    expect((await c.post("/v1/calendars/event-tags/delete", { tag_id: "evtag-sbxconference" })).status).toBe(
      200,
    );
    expect(await tagsOf("evt-sbx0004")).not.toContain("Conf");
    const listed = (await c.get("/v1/calendars/event-tags/list")).body.entries;
    expect(ids(listed)).not.toContain("evtag-sbxconference");
  });
});

describe("submissions", () => {
  it("approves a pending submission by its calev- ID: it moves to the approved list", async () => {
    const both = ["luma", "external"];
    expect(await calendarEventIds({ status: "pending", platforms: both })).toContain("evt-sbxext0002");
    const approved = await c.post("/v1/calendars/events/approve", { calendar_event_id: "calev-sbxext0002" });
    expect(approved.status).toBe(200);
    expect(await calendarEventIds({ status: "pending", platforms: both })).not.toContain("evt-sbxext0002");
    expect(await calendarEventIds({ status: "approved", platforms: ["external"] })).toContain(
      "evt-sbxext0002",
    );
  });

  it("rejects a submission, which then is on neither list and cannot be approved", async () => {
    await c.post("/v1/calendars/events/add", {
      platform: "luma",
      event_id: "evt-sbxpartner1",
      submission_mode: "pending",
    });
    expect(await calendarEventIds({ status: "pending" })).toEqual([]);
    const rejected = await c.post("/v1/calendars/events/reject", { calendar_event_id: "evt-sbxpartner1" });
    expect(rejected.status).toBe(200);
    const lookup = await c.get("/v1/calendars/events/lookup", { event_id: "evt-sbxpartner1" });
    expect(lookup.body.event.status).toBe("rejected");
    const approve = await c.post("/v1/calendars/events/approve", { calendar_event_id: "evt-sbxpartner1" });
    expect(approve.status).toBe(400);
  });

  it("answers 404 for an event that was never submitted, on the current and the older path", async () => {
    for (const path of ["/v1/calendars/events/approve", "/v1/calendar/approve-event"]) {
      expect((await c.post(path, { calendar_event_id: "evt-nothing" })).status).toBe(404);
    }
  });
});

describe("calendar settings and admins", () => {
  it("updates the calendar and shows it, refusing a taken slug and a bad colour", async () => {
    const updated = await c.post("/v1/calendars/update", {
      calendar_id: "cal-sbxriverside",
      name: "Riverside Devs",
    });
    expect(updated.body).toMatchObject({ id: "cal-sbxriverside", name: "Riverside Devs" });
    expect((await c.get("/v1/calendars/get")).body.name).toBe("Riverside Devs");
    const taken = await c.post("/v1/calendars/update", {
      calendar_id: "cal-sbxriverside",
      slug: "sandbox-devconf",
    });
    expect(taken.status).toBe(400);
    const tint = await c.post("/v1/calendars/update", {
      calendar_id: "cal-sbxriverside",
      tint_color: "purple",
    });
    expect(tint.status).toBe(400);
    expect((await c.post("/v1/calendars/update", { calendar_id: "cal-nope", name: "x" })).status).toBe(404);
  });

  it("lists the admins, owner first, on the current and the older path", async () => {
    for (const path of ["/v1/calendars/admins/list", "/v1/calendar/admins/list"]) {
      const { body } = await c.get(path);
      expect(body.entries[0]).toMatchObject({ id: "usr-sbxowner", email: "morgan.rivera@example.com" });
    }
  });
});

describe("the organization", () => {
  it("moves an event to its other calendar: it leaves this calendar's list and management", async () => {
    const transferred = await c.post("/v1/organizations/events/transfer-calendar", {
      event_id: "evt-sbx0001",
      calendar_id: "cal-sbxworkshops",
    });
    expect(transferred.status).toBe(200);
    expect(await calendarEventIds()).not.toContain("evt-sbx0001");
    expect((await c.get("/v1/events/get", { event_id: "evt-sbx0001" })).status).toBe(403);
    const events = (await c.walk("/v1/organizations/events/list", {})).entries;
    const moved = events.find((e: { id: string }) => e.id === "evt-sbx0001");
    expect(moved.managing_calendars.map((m: { id: string }) => m.id)).toEqual(["cal-sbxworkshops"]);
    expect(new Set(ids(events)).size).toBe(events.length);
  });

  it("refuses a destination or an event outside the organization", async () => {
    const outside = await c.post("/v1/organizations/events/transfer-calendar", {
      event_id: "evt-sbx0001",
      calendar_id: "cal-sbxpartner",
    });
    expect(outside.status).toBe(400);
    const foreign = await c.post("/v1/organizations/events/transfer-calendar", {
      event_id: "evt-sbxpartner1",
      calendar_id: "cal-sbxworkshops",
    });
    expect(foreign.status).toBe(403);
  });

  it("creates a calendar that the organization then lists, with a free slug only", async () => {
    const created = await c.post("/v2/organizations/calendars/create", {
      name: "Kids Code",
      slug: "kids-code",
    });
    expect(created.body).toMatchObject({
      name: "Kids Code",
      slug: "kids-code",
      url: "https://luma.com/kids-code",
    });
    const calendars = await c.walk("/v1/organizations/calendars/list", {});
    expect(ids(calendars.entries)).toEqual(["cal-sbxriverside", "cal-sbxworkshops", created.body.id]);
    const again = await c.post("/v2/organizations/calendars/create", { name: "Again", slug: "kids-code" });
    expect(again.status).toBe(400);
  });
});
