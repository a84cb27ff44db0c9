// The tools against Luma's 2026-08-07 spec: what it adds reaches Luma, what it refuses is refused here first
// (an isError that says what to do, nothing sent), one vocabulary (event_id, limit, cursor everywhere; "did
// you mean" for the rest), and descriptions that say what Luma does.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import paramToolBodyFile from "../../src/schemas/param-tool-bodies.json" with { type: "json" };
import requestBodyFile from "../../src/schemas/request-bodies.json" with { type: "json" };
import { TOOLS } from "../../src/tools/index.js";
import responseSchemaFile from "../fixtures/luma-response-schemas.json" with { type: "json" };
import { connect } from "../support/in-process.js";
import { textOf } from "../support/results.js";

type Schema = { properties?: Record<string, unknown>; required?: string[] };
const paramToolBodies = paramToolBodyFile as Record<string, Schema>;
const requestBodies = requestBodyFile as Record<string, Schema>;
const responseSchemas = responseSchemaFile as Record<string, Schema>;

const tool = (name: string) => {
  const found = TOOLS.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

let server: Awaited<ReturnType<typeof connect>>;
beforeEach(async () => {
  server = await connect({ config: { toolsets: ["all"] } });
});
afterEach(() => server.close());

const refusedUnsent = async (name: string, args: Record<string, unknown>, says: RegExp) => {
  const result = await server.call(name, args);
  expect(result.isError, textOf(result)).toBe(true);
  expect(textOf(result)).toMatch(says);
  expect(server.requests).toHaveLength(0);
};

describe("the vendored spec is Luma's of 2026-08-07", () => {
  it("has the four routes once only in the path list, and 08-07's fields, credited to their source", () => {
    for (const path of [
      "/v1/events/guests/update-tickets",
      "/v1/calendars/contacts/remove",
      "/v1/calendars/contacts/block",
      "/v1/calendars/contacts/restore",
    ]) {
      expect(Object.keys(paramToolBodies), path).toContain(path);
      expect(Object.keys(responseSchemas), path).toContain(`POST ${path}`);
    }
    expect(Object.keys(requestBodies["/v1/events/create"]?.properties ?? {})).toContain("registration_open");
    expect(responseSchemas["GET /v1/events/get"]?.required).toContain("guest_counts");
    expect(readFileSync(new URL("../../src/luma/vocabulary.ts", import.meta.url), "utf8")).toMatch(
      /Source: Luma's OpenAPI document as served at https:\/\/public-api\.luma\.com\/openapi\.json on 2026-08-07/,
    );
  });
});

describe("what 08-07 adds reaches Luma", () => {
  it("CreateEvent sends location_visibility, registration_open and waitlist_status, validated", async () => {
    const body = {
      name: "Night",
      start_at: "2026-12-01T18:00:00Z",
      timezone: "Europe/Berlin",
      location_visibility: "guests-only",
      registration_open: false,
      waitlist_status: "enabled",
    };
    const result = await server.call("CreateEvent", { mode: "execute", request_body: body });
    expect(result.isError).toBeFalsy();
    expect(server.requests[0]?.body).toEqual(body);
  });

  it("UpdateEvent refuses a waitlist_status outside the spec's enum, unsent", async () => {
    await refusedUnsent(
      "UpdateEvent",
      { mode: "execute", request_body: { event_id: "evt-1", waitlist_status: "maybe" } },
      /waitlist_status: must be one of "disabled", "enabled"/,
    );
  });

  it("AddEventGuests sends registration_answers (refused before 08-07)", async () => {
    const body = {
      event_id: "evt-1",
      guests: [{ email: "a@example.com", registration_answers: [{ question_id: "q-1", value: "yes" }] }],
    };
    const result = await server.call("AddEventGuests", { mode: "execute", request_body: body });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests[0]?.body).toEqual(body);
  });

  it("AddUserToMembershipTier takes 08-07's registration_answers (label, question_id, question_type, value)", async () => {
    const body = {
      email: "a@example.com",
      membership_tier_id: "tier-1",
      registration_answers: [{ label: "Why?", question_id: "q-1", question_type: "text", value: "fun" }],
    };
    const result = await server.call("AddUserToMembershipTier", { mode: "execute", request_body: body });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests[0]?.body).toEqual(body);
  });

  it("ListLumaCalendarEvents sends access as repeated query parameters", async () => {
    const result = await server.call("ListLumaCalendarEvents", { access: ["manage", "view"] });
    expect(result.isError).toBeFalsy();
    expect(server.requests[0]?.query.access).toEqual(["manage", "view"]);
  });

  it("the four routes once modelled from the path list now refuse what the spec refuses, unsent", async () => {
    await refusedUnsent(
      "UpdateGuestTickets",
      { event_id: "evt-1", guest_id: "gst-1", tickets_to_add: [{ event_ticket_type_id: 5 }] },
      /event_ticket_type_id/,
    );
  });

  it("GetEventAdminInfo and GetEventGuests say where the counts are, so a model need not page guests", () => {
    expect(tool("GetEventAdminInfo").description).toMatch(/guest_counts/);
    expect(tool("GetEventGuests").description).toMatch(/GetEventAdminInfo's guest_counts/);
  });
});

