// Events: read, create and change events, their hosts, their place on the calendar, and cover images; and,
// opt-in, cancelling an event and changing or removing its hosts.
import { z } from "zod";
import { EVENT_ACCESS, EVENT_FIELDS } from "../luma/vocabulary.js";
import { defineBodyTool, defineParamTool, HINTS, plural } from "./define.js";
import { fieldsParam, selectFields } from "./fields.js";
import { cursor, eventId, flag, isoTime, oneOf, pageSize, sortDirection, text, twin } from "./params.js";

/** The body fields whose change Luma tells every guest about (unless suppress_notifications), by what a guest calls them. */
const TOLD_CHANGES: [string, string[]][] = [
  ["name", ["name"]],
  ["time", ["start_at", "end_at", "timezone"]],
  ["place", ["geo_address_json", "coordinate", "meeting_url"]],
];

/** What an UpdateEvent body changes that guests are told about. */
function changesTold(fields: Record<string, unknown>): string[] {
  return TOLD_CHANGES.filter(([, names]) => names.some((name) => fields[name] !== undefined)).map(
    ([change]) => change,
  );
}

/** Body fields that Luma's path list names but its 2026-08-07 spec does not describe: sent unvalidated. */
const NEWER_EVENT_FIELDS = ["font", "theme", "ticket_types"];

export const getEventAdminInfo = defineParamTool("events", {
  name: "GetEventAdminInfo",
  title: "Get event (admin view)",
  description:
    "Retrieve admin information for an accessible event. Has guest_counts per status and spots_remaining.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/events/get",
  params: { event_api_id: eventId(), event_id: twin("event_id", "event_api_id") },
  requires: ["event_id"],
  untrusted: true,
});

export const listLumaCalendarEvents = defineParamTool("events", {
  name: "ListLumaCalendarEvents",
  listsIds: "events",
  title: "List calendar events",
  description: "Retrieve all events managed by your Luma Calendar.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/events/list",
  params: {
    event_sort_direction: sortDirection(),
    filter_events_before: isoTime("before", "Only events before this time"),
    number_of_items_to_return: pageSize(),
    pagination_cursor: cursor(),
    sort_by_column: oneOf("sort_column", ["start_at"], "Sort column."),
    start_date_after: isoTime("after", "Only events after this time"),
    // No minItems (every model pays for it): an empty list is Luma's default.
    access: {
      field: "access",
      description: "Add view for events only listed here.",
      type: () => z.array(z.enum(EVENT_ACCESS)),
    },
    fields: fieldsParam(EVENT_FIELDS),
  },
  reshape: selectFields(),
  untrusted: true,
});

export const checkEventExistence = defineParamTool("events", {
  name: "CheckEventExistence",
  title: "Check event is on calendar",
  description:
    "Determine if an event exists on the calendar. Give event_identifier for a Luma event or event_details_url for an external page.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/events/lookup",
  params: {
    calendar_platform_type: oneOf("platform", ["external", "luma"], "Where the event lives."),
    event_details_url: text("url", "The event page's URL."),
    event_identifier: eventId(),
  },
  untrusted: true,
});

export const createEvent = defineBodyTool("events", {
  name: "CreateEvent",
  title: "Create event",
  description:
    "Creates and schedules a new event. Times ISO 8601, timezone IANA (e.g. Europe/Berlin). cover_url must be a Luma CDN URL[[ (from GenerateUploadUrl)]]; slug must be unused. Answers {id}.",
  hints: HINTS.create,
  path: "/v1/events/create",
  required: ["name", "start_at", "timezone"],
  unvalidated: NEWER_EVENT_FIELDS,
  readWith: "ListLumaCalendarEvents",
});

export const updateEvent = defineBodyTool("events", {
  name: "UpdateEvent",
  title: "Update event",
  description:
    "Update event details using Luma’s API. Guests are notified of name, time or place changes unless suppress_notifications is true.",
  hints: HINTS.update,
  path: "/v1/events/update",
  required: ["event_id"],
  unvalidated: NEWER_EVENT_FIELDS,
  readWith: "GetEventAdminInfo",
  confirm: {
    consequences: ["emails"],
    when: {
      test: (fields) => fields.suppress_notifications !== true && changesTold(fields).length > 0,
      says: "the body changes the name, time or place and suppress_notifications is not true",
    },
    everyGuest: true,
    question: ({ fields, event, eventGuests }) =>
      `Change the ${changesTold(fields).join(", ")} of ${event}? Luma notifies ${eventGuests === undefined ? "all its guests" : `its ${plural(eventGuests, "guest")}`} by email.`,
  },
});

