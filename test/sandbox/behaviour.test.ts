// The sandbox behaves like Luma, not like a canned echo, on every route the tools call (opt-in tools' routes
// included), grouped by area: writes show up in later reads, refused writes change nothing, lists page and
// sort, and errors carry Luma's status and `{message}`.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOW, openSandbox, type SandboxClient } from "./helpers.js";

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

async function guestIds(eventId: string, approvalStatus?: string): Promise<string[]> {
  const { entries } = await c.walk("/v1/events/guests/list", {
    event_id: eventId,
    approval_status: approvalStatus,
  });
  return ids(entries);
}

async function contactEmails(query: Record<string, string | string[]>): Promise<string[]> {
  const { entries } = await c.walk("/v1/calendars/contacts/list", query);
  return entries.map((e) => e.email).sort();
}

describe("events", () => {
  it("lists and returns a created event, with a counter ID and a free default ticket type", async () => {
    const created = await c.post("/v1/events/create", {
      name: "Sandbox Demo Night",
      start_at: "2026-10-20T01:00:00.000Z",
      end_at: "2026-10-20T03:30:00.000Z",
      timezone: "America/Los_Angeles",
      slug: "sandbox-demo-night",
      geo_address_json: { type: "manual", address: "1 Example Way, Riverside, CA" },
    });
    expect(created).toMatchObject({ status: 200, body: { id: "evt-sbxnew001" } });

    const got = await c.get("/v1/events/get", { event_id: "evt-sbxnew001" });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: "evt-sbxnew001",
      name: "Sandbox Demo Night",
      start_at: "2026-10-20T01:00:00.000Z",
      end_at: "2026-10-20T03:30:00.000Z",
      duration_interval: "PT2H30M",
      url: "https://luma.com/sandbox-demo-night",
      location_type: "offline",
      calendar_id: "cal-sbxriverside",
    });
    expect(got.body.hosts.map((h: { email: string }) => h.email)).toEqual(["morgan.rivera@example.com"]);

    const listed = await c.walk("/v1/calendars/events/list", { after: NOW.toISOString() });
    expect(ids(listed.entries)).toContain("evt-sbxnew001");
    const types = await c.get("/v1/events/ticket-types/list", { event_id: "evt-sbxnew001" });
    expect(types.body.entries).toMatchObject([{ name: "Standard", type: "free" }]);

    const slug = await c.get("/v1/entities/lookup", { slug: "sandbox-demo-night" });
    expect(slug.body.entity).toMatchObject({ type: "event", event: { id: "evt-sbxnew001" } });
  });

  it("refuses a taken slug and a bad timezone, and creates nothing", async () => {
    const base = { name: "Clash", start_at: "2026-10-20T01:00:00.000Z", timezone: "America/Los_Angeles" };
    const taken = await c.post("/v1/events/create", { ...base, slug: "sandbox-devconf" });
    expect(taken.status).toBe(400);
    expect(taken.body.message).toMatch(/slug.*taken/i);
    const badZone = await c.post("/v1/events/create", { ...base, timezone: "Mars/Olympus" });
    expect(badZone.status).toBe(400);
    expect(badZone.body.message).toMatch(/timezone/i);
    const all = await c.walk("/v1/calendars/events/list", {});
    expect(all.entries).toHaveLength(7);
  });

  it("refuses a body that breaks Luma's request schema with a 400 naming the field, reads first (the check loads on the first POST)", async () => {
    expect((await c.get("/v1/calendars/get")).status).toBe(200);
    const noName = await c.post("/v1/events/create", {
      start_at: "2026-10-20T01:00:00.000Z",
      timezone: "UTC",
    });
    expect(noName.status).toBe(400);
    expect(noName.body.message).toBe("Invalid request body: missing required field `name`");
    const badColor = await c.post("/v1/calendars/contact-tags/create", { name: "Lazy", color: "plaid" });
    expect(badColor.status).toBe(400);
    expect(badColor.body.message).toMatch(/^Invalid request body: `color` must be one of "cranberry"/);
    const all = await c.walk("/v1/calendars/events/list", {});
    expect(all.entries).toHaveLength(7);
  });

  it("applies an update and keeps the length of an event whose start moves", async () => {
    const update = await c.post("/v1/events/update", {
      event_id: "evt-sbx0007",
      name: "Board Game Social: Strategy Night",
      start_at: "2026-09-19T02:00:00.000Z",
    });
    expect(update).toMatchObject({ status: 200, body: {} });
    const got = await c.get("/v1/events/get", { event_id: "evt-sbx0007" });
    expect(got.body).toMatchObject({
      name: "Board Game Social: Strategy Night",
      start_at: "2026-09-19T02:00:00.000Z",
      end_at: "2026-09-19T05:00:00.000Z",
    });
  });

  it("filters by before/after and sorts by start_at in both directions", async () => {
    const upcoming = await c.walk("/v1/calendars/events/list", { after: NOW.toISOString() });
    expect(ids(upcoming.entries)).toEqual([
      "evt-sbx0007",
      "evt-sbx0003",
      "evt-sbx0005",
      "evt-sbx0004",
      "evt-sbx0006",
    ]);
    const past = await c.walk("/v1/calendars/events/list", {
      before: NOW.toISOString(),
      sort_direction: "desc",
    });
    expect(ids(past.entries)).toEqual(["evt-sbx0002", "evt-sbx0001"]);
    const desc = await c.walk("/v1/calendars/events/list", {
      sort_column: "start_at",
      sort_direction: "desc",
    });
    const starts = desc.entries.map((e) => e.start_at);
    expect(starts).toEqual([...starts].sort().reverse());
  });

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
      (await c.get("/v1/events/get", { event_id: eventId })).body.hosts.map(
        (h: { email: string }) => h.email,
      );

    it("adds a host that then appears on the event", async () => {
      await c.post("/v1/events/hosts/add", {
        event_id: "evt-sbx0001",
        email: "cohost@example.com",
        name: "Co Host",
      });
      const got = await c.get("/v1/events/get", { event_id: "evt-sbx0001" });
      expect(got.body.hosts).toContainEqual(
        expect.objectContaining({ email: "cohost@example.com", name: "Co Host" }),
      );
    });

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
});

