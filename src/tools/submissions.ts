// Submissions (opt-in): events that others submit to a community calendar, waiting for the calendar's
// approval, and the calendar's event list by submission status and platform.
import { EVENT_FIELDS, SORT_DIRECTIONS } from "../luma/vocabulary.js";
import { defineParamTool, HINTS } from "./define.js";
import { fieldsParam, selectFields } from "./fields.js";
import { cursor, isoTime, oneOf, pageSize, someOf, text } from "./params.js";

const submission = () =>
  text("calendar_event_id", "Submission ID (calev-...), or the event's ID (evt-...).", true);

export const listCalendarSubmissions = defineParamTool("submissions", {
  name: "ListCalendarSubmissions",
  title: "List calendar submissions",
  description:
    "List the calendar's events by submission status (pending: awaiting approval; approved: on the calendar) and platform.[[ ListLumaCalendarEvents with Luma's status and platforms filters.]]",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/events/list",
  params: {
    status: oneOf("status", ["pending", "approved"], "Submission status (Luma's default: approved)."),
    platforms: someOf("platforms", ["luma", "external"], "Default: luma only."),
    after: isoTime("after", "Only events after this time"),
    before: isoTime("before", "Only events before this time"),
    sort_direction: oneOf("sort_direction", SORT_DIRECTIONS, "By start time."),
    pagination_limit: pageSize(),
    pagination_cursor: cursor(),
    fields: fieldsParam(EVENT_FIELDS),
  },
  reshape: selectFields(),
  untrusted: true,
});

export const approveEventSubmission = defineParamTool("submissions", {
  name: "ApproveEventSubmission",
  title: "Approve submission",
  description:
    "Approve an event submitted to the calendar: it appears on the calendar and the submitter is emailed.",
  hints: HINTS.add,
  method: "POST",
  path: "/v1/calendars/events/approve",
  params: { calendar_event_id: submission() },
  readWith: "ListCalendarSubmissions",
  confirm: {
    consequences: ["emails"],
    question: ({ fields, quote }) =>
      `Approve submission ${quote(fields.calendar_event_id)}? It appears on the calendar and the submitter is emailed.`,
  },
});

export const rejectEventSubmission = defineParamTool("submissions", {
  name: "RejectEventSubmission",
  title: "Reject submission",
  description:
    "Reject an event submitted to the calendar. A submitter still pending is emailed, with message if given.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/events/reject",
  params: {
    calendar_event_id: submission(),
    message: text("message", "Why, for the submitter."),
  },
  readWith: "ListCalendarSubmissions",
  confirm: {
    consequences: ["emails"],
    question: ({ fields, quote }) =>
      `Reject submission ${quote(fields.calendar_event_id)}? The submitter is emailed${fields.message !== undefined ? `, with the message ${quote(fields.message)}` : ""}.`,
  },
});
