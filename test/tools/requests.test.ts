// For every tool: the exact request Luma receives (method, path, query with repeated params, JSON body,
// key header), through the real server and client with MockAgent in place of Luma.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TOOLS } from "../support/catalog.js";
import { connect, TEST_KEY } from "../support/in-process.js";
import { expectRequest, type RequestCase } from "../support/mock-luma.js";
import { textOf } from "../support/results.js";

const CASES: RequestCase[] = [
  {
    tool: "GetEventAdminInfo",
    args: { event_api_id: "evt-1" },
    method: "GET",
    path: "/v1/events/get",
    query: { event_id: "evt-1" },
  },
  {
    tool: "ListLumaCalendarEvents",
    args: {
      event_sort_direction: "desc nulls last",
      filter_events_before: "2026-12-01T00:00:00Z",
      number_of_items_to_return: 10,
      pagination_cursor: "cur+/=&x",
      sort_by_column: "start_at",
      start_date_after: "2026-11-01T00:00:00Z",
    },
    method: "GET",
    path: "/v1/calendars/events/list",
    query: {
      sort_direction: "desc nulls last",
      before: "2026-12-01T00:00:00Z",
      pagination_limit: "10",
      pagination_cursor: "cur+/=&x",
      sort_column: "start_at",
      after: "2026-11-01T00:00:00Z",
    },
  },
  {
    tool: "GetEventGuest",
    args: { event_identifier: "evt-1", proxy_key: "pk-abc" },
    method: "GET",
    path: "/v1/events/guests/get",
    query: { event_id: "evt-1", id: "pk-abc" },
  },
  {
    tool: "GetEventGuests",
    args: {
      event_id: "evt-1",
      guest_approval_status: "waitlist",
      guest_sort_column: "registered_at",
      items_to_return: 5,
      next_cursor_value: "c2",
      sort_order: "asc",
    },
    method: "GET",
    path: "/v1/events/guests/list",
    query: {
      event_id: "evt-1",
      approval_status: "waitlist",
      sort_column: "registered_at",
      pagination_limit: "5",
      pagination_cursor: "c2",
      sort_direction: "asc",
    },
  },
  { tool: "GetUserInfo", args: {}, method: "GET", path: "/v1/users/get-self", query: {} },
  {
    tool: "ListPersonTags",
    args: { items_to_return: 2, sort_by_column: "name" },
    method: "GET",
    path: "/v1/calendars/contact-tags/list",
    query: {},
  },
  {
    tool: "LumaEntityLookup",
    args: { entity_slug: "my-event" },
    method: "GET",
    path: "/v1/entities/lookup",
    query: { slug: "my-event" },
  },
  {
    tool: "CheckEventExistence",
    args: { calendar_platform_type: "external", event_details_url: "https://example.com/e?a=1&b=2" },
    method: "GET",
    path: "/v1/calendars/events/lookup",
    query: { platform: "external", url: "https://example.com/e?a=1&b=2" },
  },
  {
    tool: "ListPeople",
    args: {
      calendar_membership_status: "approved-pending-payment",
      calendar_tier_id: "tier-1",
      filter_by_tags: "VIP, tag-2 ,speakers",
      items_to_return: 20,
      pagination_next_cursor: "n1",
      search_query: "ada lovelace",
      sort_by_column: "revenue_usd_cents",
      sort_order: "desc",
    },
    method: "GET",
    path: "/v1/calendars/contacts/list",
    query: {
      membership_status: "approved-pending-payment",
      calendar_membership_tier_id: "tier-1",
      tags: ["VIP", "tag-2", "speakers"],
      pagination_limit: "20",
      pagination_cursor: "n1",
      query: "ada lovelace",
      sort_column: "revenue_usd_cents",
      sort_direction: "desc",
    },
  },
  {
    tool: "ListEventCoupons",
    args: { event_identifier: "evt-1", item_return_limit: 3, pagination_cursor: "p" },
    method: "GET",
    path: "/v1/events/coupons/list",
    query: { event_id: "evt-1", pagination_limit: "3", pagination_cursor: "p" },
  },
  {
    tool: "ListCalendarCoupons",
    args: { items_to_return: 7, pagination_cursor: "q" },
    method: "GET",
    path: "/v1/calendars/coupons/list",
    query: { pagination_limit: "7", pagination_cursor: "q" },
  },
  {
    tool: "ListEventTicketTypes",
    args: { event_identifier: "evt-1", include_hidden_ticket_types: true },
    method: "GET",
    path: "/v1/events/ticket-types/list",
    query: { event_id: "evt-1", include_hidden: "true" },
  },
  {
    tool: "GetTicketTypeById",
    args: { ticket_type_id: "evtticktyp-9" },
    method: "GET",
    path: "/v1/events/ticket-types/get",
    query: { event_ticket_type_id: "evtticktyp-9" },
  },
  {
    tool: "ListMembershipTiers",
    args: { items_to_return_count: 4, previous_request_next_cursor: "t" },
    method: "GET",
    path: "/v1/memberships/tiers/list",
    query: { pagination_limit: "4", pagination_cursor: "t" },
  },
  {
    tool: "UpdatePersonTag",
    args: { person_tag_api_id: "tag-1", tag_color: "barney", tag_name: "Speakers" },
    method: "POST",
    path: "/v1/calendars/contact-tags/update",
    body: { tag_id: "tag-1", color: "barney", name: "Speakers" },
  },
  {
    tool: "DeletePersonTag",
    args: { tag_identifier: "tag-1" },
    method: "POST",
    path: "/v1/calendars/contact-tags/delete",
    body: { tag_id: "tag-1" },
  },
  {
    tool: "ApplyTagToCalendarMembers",
    args: { tag_identifier: "VIP", email_addresses: ["a@example.com"], user_api_ids_to_tag: ["usr-1"] },
    method: "POST",
    path: "/v1/calendars/contact-tags/apply",
    body: { tag: "VIP", emails: ["a@example.com"], user_ids: ["usr-1"] },
  },
  {
    tool: "RemoveTagFromCalendarMembers",
    args: {
      tag_identifier: "tag-2",
      email_addresses_to_remove_tag: ["b@example.com"],
      user_api_ids_to_remove_tag: ["usr-2"],
    },
    method: "POST",
    path: "/v1/calendars/contact-tags/unapply",
    body: { tag: "tag-2", emails: ["b@example.com"], user_ids: ["usr-2"] },
  },
  {
    tool: "SoftDeleteTicketType",
    args: { event_ticket_type_id: "ett-1" },
    method: "POST",
    path: "/v1/events/ticket-types/delete",
    body: { event_ticket_type_id: "ett-1" },
  },
  {
    tool: "UpdateMembershipStatus",
    args: { membership_status: "declined", user_identifier: "m@example.com" },
    method: "POST",
    path: "/v1/memberships/members/update-status",
    body: { status: "declined", user_id: "m@example.com" },
  },
  { tool: "GetCalendar", args: {}, method: "GET", path: "/v1/calendars/get", query: {} },
];