describe("date-time query parameters", () => {
  // Luma's OpenAPI gives `before` and `after` `format: date-time` with a pattern: a time and an offset are
  // required; a date alone is a malformed parameter, which Luma answers with a 400.
  it.each([
    ["after", "2026-01-01"],
    ["before", "2026-01-01"],
    ["after", "2026-01-01T10:00:00"],
    ["after", "2026-02-30T10:00:00Z"],
    ["after", "2026-06-30T23:59:60Z"],
  ])("refuses %s=%s on the events list with a 400 that names it", async (name, value) => {
    const answer = await c.get("/v1/calendars/events/list", { [name]: value });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain(`\`${name}\``);
  });

  it("takes the pattern's other forms: an offset instead of Z, and no seconds", async () => {
    const utc = await c.walk("/v1/calendars/events/list", { after: NOW.toISOString() });
    const offset = await c.walk("/v1/calendars/events/list", { after: "2026-09-15T14:34:56+02:00" });
    const minutes = await c.walk("/v1/calendars/events/list", { after: "2026-09-15T12:34Z" });
    expect(ids(offset.entries)).toEqual(ids(utc.entries));
    expect(ids(minutes.entries)).toEqual(ids(utc.entries));
  });
});

describe("a leap second in a body", () => {
  // ajv-formats' date-time takes `23:59:60`; the spec's date-time pattern (and a JavaScript Date) does not.
  // The sandbox must answer 400 before it takes an ID, so the next create gets the ID it would have got.
  const LEAP = "2026-06-30T23:59:60Z";
  const CREATES: [path: string, field: string, body: Record<string, unknown>][] = [
    [
      "/v1/events/create",
      "start_at",
      { name: "Leap Night", start_at: "2026-10-20T01:00:00.000Z", timezone: "America/Los_Angeles" },
    ],
    [
      "/v1/calendars/events/add",
      "start_at",
      {
        platform: "external",
        url: "https://events.example.com/leap-night",
        name: "Leap Night",
        start_at: "2026-10-03T18:00:00.000Z",
        duration_interval: "PT3H",
        timezone: "America/Los_Angeles",
      },
    ],
    [
      "/v1/events/coupons/create",
      "valid_start_at",
      { event_id: "evt-sbx0004", code: "LEAP10", discount: { discount_type: "percent", percent_off: 10 } },
    ],
    [
      "/v1/calendars/coupons/create",
      "valid_end_at",
      { code: "LEAP20", discount: { discount_type: "percent", percent_off: 20 } },
    ],
    [
      "/v1/events/ticket-types/create",
      "valid_start_at",
      { event_id: "evt-sbx0004", name: "Leap", type: "free" },
    ],
  ];

  it.each(CREATES)("%s answers 400 naming `%s`", async (path, field, body) => {
    const refused = await c.post(path, { ...body, [field]: LEAP });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(`\`${field}\``);
  });

  it.each(CREATES)(
    "%s: the create after a refused one gets the ID it would have got",
    async (path, field, body) => {
      const untouched = await openSandbox();
      const expected = await untouched.post(path, body);
      await untouched.sandbox.close();
      await c.post(path, { ...body, [field]: LEAP });
      const created = await c.post(path, body);
      expect(created.status).toBe(200);
      expect(created.body.id).toBe(expected.body.id);
    },
  );

  it.each([
    ["/v1/events/update", { event_id: "evt-sbx0007", end_at: LEAP }],
    ["/v1/events/coupons/update", { event_id: "evt-sbx0004", code: "EARLYDEV", valid_end_at: LEAP }],
    ["/v1/calendars/coupons/update", { code: "MEMBER5", valid_start_at: LEAP }],
    ["/v1/events/ticket-types/update", { event_ticket_type_id: "ett-sbx0404", valid_end_at: LEAP }],
  ])("%s answers 400", async (path, body) => {
    expect((await c.post(path, body)).status).toBe(400);
  });

  it("a refused coupon update changes nothing, not even the fields before the bad one", async () => {
    const coupon = async () =>
      (await c.walk("/v1/events/coupons/list", { event_id: "evt-sbx0004" })).entries.find(
        (e) => e.code === "EARLYDEV",
      );
    const before = await coupon();
    await c.post("/v1/events/coupons/update", {
      event_id: "evt-sbx0004",
      code: "EARLYDEV",
      remaining_count: 1,
      valid_end_at: LEAP,
    });
    expect(await coupon()).toEqual(before);
  });
});

