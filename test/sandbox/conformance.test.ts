// Sandbox tests: every one of the 38 operations answers 200 with a body that validates against Luma's
// published 200-response schema (test/fixtures/luma-response-schemas.json), called with valid inputs
// drawn from the seed. Lists must be non-empty, so that their entry schemas are really exercised.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Answer,
  openSandbox,
  RESPONSE_SCHEMAS,
  responseValidator,
  type SandboxClient,
} from "./helpers.js";

interface Case {
  operation: string;
  call: (c: SandboxClient) => Promise<Answer>;
  /** The answer must hold at least one entry (for lists) so the entry schema is checked too. */
  nonEmpty?: boolean;
}

const get =
  (path: string, query: Record<string, string | string[]> = {}) =>
  (c: SandboxClient) =>
    c.get(path, query);
const post = (path: string, body: unknown) => (c: SandboxClient) => c.post(path, body);

// Cases run in order against one sandbox; each write touches its own seed records.
const CASES: Case[] = [
  { operation: "GET /v1/events/get", call: get("/v1/events/get", { event_id: "evt-sbx0004" }) },
  {
    operation: "GET /v1/calendars/events/list",
    call: get("/v1/calendars/events/list", { platforms: ["luma", "external"] }),
    nonEmpty: true,
  },
  {
    operation: "GET /v1/events/guests/get",
    call: get("/v1/events/guests/get", { event_id: "evt-sbx0002", id: "gst-sbx0205" }),
  },
  {
    operation: "GET /v1/events/guests/list",
    call: get("/v1/events/guests/list", { event_id: "evt-sbx0003" }),
    nonEmpty: true,
  },
  { operation: "GET /v1/users/get-self", call: get("/v1/users/get-self") },
  {
    operation: "GET /v1/calendars/contact-tags/list",
    call: get("/v1/calendars/contact-tags/list"),
    nonEmpty: true,
  },
  { operation: "GET /v1/entities/lookup", call: get("/v1/entities/lookup", { slug: "sandbox-devconf" }) },
  {
    operation: "GET /v1/calendars/events/lookup",
    call: get("/v1/calendars/events/lookup", { event_id: "evt-sbx0001" }),
  },
  {
    operation: "GET /v1/calendars/contacts/list",
    call: get("/v1/calendars/contacts/list", { sort_column: "name" }),
    nonEmpty: true,
  },
  {
    operation: "GET /v1/events/coupons/list",
    call: get("/v1/events/coupons/list", { event_id: "evt-sbx0004" }),
    nonEmpty: true,
  },
  { operation: "GET /v1/calendars/coupons/list", call: get("/v1/calendars/coupons/list"), nonEmpty: true },
  {
    operation: "GET /v1/events/ticket-types/list",
    call: get("/v1/events/ticket-types/list", { event_id: "evt-sbx0004", include_hidden: "true" }),
    nonEmpty: true,
  },
  {
    operation: "GET /v1/events/ticket-types/get",
    call: get("/v1/events/ticket-types/get", { event_ticket_type_id: "ett-sbx0401" }),
  },
  { operation: "GET /v1/memberships/tiers/list", call: get("/v1/memberships/tiers/list"), nonEmpty: true },
  {
    operation: "POST /v1/calendars/contact-tags/update",
    call: post("/v1/calendars/contact-tags/update", { tag_id: "tag-sbxsponsor", color: "orange" }),
  },
  {
    operation: "POST /v1/calendars/contact-tags/delete",
    call: post("/v1/calendars/contact-tags/delete", { tag_id: "tag-sbxnewcomer" }),
  },
  {
    operation: "POST /v1/calendars/contact-tags/apply",
    call: post("/v1/calendars/contact-tags/apply", { tag: "VIP", emails: ["noah.patel@example.com"] }),
  },
  {
    operation: "POST /v1/calendars/contact-tags/unapply",
    call: post("/v1/calendars/contact-tags/unapply", { tag: "tag-sbxvip", user_ids: ["usr-sbx0001"] }),
  },
  {
    operation: "POST /v1/events/ticket-types/delete",
    call: post("/v1/events/ticket-types/delete", { event_ticket_type_id: "ett-sbx0402" }),
  },
  {
    operation: "POST /v1/memberships/members/update-status",
    call: post("/v1/memberships/members/update-status", { user_id: "usr-sbx0020", status: "approved" }),
  },
  { operation: "GET /v1/calendars/get", call: get("/v1/calendars/get") },
  {
    operation: "POST /v1/events/create",
    call: post("/v1/events/create", {
      name: "Conformance Night",
      start_at: "2026-10-20T01:00:00.000Z",
      timezone: "America/Los_Angeles",
    }),
  },
  {
    operation: "POST /v1/events/update",
    call: post("/v1/events/update", { event_id: "evt-sbx0007", name: "Board Game Social (Strategy Night)" }),
  },
  {
    operation: "POST /v1/events/guests/update-status",
    call: post("/v1/events/guests/update-status", {
      event_id: "evt-sbx0005",
      guest_id: "gst-sbx0509",
      status: "approved",
    }),
  },
  {
    operation: "POST /v1/events/guests/send-invites",
    call: post("/v1/events/guests/send-invites", {
      event_id: "evt-sbx0006",
      guests: [{ email: "new.founder@example.com", name: "New Founder" }],
    }),
  },
  {
    operation: "POST /v1/events/guests/add",
    call: post("/v1/events/guests/add", {
      event_id: "evt-sbx0007",
      guests: [{ email: "walk.in@example.com", name: "Walk In" }],
    }),
  },
  {
    operation: "POST /v1/events/hosts/add",
    call: post("/v1/events/hosts/add", {
      event_id: "evt-sbx0007",
      email: "door.staff@example.com",
      access_level: "check-in",
    }),
  },
  {
    operation: "POST /v1/events/coupons/create",
    call: post("/v1/events/coupons/create", {
      event_id: "evt-sbx0004",
      code: "FRIENDS10",
      discount: { discount_type: "percent", percent_off: 10 },
    }),
  },
  {
    operation: "POST /v1/events/coupons/update",
    call: post("/v1/events/coupons/update", {
      event_id: "evt-sbx0004",
      code: "EARLYDEV",
      remaining_count: 5,
    }),
  },
  {
    operation: "POST /v1/calendars/coupons/create",
    call: post("/v1/calendars/coupons/create", {
      code: "WINTER20",
      discount: { discount_type: "amount", cents_off: 2000, currency: "usd" },
    }),
  },
  {
    operation: "POST /v1/calendars/coupons/update",
    call: post("/v1/calendars/coupons/update", { code: "MEMBER5", remaining_count: 250 }),
  },
  {
    operation: "POST /v1/calendars/contacts/import",
    call: post("/v1/calendars/contacts/import", {
      contacts: [{ email: "imported.person@example.com", name: "Imported Person" }],
      tags: ["Volunteer"],
    }),
  },
  {
    operation: "POST /v1/calendars/contact-tags/create",
    call: post("/v1/calendars/contact-tags/create", { name: "Mentor", color: "green" }),
  },
  {
    operation: "POST /v1/calendars/events/add",
    call: post("/v1/calendars/events/add", {
      platform: "external",
      url: "https://events.example.com/robotics-demo-day",
      name: "Robotics Demo Day",
      start_at: "2026-10-03T18:00:00.000Z",
      duration_interval: "PT3H",
      timezone: "America/Los_Angeles",
    }),
  },
  {
    operation: "POST /v1/images/create-upload-url",
    call: post("/v1/images/create-upload-url", { content_type: "image/png" }),
  },
  {
    operation: "POST /v1/events/ticket-types/create",
    call: post("/v1/events/ticket-types/create", {
      event_id: "evt-sbx0004",
      name: "Group of 4",
      type: "paid",
      cents: 16000,
      currency: "usd",
    }),
  },
  {
    operation: "POST /v1/events/ticket-types/update",
    call: post("/v1/events/ticket-types/update", { event_ticket_type_id: "ett-sbx0404", max_capacity: 25 }),
  },
  {
    operation: "POST /v1/memberships/members/add",
    call: post("/v1/memberships/members/add", {
      email: "new.member@example.com",
      membership_tier_id: "tier-sbxcommunity",
    }),
  },
];

describe("sandbox response conformance", () => {
  let client: SandboxClient;
  beforeAll(async () => {
    client = await openSandbox();
  });
  afterAll(async () => {
    await client.sandbox.close();
  });

  it("covers every operation of the response-schema fixture, each once", () => {
    const operations = CASES.map((c) => c.operation);
    expect(new Set(operations).size).toBe(operations.length);
    expect([...operations].sort()).toEqual(Object.keys(RESPONSE_SCHEMAS).sort());
    expect(operations).toHaveLength(38);
  });

  it.each(CASES.map((c) => [c.operation, c] as const))("%s answers per its response schema", async (_, c) => {
    const answer = await c.call(client);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    const validate = responseValidator(c.operation);
    const valid = validate(answer.body);
    expect(validate.errors ?? [], JSON.stringify(answer.body).slice(0, 500)).toEqual([]);
    expect(valid).toBe(true);
    if (c.nonEmpty) expect(answer.body.entries.length).toBeGreaterThan(0);
  });
});