describe("validation that matches the spec, each refusal unsent and saying what to do", () => {
  it.each([
    [
      "ListLumaCalendarEvents",
      { filter_events_before: "tomorrow" },
      /filter_events_before: .*ISO 8601 date-time/,
    ],
    ["ListLumaCalendarEvents", { start_date_after: "2026-12-01" }, /start_date_after: .*date-time/],
    ["ListCalendarSubmissions", { before: "next week" }, /before: .*date-time/],
    ["ListOrganizationEvents", { after: "yesterday" }, /after: .*date-time/],
  ] as const)("%s refuses %j", async (name, args, says) => {
    await refusedUnsent(name, args, says);
  });

  it("takes a date-time with an offset", async () => {
    const result = await server.call("ListLumaCalendarEvents", {
      filter_events_before: "2026-12-01T18:00:00+01:00",
    });
    expect(result.isError).toBeFalsy();
    expect(server.requests[0]?.query.before).toBe("2026-12-01T18:00:00+01:00");
  });

  it("CreateWebhook refuses an ftp:// URL and an event type outside the enum", async () => {
    await refusedUnsent(
      "CreateWebhook",
      { url: "ftp://e.com/h", event_types: ["*"] },
      /url: must be a full http/,
    );
    await refusedUnsent(
      "CreateWebhook",
      { url: "https://e.com/h", event_types: ["guest.created"] },
      /event_types\.0: .*guest\.registered/,
    );
  });

  it("CreateWebhook takes http:// and calendar.event.submitted", async () => {
    const result = await server.call("CreateWebhook", {
      url: "http://hooks.example.com/luma",
      event_types: ["calendar.event.submitted"],
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests[0]?.body).toEqual({
      url: "http://hooks.example.com/luma",
      event_types: ["calendar.event.submitted"],
    });
  });

  it("UpdateWebhook checks event_types against the enum too", async () => {
    await refusedUnsent("UpdateWebhook", { id: "wh-1", event_types: ["everything"] }, /event_types/);
  });

  it.each([
    ["UpdateCalendar", { calendar_id: "cal-1", avatar_url: "not a url" }],
    ["CreateCalendar", { name: "x", avatar_url: "images/a.png" }],
  ])("%s refuses an avatar_url that is not a URI", async (name, args) => {
    await refusedUnsent(name, args, /avatar_url: must be a full/);
  });

  it.each(["ApplyTagToEvents", "RemoveTagFromEvents"])("%s refuses an empty event_ids", async (name) => {
    await refusedUnsent(name, { tag: "t", event_ids: [] }, /event_ids: give at least one event ID/);
  });

  it("ListCalendarSubmissions without status is Luma's default (approved): nothing added to the query", async () => {
    const result = await server.call("ListCalendarSubmissions", {});
    expect(result.isError).toBeFalsy();
    expect(server.requests[0]?.query.status).toBeUndefined();
  });
});

describe("one vocabulary", () => {
  it("GetEventGuest takes event_id (once 'Unrecognized key')", async () => {
    const result = await server.call("GetEventGuest", { event_id: "evt-1", guest_api_id: "gst-1" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests[0]?.query).toEqual({ event_id: "evt-1", id: "gst-1" });
  });

  it("limit and cursor work where the seed named them otherwise", async () => {
    await server.call("ListMembershipTiers", { limit: 5, cursor: "c-2" });
    expect(server.requests[0]?.query).toEqual({ pagination_limit: "5", pagination_cursor: "c-2" });
  });

  it("an alias that contradicts its parameter is refused, unsent", async () => {
    await refusedUnsent("GetEventGuests", { event_api_id: "evt-1", event_id: "evt-2" }, /differ/);
    await refusedUnsent("ListPeople", { limit: 5, items_to_return: 6 }, /limit and items_to_return/);
  });

  it("answers an unknown argument with the nearest parameter", async () => {
    await refusedUnsent(
      "GetEventGuests",
      { event_api_id: "evt-1", item_to_return: 3 },
      /did you mean "items_to_return"\?/,
    );
  });

  it("suggests the parameter that has the unknown name as a word", async () => {
    await refusedUnsent(
      "CreateEvent",
      { mode: "execute", body: {} },
      /"body" is not a parameter of this tool; did you mean "request_body"\?/,
    );
  });

  it("lists the parameters when nothing is near", async () => {
    await refusedUnsent(
      "GetEventGuest",
      { zzz: 1 },
      /"zzz" is not a parameter of this tool\. Parameters: event_api_id, /,
    );
    await refusedUnsent("GetUserInfo", { zzz: 1 }, /takes no parameters; leave out "zzz"/);
  });
});

describe("descriptions say what Luma does and nothing it doesn't", () => {
  it.each([
    ["UpdateEvent", /name, time or place changes/],
    ["RemoveContact", /can follow again.*RestoreContact/],
    ["BlockContact", /no longer follow the calendar or join its events/],
    ["UpdateGuestTickets", /No payment or refund.*at least one ticket.*payment hold.*exceed capacity/],
    ["SendGuestEventInvite", /SMS only where a phone is linked/],
    ["AddEventGuests", /approval_status is pending_approval or waitlist/],
    ["GetCalendar", /location\.timezone: may be null/],
    ["CreateEventCoupon", /Only its discount is fixed; remaining count and validity can change/],
    ["CreateWebhook", /http or https/],
  ])("%s: %s", (name, says) => {
    expect(tool(name).description).toMatch(says);
  });

  it("SendGuestEventInvite no longer claims invitees bypass approval", () => {
    expect(tool("SendGuestEventInvite").description).not.toMatch(/bypass/);
  });

  it("CreateWebhook's signature note says it is what integrations verify, with a 5-minute window both ways", async () => {
    const server = await connect({
      config: { toolsets: ["webhooks"] },
      respond: () => ({
        body: { id: "wh-1", url: "https://e.com", event_types: ["*"], status: "active", secret: "s" },
      }),
    });
    const text = textOf(await server.call("CreateWebhook", { url: "https://e.com", event_types: ["*"] }));
    expect(text).toMatch(/Luma does not document its signature scheme; integrations verify/);
    expect(text).toMatch(/more than 5 minutes off their clock in either direction/);
    await server.close();
  });
});