export const addEventHost = defineBodyTool("events", {
  name: "AddEventHost",
  title: "Add event host",
  description: "Add a host to an event in Luma. access_level: none, check-in or manager.",
  hints: HINTS.add,
  path: "/v1/events/hosts/add",
  required: ["event_id", "email"],
  readWith: "GetEventAdminInfo",
  confirm: {
    consequences: ["grants"],
    question: ({ fields, event, quote }) =>
      `Make ${quote(fields.email)} a host of ${event} with ${quote(fields.access_level ?? "manager")} access? A manager can edit the event and see and email its guests.`,
  },
});

export const addEventToLumaCalendar = defineBodyTool("events", {
  name: "AddEventToLumaCalendar",
  title: "Add event to calendar",
  description:
    'Add an existing event to the Luma calendar. Body: {platform:"luma", event_id} or {platform:"external", url, name, start_at, duration_interval (e.g. PT2H), timezone}. Lists the event; the calendar does not manage it.',
  hints: HINTS.create,
  path: "/v1/calendars/events/add",
  required: ["platform"],
  // The calendar's event list leaves out external and pending events; the lookup finds them.
  readWith: "CheckEventExistence",
});

export const generateUploadUrl = defineBodyTool("events", {
  name: "GenerateUploadUrl",
  title: "Get image upload URL",
  description:
    "Generates a URL for image upload. content_type: image/jpeg or image/png. PUT the bytes to upload_url, then use file_url as cover_url.",
  hints: HINTS.create,
  path: "/v1/images/create-upload-url",
  repeatable: true,
  required: [],
});

// Opt-in: cancelling (Luma's two steps) and the other host routes.

export const requestEventCancellation = defineParamTool("events", {
  name: "RequestEventCancellation",
  title: "Request event cancellation",
  description:
    "Step 1 of cancelling an event: answers cancellation_token (valid 15 minutes), is_paid and guest_count. Changes nothing[[; pass the token to CancelEvent]].",
  hints: HINTS.create,
  method: "POST",
  path: "/v1/events/cancel/request",
  params: { event_id: text("event_id", "Event ID (evt-...).", true) },
  // Each call only issues a new token; a repeat is harmless.
  repeatable: true,
  optIn: true,
});

export const cancelEvent = defineParamTool("events", {
  name: "CancelEvent",
  title: "Cancel event",
  description:
    "Cancels an event for good: deletes it and emails every guest. Needs cancellation_token[[ from RequestEventCancellation]] (15 minutes). If is_paid was true, should_refund is required; true refunds paid guests.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/events/cancel",
  params: {
    event_id: text("event_id", "Event ID (evt-...).", true),
    cancellation_token: text("cancellation_token", "Step 1's cancellation_token (15 minutes).", true),
    should_refund: flag("should_refund", "Refund paid guests."),
  },
  readWith: "ListLumaCalendarEvents",
  confirm: {
    consequences: ["cancels", "deletes", "emails", "refunds"],
    everyGuest: true,
    question: ({ effects, event, eventGuests }) =>
      `Cancel ${event} for everyone, email ${eventGuests === undefined ? "all its guests" : `its ${plural(eventGuests, "guest")}`}${effects.includes("refunds") ? " and refund those who paid" : ""}? It cannot be undone.`,
  },
  optIn: true,
});

const ACCESS_LEVELS = ["none", "check-in", "manager"] as const;

export const updateEventHost = defineParamTool("events", {
  name: "UpdateEventHost",
  title: "Update event host",
  description:
    "Change a host's access_level (none, check-in, manager) or whether they show on the event page. The event's creator cannot be changed.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/events/hosts/update",
  params: {
    event_id: text("event_id", "Event ID (evt-...).", true),
    email: text("email", "The host's email.", true),
    access_level: oneOf("access_level", ACCESS_LEVELS, "New access level."),
    is_visible: flag("is_visible", "Shown on the event page."),
  },
  readWith: "GetEventAdminInfo",
  optIn: true,
});

export const removeEventHost = defineParamTool("events", {
  name: "RemoveEventHost",
  title: "Remove event host",
  description: "Remove a host from an event, by email. The event's creator cannot be removed.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/events/hosts/remove",
  params: {
    event_id: text("event_id", "Event ID (evt-...).", true),
    email: text("email", "The host's email.", true),
  },
  readWith: "GetEventAdminInfo",
  optIn: true,
});
