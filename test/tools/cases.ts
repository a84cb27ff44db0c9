// One row per tool, keyed by its name: the arguments a test calls it with, the one request Luma must receive
// for them (method, path, query or JSON body), and, where those arguments do not fit the sandbox's seed, what
// to call it with there. test/tools/requests.test.ts checks the request against MockAgent Luma;
// test/sandbox/tools.test.ts calls every tool on a fresh sandbox and checks Luma's answer against its
// published response schema. Both check that every tool of the catalog has its row.
import type { SandboxClient } from "../sandbox/helpers.js";

type Args = Record<string, unknown>;

export interface ToolCase {
  args: Args;
  method: "GET" | "POST";
  path: string;
  /** A GET's query, as Luma receives it. */
  query?: Record<string, string | string[]>;
  /** A POST's JSON body, as Luma receives it. */
  body?: unknown;
  /** On the sandbox: `args` unless these are given; `prepare` brings the seed to the state the call needs,
   * and may return arguments to add (e.g. a token it asked for). */
  sandbox?: { args?: Args; prepare?: (c: SandboxClient) => Promise<Args | undefined> };
}

/** A `mode` + `request_body` tool's case: `body` sent as it is; `onSeed` the body used on the sandbox. */
function execute(
  path: string,
  body: Args,
  onSeed?: Args,
  sandbox: Omit<NonNullable<ToolCase["sandbox"]>, "args"> = {},
): ToolCase {
  const args = (request_body: Args) => ({ mode: "execute", request_body });
  return {
    args: args(body),
    method: "POST",
    path,
    body,
    sandbox: { ...sandbox, ...(onSeed ? { args: args(onSeed) } : {}) },
  };
}

/** Adds door.staff@example.com as a host of evt-sbx0007, for the cases that change or remove that host. */
async function addDoorStaff(c: SandboxClient): Promise<undefined> {
  const added = await c.post("/v1/events/hosts/add", {
    event_id: "evt-sbx0007",
    email: "door.staff@example.com",
    access_level: "check-in",
  });
  if (added.status !== 200) throw new Error(`hosts/add: ${JSON.stringify(added.body)}`);
  return undefined;
}

