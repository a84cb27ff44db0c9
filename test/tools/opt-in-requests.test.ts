// For every opt-in tool (Tool.optIn): the exact request Luma receives, through the real server started
// with --toolsets all and MockAgent in place of Luma, as test/tools/requests.test.ts does for the default
// tools; and what the webhook tools do with a signing secret.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SIGNATURE_NOTE } from "../../src/tools/webhooks.js";
import { OPT_IN_TOOLS as OPT_IN } from "../support/catalog.js";
import { connect, TEST_KEY } from "../support/in-process.js";
import { expectRequest, type RequestCase } from "../support/mock-luma.js";
import { json, textOf } from "../support/results.js";

const CASES: RequestCase[] = [
  {
    tool: "RequestEventCancellation",
    args: { event_id: "evt-1" },
    method: "POST",
    path: "/v1/events/cancel/request",
    body: { event_id: "evt-1" },
  },
  {
    tool: "CancelEvent",
    args: { event_id: "evt-1", cancellation_token: "tok", should_refund: false },
    method: "POST",
    path: "/v1/events/cancel",
    body: { event_id: "evt-1", cancellation_token: "tok", should_refund: false },
  },
  {
    tool: "UpdateEventHost",
    args: { event_id: "evt-1", email: "h@example.com", access_level: "check-in", is_visible: false },
    method: "POST",
    path: "/v1/events/hosts/update",
    body: { event_id: "evt-1", email: "h@example.com", access_level: "check-in", is_visible: false },
  },
  {
    tool: "RemoveEventHost",
    args: { event_id: "evt-1", email: "h@example.com" },
    method: "POST",
    path: "/v1/events/hosts/remove",
    body: { event_id: "evt-1", email: "h@example.com" },
  },
  {
    tool: "UpdateGuestTickets",
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
  },
  {
    tool: "RemoveContact",
    args: { email: "p@example.com" },
    method: "POST",
    path: "/v1/calendars/contacts/remove",
    body: { email: "p@example.com" },
  },
  {
    tool: "BlockContact",
    args: { contact_id: "cnt-1" },
    method: "POST",
    path: "/v1/calendars/contacts/block",
    body: { contact_id: "cnt-1" },
  },
  {
    tool: "RestoreContact",
    args: { contact_id: "cnt-1", email: "p@example.com" },
    method: "POST",
    path: "/v1/calendars/contacts/restore",
    body: { contact_id: "cnt-1", email: "p@example.com" },
  },
  {
    tool: "ListWebhooks",
    args: { pagination_limit: 5, pagination_cursor: "c" },
    method: "GET",
    path: "/v1/webhooks/list",
    query: { pagination_limit: "5", pagination_cursor: "c" },
  },
  {
    tool: "GetWebhook",
    args: { id: "wh-1" },
    method: "GET",
    path: "/v2/webhooks/get",
    query: { id: "wh-1" },
  },
  {
    tool: "CreateWebhook",
    args: { url: "https://example.com/hook", event_types: ["event.created", "guest.registered"] },
    method: "POST",
    path: "/v2/webhooks/create",
    body: { url: "https://example.com/hook", event_types: ["event.created", "guest.registered"] },
  },
  {
    tool: "UpdateWebhook",
    args: { id: "wh-1", status: "paused", event_types: ["*"] },
    method: "POST",
    path: "/v2/webhooks/update",
    body: { id: "wh-1", status: "paused", event_types: ["*"] },
  },
  {
    tool: "DeleteWebhook",
    args: { id: "wh-1" },
    method: "POST",
    path: "/v1/webhooks/delete",
    body: { id: "wh-1" },
  },
  { tool: "ListEventTags", args: {}, method: "GET", path: "/v1/calendars/event-tags/list", query: {} },
  {
    tool: "CreateEventTag",
    args: { name: "Hack", color: "red" },
    method: "POST",
    path: "/v1/calendars/event-tags/create",
    body: { name: "Hack", color: "red" },
  },
  {
    tool: "UpdateEventTag",
    args: { tag_id: "tag-1", name: "Hackathon" },
    method: "POST",
    path: "/v1/calendars/event-tags/update",
    body: { tag_id: "tag-1", name: "Hackathon" },
  },
  {
    tool: "DeleteEventTag",
    args: { tag_id: "tag-1" },
    method: "POST",
    path: "/v1/calendars/event-tags/delete",
    body: { tag_id: "tag-1" },
  },
  {
    tool: "ApplyTagToEvents",
    args: { tag: "Hack", event_ids: ["evt-1", "evt-2"] },
    method: "POST",
    path: "/v1/calendars/event-tags/apply",
    body: { tag: "Hack", event_ids: ["evt-1", "evt-2"] },
  },
  {
    tool: "RemoveTagFromEvents",
    args: { tag: "tag-1", event_ids: ["evt-1"] },
    method: "POST",
    path: "/v1/calendars/event-tags/unapply",
    body: { tag: "tag-1", event_ids: ["evt-1"] },
  },
  {
    tool: "ListCalendarSubmissions",
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
  },
  {
    tool: "ApproveEventSubmission",
    args: { calendar_event_id: "calev-1" },
    method: "POST",
    path: "/v1/calendars/events/approve",
    body: { calendar_event_id: "calev-1" },
  },
  {
    tool: "RejectEventSubmission",
    args: { calendar_event_id: "evt-9", message: "Not ours" },
    method: "POST",
    path: "/v1/calendars/events/reject",
    body: { calendar_event_id: "evt-9", message: "Not ours" },
  },
  {
    tool: "UpdateCalendar",
    args: { calendar_id: "cal-1", name: "New", tint_color: "#E3CBEF" },
    method: "POST",
    path: "/v1/calendars/update",
    body: { calendar_id: "cal-1", name: "New", tint_color: "#E3CBEF" },
  },
  { tool: "ListCalendarAdmins", args: {}, method: "GET", path: "/v1/calendars/admins/list", query: {} },
  {
    tool: "ListOrganizationAdmins",
    args: {},
    method: "GET",
    path: "/v1/organizations/admins/list",
    query: {},
  },
  {
    tool: "ListOrganizationCalendars",
    args: { pagination_limit: 3 },
    method: "GET",
    path: "/v1/organizations/calendars/list",
    query: { pagination_limit: "3" },
  },
  {
    tool: "ListOrganizationEvents",
    args: { after: "2026-11-01T00:00:00Z", sort_direction: "asc nulls last" },
    method: "GET",
    path: "/v1/organizations/events/list",
    query: { after: "2026-11-01T00:00:00Z", sort_direction: "asc nulls last" },
  },
  {
    tool: "TransferEventCalendar",
    args: { event_id: "evt-1", calendar_id: "cal-2" },
    method: "POST",
    path: "/v1/organizations/events/transfer-calendar",
    body: { event_id: "evt-1", calendar_id: "cal-2" },
  },
  {
    tool: "CreateCalendar",
    args: { name: "Kids Code", slug: "kids-code" },
    method: "POST",
    path: "/v2/organizations/calendars/create",
    body: { name: "Kids Code", slug: "kids-code" },
  },
];