/** The body tools: request_body goes out as given (string or object). */
const BODIES: [string, string, Record<string, unknown>][] = [
  [
    "CreateEvent",
    "/v1/events/create",
    { name: "Demo", start_at: "2026-12-01T18:00:00Z", timezone: "Europe/Berlin", theme: { x: 1 } },
  ],
  [
    "UpdateEvent",
    "/v1/events/update",
    { event_id: "evt-1", name: "Renamed", registration_open: false, suppress_notifications: true },
  ],
  [
    "UpdateGuestStatus",
    "/v1/events/guests/update-status",
    { event_id: "evt-1", guest_id: "gst-1", status: "approved" },
  ],
  [
    "SendGuestEventInvite",
    "/v1/events/guests/send-invites",
    { event_id: "evt-1", guests: [{ email: "a@example.com" }] },
  ],
  [
    "AddEventGuests",
    "/v1/events/guests/add",
    { event_id: "evt-1", guests: [{ email: "a@example.com", name: "A" }] },
  ],
  [
    "AddEventHost",
    "/v1/events/hosts/add",
    { event_id: "evt-1", email: "h@example.com", access_level: "manager" },
  ],
  [
    "CreateEventCoupon",
    "/v1/events/coupons/create",
    { event_id: "evt-1", code: "TEN", discount: { discount_type: "percent", percent_off: 10 } },
  ],
  ["ModifyCoupon", "/v1/events/coupons/update", { event_id: "evt-1", code: "TEN", remaining_count: 5 }],
  [
    "GenerateEventCoupon",
    "/v1/calendars/coupons/create",
    { code: "CAL", discount: { discount_type: "percent", percent_off: 5 } },
  ],
  ["UpdateCoupon", "/v1/calendars/coupons/update", { code: "CAL", remaining_count: 1 }],
  [
    "ImportPeopleToCalendar",
    "/v1/calendars/contacts/import",
    { contacts: [{ email: "c@example.com", name: "C" }] },
  ],
  ["CreatePersonTag", "/v1/calendars/contact-tags/create", { name: "VIP", color: "red" }],
  ["AddEventToLumaCalendar", "/v1/calendars/events/add", { platform: "luma", event_id: "evt-2" }],
  ["GenerateUploadUrl", "/v1/images/create-upload-url", { content_type: "image/png" }],
  [
    "CreateEventTicketType",
    "/v1/events/ticket-types/create",
    { event_id: "evt-1", name: "GA", type: "free" },
  ],
  [
    "UpdateTicketTypeConfiguration",
    "/v1/events/ticket-types/update",
    { event_ticket_type_id: "ett-1", name: "VIP" },
  ],
  [
    "AddUserToMembershipTier",
    "/v1/memberships/members/add",
    { email: "m@example.com", membership_tier_id: "tier-1" },
  ],
];
for (const [tool, path, body] of BODIES) {
  CASES.push({ tool, args: { mode: "execute", request_body: body }, method: "POST", path, body });
}

