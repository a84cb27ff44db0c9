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
};
