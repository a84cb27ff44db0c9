// Calendar admin (opt-in): the calendar's own settings and who administers it.
import { defineParamTool, HINTS } from "./define.js";
import { text, webUrl } from "./params.js";

export const updateCalendar = defineParamTool("calendar-admin", {
  name: "UpdateCalendar",
  title: "Update calendar",
  description:
    "Change the calendar's name, slug (its public URL moves), description, avatar_url (a Luma CDN URL[[ from GenerateUploadUrl]]) or tint_color (#RRGGBB). Only given fields change.[[ calendar_id: GetCalendar.]]",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/update",
  params: {
    calendar_id: text("calendar_id", "Calendar ID (cal-...).", true),
    name: text("name", "New name."),
    slug: text("slug", "New slug."),
    description: text("description", "New description."),
    avatar_url: webUrl("avatar_url", "New avatar image URL."),
    tint_color: text("tint_color", "New tint colour."),
  },
  readWith: "GetCalendar",
});

export const listCalendarAdmins = defineParamTool("calendar-admin", {
  name: "ListCalendarAdmins",
  title: "List calendar admins",
  description: "List the calendar's admins (id, name, email).",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/admins/list",
  params: {},
  untrusted: true,
});