describe("every tool sends exactly the request Luma expects", () => {
  // A fresh server (and request log) for each test.
  let server: Awaited<ReturnType<typeof connect>>;
  beforeEach(async () => {
    server = await connect({
      respond: (req) => ({
        body: req.path.endsWith("/list") ? { entries: [], has_more: false } : { ok: true },
      }),
    });
  });
  afterEach(() => server.close());

  // The opt-in tools have theirs in test/tools/opt-in-requests.test.ts.
  it(`covers the ${DEFAULT_TOOLS.length} default tools`, () => {
    expect(new Set(CASES.map((c) => c.tool))).toEqual(new Set(DEFAULT_TOOLS.map((t) => t.name)));
  });

  it.each(CASES)("$tool -> $method $path", async (c) => {
    const before = server.requests.length;
    const result = await server.call(c.tool, c.args);
    expect(result.isError, textOf(result)).toBeFalsy();
    expectRequest(server.requests.slice(before), c, TEST_KEY);
  });

  it("accepts request_body as a JSON string too", async () => {
    const body = { name: "VIP" };
    const result = await server.call("CreatePersonTag", {
      mode: "execute",
      request_body: JSON.stringify(body),
    });
    expect(result.isError).toBeFalsy();
    expect(server.requests.at(-1)?.body).toEqual(body);
  });

  it("URL-encodes query values so they cannot change the path or add parameters", async () => {
    await server.call("LumaEntityLookup", { entity_slug: "../../v1/admin?x=1&slug=evil#frag" });
    const seen = server.requests.at(-1);
    expect(seen?.path).toBe("/v1/entities/lookup");
    expect(seen?.query).toEqual({ slug: "../../v1/admin?x=1&slug=evil#frag" });
  });
});