describe("every opt-in tool sends exactly the request Luma expects", () => {
  // A fresh server for each test: the repeat guard remembers writes, and no test should meet another's.
  // No confirmation step here (LUMA_CONFIRM=never): it has its own tests, and this one is about requests.
  let server: Awaited<ReturnType<typeof connect>>;
  beforeEach(async () => {
    server = await connect({
      config: { toolsets: ["all"], confirm: "never" },
      respond: (req) => ({
        body: req.path.endsWith("/list") ? { entries: [], has_more: false } : { ok: true },
      }),
    });
  });
  afterEach(() => server.close());

  it("covers every opt-in tool", () => {
    expect(OPT_IN.length).toBeGreaterThan(0);
    expect(new Set(CASES.map((c) => c.tool))).toEqual(new Set(OPT_IN.map((t) => t.name)));
  });

  it.each(CASES)("$tool -> $method $path", async (c) => {
    const before = server.requests.length;
    const result = await server.call(c.tool, c.args);
    expect(result.isError, textOf(result)).toBeFalsy();
    expectRequest(server.requests.slice(before), c, TEST_KEY);
  });
});

describe("a webhook's signing secret is shown once", () => {
  const webhook = {
    id: "wh-1",
    url: "https://example.com/hook",
    event_types: ["*"],
    status: "active",
    secret: "whsec_do_not_repeat",
    created_at: "2026-09-01T00:00:00.000Z",
  };
  // A fresh server for each test: the repeat guard remembers writes, and no test should meet another's.
  let server: Awaited<ReturnType<typeof connect>>;
  beforeEach(async () => {
    server = await connect({
      config: { toolsets: ["webhooks"] },
      respond: (req) => ({
        body: req.path === "/v1/webhooks/list" ? { entries: [webhook], has_more: false } : webhook,
      }),
    });
  });
  afterEach(() => server.close());

  it("CreateWebhook answers the secret with how to verify deliveries", async () => {
    const result = await server.call("CreateWebhook", { url: webhook.url, event_types: ["*"] });
    expect(json(result)).toMatchObject({ secret: webhook.secret, note: SIGNATURE_NOTE });
    expect(textOf(result)).toContain("Webhook-Signature");
  });

  it.each([
    ["ListWebhooks", {}],
    ["GetWebhook", { id: "wh-1" }],
    ["UpdateWebhook", { id: "wh-1", status: "paused" }],
  ] as const)("%s hides it", async (tool, args) => {
    const result = await server.call(tool, args);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).not.toContain(webhook.secret);
    expect(textOf(result)).toContain("CreateWebhook showed it once");
  });
});
