// Organization (opt-in): the routes of an organization API key, across the organization's calendars.
import { ORGANIZATION_EVENT_FIELDS, SORT_DIRECTIONS } from "../luma/vocabulary.js";
import { defineParamTool, HINTS } from "./define.js";
import { fieldsParam, selectFields } from "./fields.js";
import { cursor, isoTime, oneOf, pageSize, text, webUrl } from "./params.js";

/** Said by each organization tool: the key it needs, and that key's own request budget. */
const ORGANIZATION_KEY =
  "Needs an organization API key (500 requests/min: set LUMA_RATE_LIMIT_PER_MINUTE=500).";

const calendarFields = {
  name: text("name", "Calendar name.", true),
  slug: text("slug", "URL slug (luma.com/<slug>)."),
  description: text("description", "Short description."),
  avatar_url: webUrl("avatar_url", "Avatar image URL (Luma CDN)."),
  tint_color: text("tint_color", "Tint colour (#RRGGBB)."),
};

export const listOrganizationAdmins = defineParamTool("organization", {
  name: "ListOrganizationAdmins",
  title: "List organization admins",
  description: `List the organization's admins (id, name, email). ${ORGANIZATION_KEY}`,
  hints: HINTS.read,
  method: "GET",
  path: "/v1/organizations/admins/list",
  params: {},
  untrusted: true,
});

export const listOrganizationCalendars = defineParamTool("organization", {
  name: "ListOrganizationCalendars",
  title: "List organization calendars",
  description: `List the organization's calendars. ${ORGANIZATION_KEY}`,
  hints: HINTS.read,
  method: "GET",
  path: "/v1/organizations/calendars/list",
  params: { pagination_cursor: cursor(), pagination_limit: pageSize() },
  untrusted: true,
});

export const listOrganizationEvents = defineParamTool("organization", {
  name: "ListOrganizationEvents",
  title: "List organization events",
  description: `List the events of all the organization's calendars, each once, with the calendars that manage it. ${ORGANIZATION_KEY}`,
  hints: HINTS.read,
  method: "GET",
  path: "/v1/organizations/events/list",
  params: {
    after: isoTime("after", "Only events after this time"),
    before: isoTime("before", "Only events before this time"),
    sort_direction: oneOf("sort_direction", SORT_DIRECTIONS, "By start time."),
    pagination_limit: pageSize(),
    pagination_cursor: cursor(),
    fields: fieldsParam(ORGANIZATION_EVENT_FIELDS),
  },
  reshape: selectFields(),
  untrusted: true,
});

export const transferEventCalendar = defineParamTool("organization", {
  name: "TransferEventCalendar",
  title: "Move event to calendar",
  description: `Make another calendar of the organization manage an event. A key of the old calendar can no longer manage it. ${ORGANIZATION_KEY}`,
  hints: HINTS.update,
  method: "POST",
  path: "/v1/organizations/events/transfer-calendar",
  params: {
    event_id: text("event_id", "Event ID (evt-...).", true),
    calendar_id: text("calendar_id", "Destination calendar ID (cal-...).", true),
  },
  readWith: "ListOrganizationEvents",
  confirm: {
    consequences: ["grants"],
    question: ({ fields, event, quote }) =>
      `Move ${event} to calendar ${quote(fields.calendar_id)}? That calendar's admins manage it from now on, and this calendar's key can no longer manage it.`,
  },
});

export const createCalendar = defineParamTool("organization", {
  name: "CreateCalendar",
  title: "Create calendar",
  description: `Create a calendar in the organization, managed by the key's owner. Answers the calendar. ${ORGANIZATION_KEY}`,
  hints: HINTS.create,
  method: "POST",
  path: "/v2/organizations/calendars/create",
  params: calendarFields,
  readWith: "ListOrganizationCalendars",
});