describe("guests", () => {
  it("adds guests as approved with the default ticket, visible under the approval filter", async () => {
    const before = await guestIds("evt-sbx0007", "approved");
    const added = await c.post("/v1/events/guests/add", {
      event_id: "evt-sbx0007",
      guests: [
        { email: "Pat.Newcomer@example.com", name: "Pat Newcomer" },
        { email: "sam.walkin@example.com" },
      ],
    });
    expect(added).toMatchObject({ status: 200, body: {} });
    const approved = await c.walk("/v1/events/guests/list", {
      event_id: "evt-sbx0007",
      approval_status: "approved",
    });
    expect(approved.entries).toHaveLength(before.length + 2);
    const pat = approved.entries.find((g) => g.user_email === "pat.newcomer@example.com");
    expect(pat).toMatchObject({ user_name: "Pat Newcomer", approval_status: "approved" });
    expect(pat.event_tickets).toMatchObject([
      { event_ticket_type_id: "ett-sbx0701", name: "RSVP", amount: 0 },
    ]);
    // Guests become contacts of the calendar.
    expect(await contactEmails({ query: "pat.newcomer" })).toEqual(["pat.newcomer@example.com"]);
  });

  it("adds guests with a chosen ticket type and status", async () => {
    await c.post("/v1/events/guests/add", {
      event_id: "evt-sbx0004",
      guests: [{ email: "speaker.two@example.com" }],
      ticket: { event_ticket_type_id: "ett-sbx0403" },
      approval_status: "pending_approval",
    });
    const guest = await c.get("/v1/events/guests/get", {
      event_id: "evt-sbx0004",
      id: "speaker.two@example.com",
    });
    expect(guest.body).toMatchObject({ approval_status: "pending_approval" });
    expect(guest.body.event_tickets).toMatchObject([
      { event_ticket_type_id: "ett-sbx0403", name: "Speaker Pass" },
    ]);
  });

  it("invites people, who then appear as invited guests without tickets", async () => {
    await c.post("/v1/events/guests/send-invites", {
      event_id: "evt-sbx0003",
      guests: [{ email: "curious.builder@example.com", name: "Curious Builder" }],
      message: "We'd love to see your demo",
    });
    const invited = await c.walk("/v1/events/guests/list", {
      event_id: "evt-sbx0003",
      approval_status: "invited",
    });
    const guest = invited.entries.find((g) => g.user_email === "curious.builder@example.com");
    expect(guest).toMatchObject({ approval_status: "invited", event_tickets: [], registered_at: null });
    expect(guest.invited_at).not.toBeNull();
  });

  it("approves a waitlisted guest", async () => {
    expect(await guestIds("evt-sbx0005", "waitlist")).toContain("gst-sbx0509");
    const res = await c.post("/v1/events/guests/update-status", {
      event_id: "evt-sbx0005",
      guest_id: "gst-sbx0509",
      status: "approved",
    });
    expect(res).toMatchObject({ status: 200, body: {} });
    expect(await guestIds("evt-sbx0005", "waitlist")).not.toContain("gst-sbx0509");
    expect(await guestIds("evt-sbx0005", "approved")).toContain("gst-sbx0509");
    const guest = await c.get("/v1/events/guests/get", { event_id: "evt-sbx0005", id: "g-sbx0509" });
    expect(guest.body).toMatchObject({ id: "gst-sbx0509", approval_status: "approved" });
  });

  it("finds a guest by ID, guest key, ticket key and email", async () => {
    for (const id of ["gst-sbx0205", "g-sbx0205", "tkt-sbx0205", "CHLOE.DUBOIS@example.com"]) {
      const res = await c.get("/v1/events/guests/get", { event_id: "evt-sbx0002", id });
      expect(res.status, id).toBe(200);
      expect(res.body.id).toBe("gst-sbx0205");
    }
    const coupon = await c.get("/v1/events/guests/get", { event_id: "evt-sbx0002", id: "gst-sbx0205" });
    expect(coupon.body.event_ticket_orders).toMatchObject([
      { amount: 1500, amount_discount: 1000, coupon_info: { code: "RUSTY10", cents_off: 1000 } },
    ]);
  });

  it("seeds every approval status", async () => {
    const all = await c.walk("/v1/events/guests/list", { event_id: "evt-sbx0003" });
    const statuses = new Set<string>();
    for (const eventId of ["evt-sbx0001", "evt-sbx0002", "evt-sbx0003", "evt-sbx0004", "evt-sbx0005"]) {
      const { entries } = await c.walk("/v1/events/guests/list", { event_id: eventId });
      for (const g of entries) statuses.add(g.approval_status);
    }
    expect([...statuses].sort()).toEqual([
      "approved",
      "declined",
      "invited",
      "pending_approval",
      "session",
      "waitlist",
    ]);
    expect(all.entries).toHaveLength(13);
  });

  describe("a guest's tickets", () => {
    const ticketsOf = async () =>
      (await c.get("/v1/events/guests/get", { event_id: "evt-sbx0004", id: "gst-sbx0401" })).body
        .event_tickets;

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
});

describe("pagination and sorting", () => {
  it("walks a guest list 5 at a time and collects every guest exactly once", async () => {
    const whole = await c.get("/v1/events/guests/list", { event_id: "evt-sbx0003", pagination_limit: 100 });
    expect(whole.body.has_more).toBe(false);
    expect(whole.body.next_cursor).toBeUndefined();
    const walked = await c.walk("/v1/events/guests/list", { event_id: "evt-sbx0003", pagination_limit: 5 });
    expect(walked.pages).toBe(3);
    const walkedIds = ids(walked.entries);
    expect(new Set(walkedIds).size).toBe(walkedIds.length);
    expect(walkedIds).toEqual(ids(whole.body.entries));
    expect(walkedIds).toHaveLength(13);
  });

  it("pages contacts 5 at a time with the same result as one big page", async () => {
    const walked = await c.walk("/v1/calendars/contacts/list", { pagination_limit: 5, sort_column: "name" });
    const whole = await c.get("/v1/calendars/contacts/list", { pagination_limit: 100, sort_column: "name" });
    expect(ids(walked.entries)).toEqual(ids(whole.body.entries));
    expect(walked.entries).toHaveLength(40);
    expect(walked.pages).toBe(8);
  });

  it("sorts guests by name ascending and descending", async () => {
    const names = async (direction: string) =>
      (
        await c.walk("/v1/events/guests/list", {
          event_id: "evt-sbx0005",
          sort_column: "name",
          sort_direction: direction,
        })
      ).entries.map((g) => g.user_name);
    const asc = await names("asc");
    const named = asc.filter((n): n is string => n !== null);
    expect(named).toEqual([...named].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(asc.at(-1)).toBeNull(); // asc: nulls last
    const desc = await names("desc");
    expect(desc[0]).toBeNull(); // desc: nulls first, as in Postgres
    expect(desc.slice(1)).toEqual([...named].reverse());
    const descNullsLast = await names("desc nulls last");
    expect(descNullsLast.at(-1)).toBeNull();
  });

  it("sorts contacts by revenue, highest first", async () => {
    const { entries } = await c.walk("/v1/calendars/contacts/list", {
      sort_column: "revenue_usd_cents",
      sort_direction: "desc",
    });
    const revenue = entries.map((e) => e.revenue_usd_cents);
    expect(revenue).toEqual([...revenue].sort((a, b) => b - a));
    expect(revenue[0]).toBeGreaterThan(0);
  });

  it("refuses a bad page size, a forged cursor and an unknown sort direction", async () => {
    for (const query of [
      { pagination_limit: "0" },
      { pagination_limit: "ten" },
      { pagination_cursor: "not-a-cursor" },
      { sort_direction: "sideways" },
      { approval_status: "maybe" },
    ]) {
      const res = await c.get("/v1/events/guests/list", { event_id: "evt-sbx0003", ...query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.message).toEqual(expect.any(String));
    }
    const capped = await c.get("/v1/calendars/contacts/list", { pagination_limit: 500 });
    expect(capped.status).toBe(200);
    expect(capped.body.entries.length).toBeLessThanOrEqual(100);
  });
});

describe("ticket types", () => {
  it("refuses to soft-delete a ticket type with sales, and keeps listing it", async () => {
    const res = await c.post("/v1/events/ticket-types/delete", { event_ticket_type_id: "ett-sbx0401" });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/sold/);
    const list = await c.get("/v1/events/ticket-types/list", { event_id: "evt-sbx0004" });
    expect(ids(list.body.entries)).toContain("ett-sbx0401");
  });

  it("soft-deletes an unsold ticket type, which then disappears", async () => {
    const res = await c.post("/v1/events/ticket-types/delete", { event_ticket_type_id: "ett-sbx0402" });
    expect(res).toMatchObject({ status: 200, body: {} });
    const list = await c.get("/v1/events/ticket-types/list", {
      event_id: "evt-sbx0004",
      include_hidden: "true",
    });
    expect(ids(list.body.entries)).toEqual(["ett-sbx0401", "ett-sbx0403", "ett-sbx0404"]);
    const got = await c.get("/v1/events/ticket-types/get", { event_ticket_type_id: "ett-sbx0402" });
    expect(got.status).toBe(404);
  });

  it("refuses to delete the last visible ticket type of an event", async () => {
    const { body } = await c.post("/v1/events/create", {
      name: "Tiny",
      start_at: "2026-11-01T18:00:00.000Z",
      timezone: "UTC",
    });
    const types = await c.get("/v1/events/ticket-types/list", { event_id: body.id });
    const only = types.body.entries[0].id;
    const res = await c.post("/v1/events/ticket-types/delete", { event_ticket_type_id: only });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/last visible/);
  });

  it("hides hidden types unless include_hidden=true, and creates and updates types", async () => {
    const visible = await c.get("/v1/events/ticket-types/list", { event_id: "evt-sbx0004" });
    expect(ids(visible.body.entries)).not.toContain("ett-sbx0403");
    const created = await c.post("/v1/events/ticket-types/create", {
      event_id: "evt-sbx0004",
      name: "Workshop Add-on",
      type: "paid",
      cents: 3000,
      is_hidden: true,
    });
    expect(created.body).toMatchObject({
      name: "Workshop Add-on",
      type: "paid",
      cents: 3000,
      currency: "usd",
    });
    const updated = await c.post("/v1/events/ticket-types/update", {
      event_ticket_type_id: created.body.id,
      is_hidden: false,
      cents: 3500,
    });
    expect(updated.body).toMatchObject({ id: created.body.id, is_hidden: false, cents: 3500 });
    const after = await c.get("/v1/events/ticket-types/list", {
      event_id: "evt-sbx0004",
      include_hidden: "false",
    });
    expect(ids(after.body.entries)).toContain(created.body.id);
    const noPrice = await c.post("/v1/events/ticket-types/create", {
      event_id: "evt-sbx0004",
      name: "X",
      type: "paid",
    });
    expect(noPrice.status).toBe(400);
  });
});

describe("coupons", () => {
  it("creates an event coupon, updates it by code (any case) and refuses a duplicate code", async () => {
    const created = await c.post("/v1/events/coupons/create", {
      event_id: "evt-sbx0004",
      code: "LASTCALL",
      discount: { discount_type: "amount", cents_off: 1500, currency: "usd" },
      remaining_count: 20,
    });
    expect(created.body).toMatchObject({
      code: "LASTCALL",
      cents_off: 1500,
      percent_off: null,
      remaining_count: 20,
    });
    const dup = await c.post("/v1/events/coupons/create", {
      event_id: "evt-sbx0004",
      code: "lastcall",
      discount: { discount_type: "percent", percent_off: 5 },
    });
    expect(dup.status).toBe(400);
    await c.post("/v1/events/coupons/update", {
      event_id: "evt-sbx0004",
      code: "lastCall",
      remaining_count: 3,
    });
    const list = await c.walk("/v1/events/coupons/list", { event_id: "evt-sbx0004" });
    expect(list.entries.find((e) => e.code === "LASTCALL")).toMatchObject({ remaining_count: 3 });
    const missing = await c.post("/v1/events/coupons/update", { event_id: "evt-sbx0004", code: "NOPE" });
    expect(missing.status).toBe(404);
  });

  it("keeps calendar coupons apart from event coupons", async () => {
    await c.post("/v1/calendars/coupons/create", {
      code: "FALL25",
      discount: { discount_type: "percent", percent_off: 25 },
    });
    await c.post("/v1/calendars/coupons/update", {
      code: "fall25",
      valid_end_at: "2026-12-01T00:00:00.000Z",
    });
    const calendar = await c.walk("/v1/calendars/coupons/list", {});
    expect(calendar.entries.map((e) => e.code)).toEqual(["RIVERSIDE15", "MEMBER5", "FALL25"]);
    expect(calendar.entries[2]).toMatchObject({ valid_end_at: "2026-12-01T00:00:00.000Z", percent_off: 25 });
    const event = await c.walk("/v1/events/coupons/list", { event_id: "evt-sbx0004" });
    expect(event.entries.map((e) => e.code)).toEqual(["EARLYDEV", "SPEAKERS"]);
  });
});

describe("contacts and tags", () => {
  it("tags contacts, then filters by tag ID and by tag name", async () => {
    const created = await c.post("/v1/calendars/contact-tags/create", {
      name: "Early Adopter",
      color: "orange",
    });
    expect(created).toMatchObject({ status: 200, body: { id: "tag-sbxnew001" } });
    const applied = await c.post("/v1/calendars/contact-tags/apply", {
      tag: "tag-sbxnew001",
      emails: ["ava.thompson@example.com", "nobody@example.com"],
      user_ids: ["usr-sbx0002"],
    });
    expect(applied.body).toEqual({ applied_count: 2, skipped_count: 1 });
    const expected = ["ava.thompson@example.com", "liam.chen@example.com"];
    expect(await contactEmails({ tags: "tag-sbxnew001" })).toEqual(expected);
    expect(await contactEmails({ tags: "Early Adopter" })).toEqual(expected);

    const removed = await c.post("/v1/calendars/contact-tags/unapply", {
      tag: "Early Adopter",
      emails: ["liam.chen@example.com"],
    });
    expect(removed.body).toEqual({ removed_count: 1, skipped_count: 0 });
    expect(await contactEmails({ tags: "tag-sbxnew001" })).toEqual(["ava.thompson@example.com"]);
  });

  it("renames and deletes tags", async () => {
    await c.post("/v1/calendars/contact-tags/update", {
      tag_id: "tag-sbxsponsor",
      name: "Partner",
      color: "red",
    });
    let tags = (await c.get("/v1/calendars/contact-tags/list")).body.entries;
    expect(tags).toContainEqual({ id: "tag-sbxsponsor", name: "Partner", color: "red" });
    expect(await contactEmails({ tags: "Partner" })).toEqual([
      "ethan.nguyen@example.com",
      "henry.walker@example.com",
    ]);

    await c.post("/v1/calendars/contact-tags/delete", { tag_id: "tag-sbxsponsor" });
    tags = (await c.get("/v1/calendars/contact-tags/list")).body.entries;
    expect(ids(tags)).not.toContain("tag-sbxsponsor");
    expect(await contactEmails({ tags: "tag-sbxsponsor" })).toEqual([]);
    const again = await c.post("/v1/calendars/contact-tags/delete", { tag_id: "tag-sbxsponsor" });
    expect(again.status).toBe(404);
  });

  it("imports contacts with tags and finds them by name or email, case-insensitively", async () => {
    await c.post("/v1/calendars/contacts/import", {
      contacts: [
        { email: "Robin.Imported@example.com", name: "Robin Imported" },
        { email: "quinn@example.com" },
      ],
      tags: ["speaker"],
    });
    expect(await contactEmails({ query: "ROBIN" })).toEqual(["robin.imported@example.com"]);
    expect(await contactEmails({ query: "quinn@" })).toEqual(["quinn@example.com"]);
    const speakers = await contactEmails({ tags: "tag-sbxspeaker" });
    expect(speakers).toEqual(expect.arrayContaining(["robin.imported@example.com", "quinn@example.com"]));
    expect(speakers).toHaveLength(6);
  });

  it("filters contacts by any of several tags and by membership", async () => {
    const either = await contactEmails({ tags: ["Sponsor", "tag-sbxvip"] });
    expect(either).toHaveLength(6);
    const pending = await contactEmails({ membership_status: "approved-pending-payment" });
    expect(pending).toEqual(["leo.tanaka@example.com", "owen.murphy@example.com"]);
    const supporters = await contactEmails({ calendar_membership_tier_id: "tier-sbxsupporter" });
    expect(supporters).toHaveLength(7);
  });

  describe("contact moderation", () => {
    it("removes, blocks and restores people, by email or contact ID", async () => {
      expect(await contactEmails({})).toContain("mia.johnson@example.com");
      expect(
        (await c.post("/v1/calendars/contacts/remove", { email: "mia.johnson@example.com" })).status,
      ).toBe(200);
      expect(await contactEmails({})).not.toContain("mia.johnson@example.com");
      expect((await c.post("/v1/calendars/contacts/restore", { contact_id: "cnt-sbx0005" })).status).toBe(
        200,
      );
      expect(await contactEmails({})).toContain("mia.johnson@example.com");

      await c.post("/v1/calendars/contacts/block", { contact_id: "cnt-sbx0005" });
      // Removing a blocked person does not unblock them; only restore does.
      await c.post("/v1/calendars/contacts/remove", { contact_id: "cnt-sbx0005" });
      expect(await contactEmails({})).not.toContain("mia.johnson@example.com");
      await c.post("/v1/calendars/contacts/restore", { email: "mia.johnson@example.com" });
      expect(await contactEmails({})).toContain("mia.johnson@example.com");
    });

    it("answers 400 without a reference and 404 for an unknown one", async () => {
      expect((await c.post("/v1/calendars/contacts/remove", {})).status).toBe(400);
      expect((await c.post("/v1/calendars/contacts/block", { email: "nobody@example.com" })).status).toBe(
        404,
      );
      expect((await c.post("/v1/calendars/contacts/block", { email: 5 })).status).toBe(400);
    });
  });
});

describe("memberships", () => {
  it("adds a member to the free tier as pending (it needs approval), then approves them", async () => {
    const added = await c.post("/v1/memberships/members/add", {
      email: "joiner@example.com",
      membership_tier_id: "tier-sbxcommunity",
    });
    expect(added.body).toMatchObject({ status: "pending", membership_id: "mbr-sbxnew001" });
    expect(await contactEmails({ membership_status: "pending" })).toContain("joiner@example.com");
    await c.post("/v1/memberships/members/update-status", {
      user_id: "joiner@example.com",
      status: "approved",
    });
    expect(await contactEmails({ membership_status: "approved" })).toContain("joiner@example.com");
    expect(await contactEmails({ membership_status: "pending" })).not.toContain("joiner@example.com");
  });

  it("needs skip_payment for a paid tier and captures a pending payment on approval", async () => {
    const refused = await c.post("/v1/memberships/members/add", {
      email: "payer@example.com",
      membership_tier_id: "tier-sbxsupporter",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/skip_payment/);
    const ok = await c.post("/v1/memberships/members/add", {
      email: "payer@example.com",
      membership_tier_id: "tier-sbxsupporter",
      skip_payment: true,
    });
    expect(ok.body.status).toBe("approved");
    await c.post("/v1/memberships/members/update-status", { user_id: "usr-sbx0024", status: "approved" });
    expect(await contactEmails({ membership_status: "approved-pending-payment" })).toEqual([
      "leo.tanaka@example.com",
    ]);
  });
});

describe("calendar listing", () => {
  it("adds an external event that lookup and the external list then show", async () => {
    const url = "https://events.example.com/maker-faire";
    expect((await c.get("/v1/calendars/events/lookup", { url })).body).toEqual({ event: null });
    const added = await c.post("/v1/calendars/events/add", {
      platform: "external",
      url,
      name: "Maker Faire",
      start_at: "2026-10-10T17:00:00.000Z",
      duration_interval: "PT6H",
      timezone: "America/Los_Angeles",
      submission_mode: "pending",
    });
    expect(added.body).toEqual({ id: "evt-sbxnew001", status: "pending" });
    expect((await c.get("/v1/calendars/events/lookup", { url: `${url}/` })).body.event).toMatchObject({
      id: "evt-sbxnew001",
      status: "pending",
    });
    const pending = await c.walk("/v1/calendars/events/list", { platforms: "external", status: "pending" });
    expect(pending.entries.find((e) => e.id === "evt-sbxnew001")).toMatchObject({
      platform: "external",
      end_at: "2026-10-10T23:00:00.000Z",
    });
  });

  it("adds another calendar's Luma event to the listing", async () => {
    const before = await c.get("/v1/calendars/events/lookup", { event_id: "evt-sbxpartner1" });
    expect(before.body).toEqual({ event: null });
    const added = await c.post("/v1/calendars/events/add", { platform: "luma", event_id: "evt-sbxpartner1" });
    expect(added.body).toEqual({ id: "evt-sbxpartner1", status: "approved" });
    const after = await c.get("/v1/calendars/events/lookup", {
      event_id: "evt-sbxpartner1",
      platform: "luma",
    });
    expect(after.body.event).toMatchObject({ id: "evt-sbxpartner1", status: "approved" });
    // Listed is not managed: admin routes stay closed, as on Luma.
    expect((await c.get("/v1/events/get", { event_id: "evt-sbxpartner1" })).status).toBe(403);
    // The older spec path serves the same route.
    const old = await c.get("/v1/calendar/lookup-event", { url: "https://lu.ma/sandbox-devconf" });
    expect(old.body.event).toMatchObject({ id: "evt-sbx0004", status: "approved" });
  });

  it("looks up slugs of the calendar and events, and answers null for a free slug", async () => {
    const cal = await c.get("/v1/entities/lookup", { slug: "sandbox-riverside-tech" });
    expect(cal.body.entity).toMatchObject({ type: "calendar", calendar: { id: "cal-sbxriverside" } });
    const free = await c.get("/v1/entities/lookup", { slug: "no-such-slug-here" });
    expect(free.body).toEqual({ entity: null });
  });

  it("hands out Luma CDN upload URLs that pass as cover_url", async () => {
    const res = await c.post("/v1/images/create-upload-url", { content_type: "image/jpeg" });
    expect(res.body.file_url).toMatch(/^https:\/\/images\.lumacdn\.com\/.+\.jpg$/);
    expect(res.body.upload_url).toMatch(/^https:\/\/images\.lumacdn\.com\//);
    const update = await c.post("/v1/events/update", {
      event_id: "evt-sbx0003",
      cover_url: res.body.file_url,
    });
    expect(update.status).toBe(200);
    expect((await c.get("/v1/events/get", { event_id: "evt-sbx0003" })).body.cover_url).toBe(
      res.body.file_url,
    );
  });

  it("names the calendar and its owner as a sandbox", async () => {
    expect((await c.get("/v1/calendars/get")).body).toMatchObject({
      id: "cal-sbxriverside",
      name: "Sandbox: Riverside Tech Meetups",
    });
    expect((await c.get("/v1/users/get-self")).body).toMatchObject({ id: "usr-sbxowner" });
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

describe("errors, auth and protocol", () => {
  it("answers 404 with a message for unknown IDs", async () => {
    for (const [path, query] of [
      ["/v1/events/get", { event_id: "evt-doesnotexist" }],
      ["/v1/events/guests/get", { event_id: "evt-sbx0001", id: "gst-doesnotexist" }],
      ["/v1/events/ticket-types/get", { event_ticket_type_id: "ett-doesnotexist" }],
    ] as const) {
      const res = await c.get(path, query);
      expect(res.status, path).toBe(404);
      expect(res.body.message).toMatch(/not found/i);
    }
    const post = await c.post("/v1/events/guests/update-status", {
      event_id: "evt-sbx0003",
      guest_id: "gst-nope",
      status: "approved",
    });
    expect(post.status).toBe(404);
  });

  it("answers 400 with a message that names the problem for invalid bodies", async () => {
    const notJson = await c.request("POST", "/v1/events/create", { body: "{name: oops" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/JSON/);
    const notObject = await c.post("/v1/events/create", ["an", "array"]);
    expect(notObject.status).toBe(400);
    expect(notObject.body.message).toMatch(/object/);
    const missing = await c.post("/v1/events/create", { name: "No time" });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/start_at/);
    const badEnum = await c.post("/v1/events/guests/update-status", {
      event_id: "evt-sbx0003",
      guest_id: "gst-sbx0306",
      status: "maybe",
    });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.message).toMatch(/status/);
    const badType = await c.post("/v1/events/coupons/create", {
      event_id: "evt-sbx0004",
      code: "X1",
      discount: { discount_type: "percent", percent_off: "ten" },
    });
    expect(badType.status).toBe(400);
    expect(badType.body.message).toMatch(/percent_off/);
    // A refused write changes nothing.
    expect(await guestIds("evt-sbx0003", "pending_approval")).toContain("gst-sbx0306");
  });

  it("answers 401 without an API key, and accepts any non-empty key", async () => {
    const keyless: Record<string, string>[] = [{}, { "x-luma-api-key": "  " }];
    for (const headers of keyless) {
      const res = await fetch(`${c.sandbox.url}/v1/users/get-self`, { headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { message: string }).message).toMatch(/x-luma-api-key/);
    }
    const res = await fetch(`${c.sandbox.url}/v1/users/get-self`, {
      headers: { "x-luma-api-key": "anything" },
    });
    expect(res.status).toBe(200);
  });

  it("answers 404 for unknown paths and 405 for a wrong method", async () => {
    const unknown = await c.get("/v1/events/explode");
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toEqual(expect.any(String));
    const wrong = await c.post("/v1/events/get", { event_id: "evt-sbx0001" });
    expect(wrong.status).toBe(405);
    expect(wrong.body.message).toMatch(/GET/);
  });

  it("answers 413 for a body over 1 MB", async () => {
    const res = await c.post("/v1/calendars/contacts/import", {
      contacts: [{ email: "big@example.com", name: "x".repeat(1_100_000) }],
    });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/too large/);
  });

  it("sends rate-limit headers that count down but never answers 429", async () => {
    const header = (r: { headers: Headers }, name: string) => Number(r.headers.get(name));
    const first = await c.get("/v1/users/get-self");
    expect(first.headers.get("x-ratelimit-limit")).toBe("200");
    expect(header(first, "x-ratelimit-reset")).toBeGreaterThan(Date.now() / 1000 - 1);
    const burst = await Promise.all(Array.from({ length: 210 }, () => c.get("/v1/users/get-self")));
    expect(burst.map((r) => r.status)).toEqual(Array(210).fill(200));
    const last = await c.get("/v1/users/get-self");
    if (header(last, "x-ratelimit-reset") === header(first, "x-ratelimit-reset")) {
      expect(header(last, "x-ratelimit-remaining")).toBe(0);
    } else {
      // The minute rolled over during the burst: a fresh window has most of its budget left.
      expect(header(last, "x-ratelimit-remaining")).toBeGreaterThan(0);
    }
  });

  it("closes promptly even with a keep-alive connection open", async () => {
    const other = await openSandbox();
    const res = await fetch(`${other.sandbox.url}/v1/users/get-self`, { headers: { "x-luma-api-key": "k" } });
    expect(res.status).toBe(200);
    const started = Date.now();
    await other.sandbox.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${other.sandbox.url}/v1/users/get-self`)).rejects.toThrow();
  });
});