export const CASES: Record<string, ToolCase> = {
  GetEventAdminInfo: {
    args: { event_api_id: "evt-1" },
    method: "GET",
    path: "/v1/events/get",
    query: { event_id: "evt-1" },
    sandbox: { args: { event_api_id: "evt-sbx0004" } },
  },
  ListLumaCalendarEvents: {
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
    sandbox: { args: {} },
  },
  GetEventGuest: {
    args: { event_identifier: "evt-1", proxy_key: "pk-abc" },
    method: "GET",
    path: "/v1/events/guests/get",
    query: { event_id: "evt-1", id: "pk-abc" },
    sandbox: { args: { event_identifier: "evt-sbx0002", proxy_key: "gst-sbx0205" } },
  },
  GetEventGuests: {
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
    sandbox: { args: { event_id: "evt-sbx0003" } },
  },
  GetUserInfo: { args: {}, method: "GET", path: "/v1/users/get-self", query: {} },
  ListPersonTags: {
    args: { items_to_return: 2, sort_by_column: "name" },
    method: "GET",
    path: "/v1/calendars/contact-tags/list",
    query: {},
    sandbox: { args: {} },
  },
  LumaEntityLookup: {
    args: { entity_slug: "my-event" },
    method: "GET",
    path: "/v1/entities/lookup",
    query: { slug: "my-event" },
    sandbox: { args: { entity_slug: "sandbox-devconf" } },
  },
  CheckEventExistence: {
    args: { calendar_platform_type: "external", event_details_url: "https://example.com/e?a=1&b=2" },
    method: "GET",
    path: "/v1/calendars/events/lookup",
    query: { platform: "external", url: "https://example.com/e?a=1&b=2" },
    sandbox: { args: { event_identifier: "evt-sbx0001" } },
  },
  ListPeople: {
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
    sandbox: { args: { sort_by_column: "name" } },
  },
  ListEventCoupons: {
    args: { event_identifier: "evt-1", item_return_limit: 3, pagination_cursor: "p" },
    method: "GET",
    path: "/v1/events/coupons/list",
    query: { event_id: "evt-1", pagination_limit: "3", pagination_cursor: "p" },
    sandbox: { args: { event_identifier: "evt-sbx0004" } },
  },
  ListCalendarCoupons: {
    args: { items_to_return: 7, pagination_cursor: "q" },
    method: "GET",
    path: "/v1/calendars/coupons/list",
    query: { pagination_limit: "7", pagination_cursor: "q" },
    sandbox: { args: {} },
  },
  ListEventTicketTypes: {
    args: { event_identifier: "evt-1", include_hidden_ticket_types: true },
    method: "GET",
    path: "/v1/events/ticket-types/list",
    query: { event_id: "evt-1", include_hidden: "true" },
    sandbox: { args: { event_identifier: "evt-sbx0004", include_hidden_ticket_types: true } },
  },
  GetTicketTypeById: {
    args: { ticket_type_id: "evtticktyp-9" },
    method: "GET",
    path: "/v1/events/ticket-types/get",
    query: { event_ticket_type_id: "evtticktyp-9" },
    sandbox: { args: { ticket_type_id: "ett-sbx0401" } },
  },
  ListMembershipTiers: {
    args: { items_to_return_count: 4, previous_request_next_cursor: "t" },
    method: "GET",
    path: "/v1/memberships/tiers/list",
    query: { pagination_limit: "4", pagination_cursor: "t" },
    sandbox: { args: {} },
  },
  UpdatePersonTag: {
    args: { person_tag_api_id: "tag-1", tag_color: "barney", tag_name: "Speakers" },
    method: "POST",
    path: "/v1/calendars/contact-tags/update",
    body: { tag_id: "tag-1", color: "barney", name: "Speakers" },
    sandbox: { args: { person_tag_api_id: "tag-sbxsponsor", tag_color: "orange" } },
  },
  DeletePersonTag: {
    args: { tag_identifier: "tag-1" },
    method: "POST",
    path: "/v1/calendars/contact-tags/delete",
    body: { tag_id: "tag-1" },
    sandbox: { args: { tag_identifier: "tag-sbxnewcomer" } },
  },
  ApplyTagToCalendarMembers: {
    args: { tag_identifier: "VIP", email_addresses: ["a@example.com"], user_api_ids_to_tag: ["usr-1"] },
    method: "POST",
    path: "/v1/calendars/contact-tags/apply",
    body: { tag: "VIP", emails: ["a@example.com"], user_ids: ["usr-1"] },
    sandbox: { args: { tag_identifier: "VIP", email_addresses: ["noah.patel@example.com"] } },
  },
  RemoveTagFromCalendarMembers: {
    args: {
      tag_identifier: "tag-2",
      email_addresses_to_remove_tag: ["b@example.com"],
      user_api_ids_to_remove_tag: ["usr-2"],
    },
    method: "POST",
    path: "/v1/calendars/contact-tags/unapply",
    body: { tag: "tag-2", emails: ["b@example.com"], user_ids: ["usr-2"] },
    sandbox: { args: { tag_identifier: "tag-sbxvip", user_api_ids_to_remove_tag: ["usr-sbx0001"] } },
  },
  SoftDeleteTicketType: {
    args: { event_ticket_type_id: "ett-1" },
    method: "POST",
    path: "/v1/events/ticket-types/delete",
    body: { event_ticket_type_id: "ett-1" },
    sandbox: { args: { event_ticket_type_id: "ett-sbx0402" } },
  },
  UpdateMembershipStatus: {
    args: { membership_status: "declined", user_identifier: "m@example.com" },
    method: "POST",
    path: "/v1/memberships/members/update-status",
    body: { status: "declined", user_id: "m@example.com" },
    sandbox: { args: { user_identifier: "usr-sbx0020", membership_status: "approved" } },
  },
  GetCalendar: { args: {}, method: "GET", path: "/v1/calendars/get", query: {} },
  CreateEvent: execute(
    "/v1/events/create",
    { name: "Demo", start_at: "2026-12-01T18:00:00Z", timezone: "Europe/Berlin", theme: { x: 1 } },
    { name: "Conformance Night", start_at: "2026-10-20T01:00:00.000Z", timezone: "America/Los_Angeles" },
  ),
  UpdateEvent: execute(
    "/v1/events/update",
    { event_id: "evt-1", name: "Renamed", registration_open: false, suppress_notifications: true },
    { event_id: "evt-sbx0007", name: "Board Game Social (Strategy Night)" },
  ),
  UpdateGuestStatus: execute(
    "/v1/events/guests/update-status",
    { event_id: "evt-1", guest_id: "gst-1", status: "approved" },
    { event_id: "evt-sbx0005", guest_id: "gst-sbx0509", status: "approved" },
  ),
  SendGuestEventInvite: execute(
    "/v1/events/guests/send-invites",
    { event_id: "evt-1", guests: [{ email: "a@example.com" }] },
    { event_id: "evt-sbx0006", guests: [{ email: "new.founder@example.com", name: "New Founder" }] },
  ),
  AddEventGuests: execute(
    "/v1/events/guests/add",
    { event_id: "evt-1", guests: [{ email: "a@example.com", name: "A" }] },
    { event_id: "evt-sbx0007", guests: [{ email: "walk.in@example.com", name: "Walk In" }] },
  ),
  AddEventHost: execute(
    "/v1/events/hosts/add",
    { event_id: "evt-1", email: "h@example.com", access_level: "manager" },
    { event_id: "evt-sbx0007", email: "door.staff@example.com", access_level: "check-in" },
  ),
  CreateEventCoupon: execute(
    "/v1/events/coupons/create",
    { event_id: "evt-1", code: "TEN", discount: { discount_type: "percent", percent_off: 10 } },
    { event_id: "evt-sbx0004", code: "FRIENDS10", discount: { discount_type: "percent", percent_off: 10 } },
  ),
  ModifyCoupon: execute(
    "/v1/events/coupons/update",
    { event_id: "evt-1", code: "TEN", remaining_count: 5 },
    { event_id: "evt-sbx0004", code: "EARLYDEV", remaining_count: 5 },
  ),
  GenerateEventCoupon: execute(
    "/v1/calendars/coupons/create",
    { code: "CAL", discount: { discount_type: "percent", percent_off: 5 } },
    { code: "WINTER20", discount: { discount_type: "amount", cents_off: 2000, currency: "usd" } },
  ),
  UpdateCoupon: execute(
    "/v1/calendars/coupons/update",
    { code: "CAL", remaining_count: 1 },
    { code: "MEMBER5", remaining_count: 250 },
  ),
  ImportPeopleToCalendar: execute(
    "/v1/calendars/contacts/import",
    { contacts: [{ email: "c@example.com", name: "C" }] },
    { contacts: [{ email: "imported.person@example.com", name: "Imported Person" }], tags: ["Volunteer"] },
  ),
  CreatePersonTag: execute(
    "/v1/calendars/contact-tags/create",
    { name: "VIP", color: "red" },
    { name: "Mentor", color: "green" },
  ),
  AddEventToLumaCalendar: execute(
    "/v1/calendars/events/add",
    { platform: "luma", event_id: "evt-2" },
    {
      platform: "external",
      url: "https://events.example.com/robotics-demo-day",
      name: "Robotics Demo Day",
      start_at: "2026-10-03T18:00:00.000Z",
      duration_interval: "PT3H",
      timezone: "America/Los_Angeles",
    },
  ),
  GenerateUploadUrl: execute("/v1/images/create-upload-url", { content_type: "image/png" }),
  CreateEventTicketType: execute(
    "/v1/events/ticket-types/create",
    { event_id: "evt-1", name: "GA", type: "free" },
    { event_id: "evt-sbx0004", name: "Group of 4", type: "paid", cents: 16000, currency: "usd" },
  ),
  UpdateTicketTypeConfiguration: execute(
    "/v1/events/ticket-types/update",
    { event_ticket_type_id: "ett-1", name: "VIP" },
    { event_ticket_type_id: "ett-sbx0404", max_capacity: 25 },
  ),
  AddUserToMembershipTier: execute(
    "/v1/memberships/members/add",
    { email: "m@example.com", membership_tier_id: "tier-1" },
    { email: "new.member@example.com", membership_tier_id: "tier-sbxcommunity" },
  ),
  RequestEventCancellation: {
    args: { event_id: "evt-1" },
    method: "POST",
    path: "/v1/events/cancel/request",
    body: { event_id: "evt-1" },
    sandbox: { args: { event_id: "evt-sbx0006" } },
  },
  CancelEvent: {
    args: { event_id: "evt-1", cancellation_token: "tok", should_refund: false },
    method: "POST",
    path: "/v1/events/cancel",
    body: { event_id: "evt-1", cancellation_token: "tok", should_refund: false },
    sandbox: {
      prepare: async (c) => {
        const token = await c.post("/v1/events/cancel/request", { event_id: "evt-sbx0006" });
        return { cancellation_token: token.body.cancellation_token };
      },
      args: { event_id: "evt-sbx0006" },
    },
  },
  UpdateEventHost: {
    args: { event_id: "evt-1", email: "h@example.com", access_level: "check-in", is_visible: false },
    method: "POST",
    path: "/v1/events/hosts/update",
    body: { event_id: "evt-1", email: "h@example.com", access_level: "check-in", is_visible: false },
    sandbox: {
      prepare: addDoorStaff,
      args: {
        event_id: "evt-sbx0007",
        email: "door.staff@example.com",
        access_level: "manager",
        is_visible: false,
      },
    },
  },
  RemoveEventHost: {
    args: { event_id: "evt-1", email: "h@example.com" },
    method: "POST",
    path: "/v1/events/hosts/remove",
    body: { event_id: "evt-1", email: "h@example.com" },
    sandbox: { prepare: addDoorStaff, args: { event_id: "evt-sbx0007", email: "door.staff@example.com" } },
  },
  UpdateGuestTickets: {
    args: {
      event_id: "evt-1",
      guest_id: "gst-1",
      tickets_to_add: [{ event_ticket_type_id: "ett-2" }],
      ticket_ids_to_remove: ["tkt-1"],
      send_email: false,
    },
    method: "POST",
    path: "/v1/events/guests/update-tickets",
    body: {
      event_id: "evt-1",
      guest_id: "gst-1",
      tickets_to_add: [{ event_ticket_type_id: "ett-2" }],
      ticket_ids_to_remove: ["tkt-1"],
      send_email: false,
    },
    sandbox: {
      args: {
        event_id: "evt-sbx0004",
        guest_id: "gst-sbx0401",
        tickets_to_add: [{ event_ticket_type_id: "ett-sbx0403" }],
        send_email: false,
      },
    },
  },
  RemoveContact: {
    args: { email: "p@example.com" },
    method: "POST",
    path: "/v1/calendars/contacts/remove",
    body: { email: "p@example.com" },
    sandbox: { args: { email: "lucas.kim@example.com" } },
  },
  BlockContact: {
    args: { contact_id: "cnt-1" },
    method: "POST",
    path: "/v1/calendars/contacts/block",
    body: { contact_id: "cnt-1" },
    sandbox: { args: { contact_id: "cnt-sbx0010" } },
  },
  RestoreContact: {
    args: { contact_id: "cnt-1", email: "p@example.com" },
    method: "POST",
    path: "/v1/calendars/contacts/restore",
    body: { contact_id: "cnt-1", email: "p@example.com" },
    sandbox: { args: { email: "lucas.kim@example.com" } },
  },
  ListWebhooks: {
    args: { pagination_limit: 5, pagination_cursor: "c" },
    method: "GET",
    path: "/v1/webhooks/list",
    query: { pagination_limit: "5", pagination_cursor: "c" },
    sandbox: { args: {} },
  },
  GetWebhook: {
    args: { id: "wh-1" },
    method: "GET",
    path: "/v2/webhooks/get",
    query: { id: "wh-1" },
    sandbox: { args: { id: "wh-sbx0001" } },
  },
  CreateWebhook: {
    args: { url: "https://example.com/hook", event_types: ["event.created", "guest.registered"] },
    method: "POST",
    path: "/v2/webhooks/create",
    body: { url: "https://example.com/hook", event_types: ["event.created", "guest.registered"] },
    sandbox: {
      args: {
        url: "https://hooks.example.com/riverside/events",
        event_types: ["event.created", "event.canceled"],
      },
    },
  },
  UpdateWebhook: {
    args: { id: "wh-1", status: "paused", event_types: ["*"] },
    method: "POST",
    path: "/v2/webhooks/update",
    body: { id: "wh-1", status: "paused", event_types: ["*"] },
    sandbox: { args: { id: "wh-sbx0001", status: "paused" } },
  },
  DeleteWebhook: {
    args: { id: "wh-1" },
    method: "POST",
    path: "/v1/webhooks/delete",
    body: { id: "wh-1" },
    sandbox: {
      prepare: async (c) => {
        const created = await c.post("/v2/webhooks/create", {
          url: "https://hooks.example.com/riverside/short-lived",
          event_types: ["*"],
        });
        return { id: created.body.id };
      },
      args: { id: "X" },
    },
  },
  ListEventTags: { args: {}, method: "GET", path: "/v1/calendars/event-tags/list", query: {} },
  CreateEventTag: {
    args: { name: "Hack", color: "red" },
    method: "POST",
    path: "/v1/calendars/event-tags/create",
    body: { name: "Hack", color: "red" },
    sandbox: { args: { name: "Hackathon", color: "red" } },
  },
  UpdateEventTag: {
    args: { tag_id: "tag-1", name: "Hackathon" },
    method: "POST",
    path: "/v1/calendars/event-tags/update",
    body: { tag_id: "tag-1", name: "Hackathon" },
    sandbox: { args: { tag_id: "evtag-sbxsocial", color: "green" } },
  },
  DeleteEventTag: {
    args: { tag_id: "tag-1" },
    method: "POST",
    path: "/v1/calendars/event-tags/delete",
    body: { tag_id: "tag-1" },
    sandbox: { args: { tag_id: "evtag-sbxconference" } },
  },
  ApplyTagToEvents: {
    args: { tag: "Hack", event_ids: ["evt-1", "evt-2"] },
    method: "POST",
    path: "/v1/calendars/event-tags/apply",
    body: { tag: "Hack", event_ids: ["evt-1", "evt-2"] },
    sandbox: { args: { tag: "Workshop", event_ids: ["evt-sbx0002", "evt-sbxpartner1"] } },
  },
  RemoveTagFromEvents: {
    args: { tag: "tag-1", event_ids: ["evt-1"] },
    method: "POST",
    path: "/v1/calendars/event-tags/unapply",
    body: { tag: "tag-1", event_ids: ["evt-1"] },
    sandbox: { args: { tag: "evtag-sbxai", event_ids: ["evt-sbx0003"] } },
  },
  ListCalendarSubmissions: {
    args: {
      status: "pending",
      platforms: ["luma", "external"],
      after: "2026-11-01T00:00:00Z",
      before: "2026-12-01T00:00:00Z",
      sort_direction: "desc",
      pagination_limit: 10,
      pagination_cursor: "n",
    },
    method: "GET",
    path: "/v1/calendars/events/list",
    query: {
      status: "pending",
      platforms: ["luma", "external"],
      after: "2026-11-01T00:00:00Z",
      before: "2026-12-01T00:00:00Z",
      sort_direction: "desc",
      pagination_limit: "10",
      pagination_cursor: "n",
    },
    sandbox: { args: { platforms: ["luma", "external"] } },
  },
  ApproveEventSubmission: {
    args: { calendar_event_id: "calev-1" },
    method: "POST",
    path: "/v1/calendars/events/approve",
    body: { calendar_event_id: "calev-1" },
    sandbox: { args: { calendar_event_id: "calev-sbxext0002" } },
  },
  RejectEventSubmission: {
    args: { calendar_event_id: "evt-9", message: "Not ours" },
    method: "POST",
    path: "/v1/calendars/events/reject",
    body: { calendar_event_id: "evt-9", message: "Not ours" },
    sandbox: {
      prepare: async (c) => {
        await c.post("/v1/calendars/events/add", {
          platform: "luma",
          event_id: "evt-sbxpartner1",
          submission_mode: "pending",
        });
        return undefined;
      },
      args: { calendar_event_id: "evt-sbxpartner1", message: "Outside our area, sorry." },
    },
  },
  UpdateCalendar: {
    args: { calendar_id: "cal-1", name: "New", tint_color: "#E3CBEF" },
    method: "POST",
    path: "/v1/calendars/update",
    body: { calendar_id: "cal-1", name: "New", tint_color: "#E3CBEF" },
    sandbox: {
      args: {
        calendar_id: "cal-sbxriverside",
        description: "Meetups for Riverside's developers.",
        tint_color: "#E3CBEF",
      },
    },
  },
  ListCalendarAdmins: { args: {}, method: "GET", path: "/v1/calendars/admins/list", query: {} },
  ListOrganizationAdmins: { args: {}, method: "GET", path: "/v1/organizations/admins/list", query: {} },
  ListOrganizationCalendars: {
    args: { pagination_limit: 3 },
    method: "GET",
    path: "/v1/organizations/calendars/list",
    query: { pagination_limit: "3" },
    sandbox: { args: {} },
  },
  ListOrganizationEvents: {
    args: { after: "2026-11-01T00:00:00Z", sort_direction: "asc nulls last" },
    method: "GET",
    path: "/v1/organizations/events/list",
    query: { after: "2026-11-01T00:00:00Z", sort_direction: "asc nulls last" },
    sandbox: { args: { sort_direction: "desc" } },
  },
  TransferEventCalendar: {
    args: { event_id: "evt-1", calendar_id: "cal-2" },
    method: "POST",
    path: "/v1/organizations/events/transfer-calendar",
    body: { event_id: "evt-1", calendar_id: "cal-2" },
    sandbox: { args: { event_id: "evt-sbx0001", calendar_id: "cal-sbxworkshops" } },
  },
  CreateCalendar: {
    args: { name: "Kids Code", slug: "kids-code" },
    method: "POST",
    path: "/v2/organizations/calendars/create",
    body: { name: "Kids Code", slug: "kids-code" },
    sandbox: {
      args: { name: "Riverside Kids Code Club", slug: "riverside-kids-code", tint_color: "#2F80ED" },
    },
  },
};
