// Sandbox conformance cases: for each Luma operation the sandbox serves, one call with valid inputs drawn
// from the seed. test/sandbox/conformance.test.ts runs them against Luma's published 200-response schemas;
// test/tools/catalog.test.ts checks that every sandbox route has one.

import type { Answer, SandboxClient } from "./helpers.js";

export interface Case {
  call: (c: SandboxClient) => Promise<Answer>;
  /** The answer must hold at least one entry (for lists) so the entry schema is checked too. */
  nonEmpty?: boolean;
}

const get =
  (path: string, query: Record<string, string | string[]> = {}) =>
  (c: SandboxClient) =>
    c.get(path, query);
const post = (path: string, body: unknown) => (c: SandboxClient) => c.post(path, body);

/** `call` on a sandbox where door.staff@example.com already hosts evt-sbx0007 (hosts/add's case). */
const afterAddingDoorStaff =
  (call: (c: SandboxClient) => Promise<Answer>) =>
  async (c: SandboxClient): Promise<Answer> => {
    const added = await c.post("/v1/events/hosts/add", {
      event_id: "evt-sbx0007",
      email: "door.staff@example.com",
      access_level: "check-in",
    });
    if (added.status !== 200) return added;
    return call(c);
  };

/** Keyed by operation ("GET /v1/events/get"). Each case runs against a fresh sandbox, on its seed records. */
export const CASES: Record<string, Case> = {
  "GET /v1/events/get": { call: get("/v1/events/get", { event_id: "evt-sbx0004" }) },
  "GET /v1/calendars/events/list": {
    call: get("/v1/calendars/events/list", { platforms: ["luma", "external"] }),
    nonEmpty: true,
  },
  "GET /v1/events/guests/get": {
    call: get("/v1/events/guests/get", { event_id: "evt-sbx0002", id: "gst-sbx0205" }),
  },
  "GET /v1/events/guests/list": {
    call: get("/v1/events/guests/list", { event_id: "evt-sbx0003" }),
    nonEmpty: true,
  },
  "GET /v1/users/get-self": { call: get("/v1/users/get-self") },
  "GET /v1/calendars/contact-tags/list": { call: get("/v1/calendars/contact-tags/list"), nonEmpty: true },
  "GET /v1/entities/lookup": { call: get("/v1/entities/lookup", { slug: "sandbox-devconf" }) },
  "GET /v1/calendars/events/lookup": {
    call: get("/v1/calendars/events/lookup", { event_id: "evt-sbx0001" }),
  },
  "GET /v1/calendars/contacts/list": {
    call: get("/v1/calendars/contacts/list", { sort_column: "name" }),
    nonEmpty: true,
  },
  "GET /v1/events/coupons/list": {
    call: get("/v1/events/coupons/list", { event_id: "evt-sbx0004" }),
    nonEmpty: true,
  },
  "GET /v1/calendars/coupons/list": { call: get("/v1/calendars/coupons/list"), nonEmpty: true },
  "GET /v1/events/ticket-types/list": {
    call: get("/v1/events/ticket-types/list", { event_id: "evt-sbx0004", include_hidden: "true" }),
    nonEmpty: true,
  },
  "GET /v1/events/ticket-types/get": {
    call: get("/v1/events/ticket-types/get", { event_ticket_type_id: "ett-sbx0401" }),
  },
  "GET /v1/memberships/tiers/list": { call: get("/v1/memberships/tiers/list"), nonEmpty: true },
  "POST /v1/calendars/contact-tags/update": {
    call: post("/v1/calendars/contact-tags/update", { tag_id: "tag-sbxsponsor", color: "orange" }),
  },
  "POST /v1/calendars/contact-tags/delete": {
    call: post("/v1/calendars/contact-tags/delete", { tag_id: "tag-sbxnewcomer" }),
  },
  "POST /v1/calendars/contact-tags/apply": {
    call: post("/v1/calendars/contact-tags/apply", { tag: "VIP", emails: ["noah.patel@example.com"] }),
  },
  "POST /v1/calendars/contact-tags/unapply": {
    call: post("/v1/calendars/contact-tags/unapply", { tag: "tag-sbxvip", user_ids: ["usr-sbx0001"] }),
  },
  "POST /v1/events/ticket-types/delete": {
    call: post("/v1/events/ticket-types/delete", { event_ticket_type_id: "ett-sbx0402" }),
  },
  "POST /v1/memberships/members/update-status": {
    call: post("/v1/memberships/members/update-status", { user_id: "usr-sbx0020", status: "approved" }),
  },
  "GET /v1/calendars/get": { call: get("/v1/calendars/get") },
  "POST /v1/events/create": {
    call: post("/v1/events/create", {
      name: "Conformance Night",
      start_at: "2026-10-20T01:00:00.000Z",
      timezone: "America/Los_Angeles",
    }),
  },
  "POST /v1/events/update": {
    call: post("/v1/events/update", { event_id: "evt-sbx0007", name: "Board Game Social (Strategy Night)" }),
  },
  "POST /v1/events/guests/update-status": {
    call: post("/v1/events/guests/update-status", {
      event_id: "evt-sbx0005",
      guest_id: "gst-sbx0509",
      status: "approved",
    }),
  },
  "POST /v1/events/guests/send-invites": {
    call: post("/v1/events/guests/send-invites", {
      event_id: "evt-sbx0006",
      guests: [{ email: "new.founder@example.com", name: "New Founder" }],
    }),
  },
  "POST /v1/events/guests/add": {
    call: post("/v1/events/guests/add", {
      event_id: "evt-sbx0007",
      guests: [{ email: "walk.in@example.com", name: "Walk In" }],
    }),
  },
  "POST /v1/events/hosts/add": {
    call: post("/v1/events/hosts/add", {
      event_id: "evt-sbx0007",
      email: "door.staff@example.com",
      access_level: "check-in",
    }),
  },
  "POST /v1/events/coupons/create": {
    call: post("/v1/events/coupons/create", {
      event_id: "evt-sbx0004",
      code: "FRIENDS10",
      discount: { discount_type: "percent", percent_off: 10 },
    }),
  },
  "POST /v1/events/coupons/update": {
    call: post("/v1/events/coupons/update", {
      event_id: "evt-sbx0004",
      code: "EARLYDEV",
      remaining_count: 5,
    }),
  },
  "POST /v1/calendars/coupons/create": {
    call: post("/v1/calendars/coupons/create", {
      code: "WINTER20",
      discount: { discount_type: "amount", cents_off: 2000, currency: "usd" },
    }),
  },
  "POST /v1/calendars/coupons/update": {
    call: post("/v1/calendars/coupons/update", { code: "MEMBER5", remaining_count: 250 }),
  },
  "POST /v1/calendars/contacts/import": {
    call: post("/v1/calendars/contacts/import", {
      contacts: [{ email: "imported.person@example.com", name: "Imported Person" }],
      tags: ["Volunteer"],
    }),
  },
  "POST /v1/calendars/contact-tags/create": {
    call: post("/v1/calendars/contact-tags/create", { name: "Mentor", color: "green" }),
  },
  "POST /v1/calendars/events/add": {
    call: post("/v1/calendars/events/add", {
      platform: "external",
      url: "https://events.example.com/robotics-demo-day",
      name: "Robotics Demo Day",
      start_at: "2026-10-03T18:00:00.000Z",
      duration_interval: "PT3H",
      timezone: "America/Los_Angeles",
    }),
  },
  "POST /v1/images/create-upload-url": {
    call: post("/v1/images/create-upload-url", { content_type: "image/png" }),
  },
  "POST /v1/events/ticket-types/create": {
    call: post("/v1/events/ticket-types/create", {
      event_id: "evt-sbx0004",
      name: "Group of 4",
      type: "paid",
      cents: 16000,
      currency: "usd",
    }),
  },
  "POST /v1/events/ticket-types/update": {
    call: post("/v1/events/ticket-types/update", { event_ticket_type_id: "ett-sbx0404", max_capacity: 25 }),
  },
  "POST /v1/memberships/members/add": {
    call: post("/v1/memberships/members/add", {
      email: "new.member@example.com",
      membership_tier_id: "tier-sbxcommunity",
    }),
  },
  // The opt-in tools' operations. A token changes nothing; the cancelled event is one the case creates.
  "POST /v1/events/cancel/request": {
    call: post("/v1/events/cancel/request", { event_id: "evt-sbx0006" }),
  },
  "POST /v1/events/cancel": {
    call: async (c) => {
      const created = await c.post("/v1/events/create", {
        name: "Cancelled Night",
        start_at: "2026-11-20T01:00:00.000Z",
        timezone: "America/Los_Angeles",
      });
      const token = await c.post("/v1/events/cancel/request", { event_id: created.body.id });
      return c.post("/v1/events/cancel", {
        event_id: created.body.id,
        cancellation_token: token.body.cancellation_token,
      });
    },
  },
  // The host that hosts/add's case adds, added first: each case starts from the seed.
  "POST /v1/events/hosts/update": {
    call: afterAddingDoorStaff(
      post("/v1/events/hosts/update", {
        event_id: "evt-sbx0007",
        email: "door.staff@example.com",
        access_level: "manager",
        is_visible: false,
      }),
    ),
  },
  "POST /v1/events/hosts/remove": {
    call: afterAddingDoorStaff(
      post("/v1/events/hosts/remove", { event_id: "evt-sbx0007", email: "door.staff@example.com" }),
    ),
  },
  "POST /v1/events/guests/update-tickets": {
    call: post("/v1/events/guests/update-tickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0401",
      tickets_to_add: [{ event_ticket_type_id: "ett-sbx0403" }],
      send_email: false,
    }),
  },
  "POST /v1/calendars/contacts/remove": {
    call: post("/v1/calendars/contacts/remove", { email: "lucas.kim@example.com" }),
  },
  "POST /v1/calendars/contacts/block": {
    call: post("/v1/calendars/contacts/block", { contact_id: "cnt-sbx0010" }),
  },
  "POST /v1/calendars/contacts/restore": {
    call: post("/v1/calendars/contacts/restore", { email: "lucas.kim@example.com" }),
  },
  "POST /v1/calendars/update": {
    call: post("/v1/calendars/update", {
      calendar_id: "cal-sbxriverside",
      description: "Meetups for Riverside's developers.",
      tint_color: "#E3CBEF",
    }),
  },
  "GET /v1/calendars/admins/list": { call: get("/v1/calendars/admins/list"), nonEmpty: true },
  "POST /v1/calendars/events/approve": {
    call: post("/v1/calendars/events/approve", { calendar_event_id: "calev-sbxext0002" }),
  },
  "POST /v1/calendars/events/reject": {
    call: async (c) => {
      await c.post("/v1/calendars/events/add", {
        platform: "luma",
        event_id: "evt-sbxpartner1",
        submission_mode: "pending",
      });
      return c.post("/v1/calendars/events/reject", {
        calendar_event_id: "evt-sbxpartner1",
        message: "Outside our area, sorry.",
      });
    },
  },
  "GET /v1/webhooks/list": { call: get("/v1/webhooks/list"), nonEmpty: true },
  "GET /v2/webhooks/get": { call: get("/v2/webhooks/get", { id: "wh-sbx0001" }) },
  "POST /v2/webhooks/create": {
    call: post("/v2/webhooks/create", {
      url: "https://hooks.example.com/riverside/events",
      event_types: ["event.created", "event.canceled"],
    }),
  },
  "POST /v2/webhooks/update": {
    call: post("/v2/webhooks/update", { id: "wh-sbx0001", status: "paused" }),
  },
  "POST /v1/webhooks/delete": {
    call: async (c) => {
      const created = await c.post("/v2/webhooks/create", {
        url: "https://hooks.example.com/riverside/short-lived",
        event_types: ["*"],
      });
      return c.post("/v1/webhooks/delete", { id: created.body.id });
    },
  },
  "GET /v1/calendars/event-tags/list": { call: get("/v1/calendars/event-tags/list"), nonEmpty: true },
  "POST /v1/calendars/event-tags/create": {
    call: post("/v1/calendars/event-tags/create", { name: "Hackathon", color: "red" }),
  },
  "POST /v1/calendars/event-tags/update": {
    call: post("/v1/calendars/event-tags/update", { tag_id: "evtag-sbxsocial", color: "green" }),
  },
  "POST /v1/calendars/event-tags/delete": {
    call: post("/v1/calendars/event-tags/delete", { tag_id: "evtag-sbxconference" }),
  },
  "POST /v1/calendars/event-tags/apply": {
    call: post("/v1/calendars/event-tags/apply", {
      tag: "Workshop",
      event_ids: ["evt-sbx0002", "evt-sbxpartner1"],
    }),
  },
  "POST /v1/calendars/event-tags/unapply": {
    call: post("/v1/calendars/event-tags/unapply", { tag: "evtag-sbxai", event_ids: ["evt-sbx0003"] }),
  },
  "GET /v1/organizations/admins/list": { call: get("/v1/organizations/admins/list"), nonEmpty: true },
  "GET /v1/organizations/calendars/list": {
    call: get("/v1/organizations/calendars/list"),
    nonEmpty: true,
  },
  "GET /v1/organizations/events/list": {
    call: get("/v1/organizations/events/list", { sort_direction: "desc" }),
    nonEmpty: true,
  },
  "POST /v1/organizations/events/transfer-calendar": {
    call: post("/v1/organizations/events/transfer-calendar", {
      event_id: "evt-sbx0001",
      calendar_id: "cal-sbxworkshops",
    }),
  },
  "POST /v2/organizations/calendars/create": {
    call: post("/v2/organizations/calendars/create", {
      name: "Riverside Kids Code Club",
      slug: "riverside-kids-code",
      tint_color: "#2F80ED",
    }),
  },
};
