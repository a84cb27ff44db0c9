// The account behind the key: its user, its calendar, and slug look-ups.
import { defineParamTool, HINTS } from "./define.js";
import { text } from "./params.js";

export const getUserInfo = defineParamTool("account", {
  name: "GetUserInfo",
  title: "Get my user",
  description: "Retrieve the user’s personal information and profile details.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/users/get-self",
  params: {},
});

export const lumaEntityLookup = defineParamTool("account", {
  name: "LumaEntityLookup",
  title: "Look up slug",
  description: "Lookup an entity on Luma by its slug. E.g. the slug of lu.ma/abc is abc.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/entities/lookup",
  params: { entity_slug: text("slug", "The slug to look up.", true) },
  untrusted: true,
});

export const getCalendar = defineParamTool("account", {
  name: "GetCalendar",
  title: "Get calendar",
  description:
    "Retrieve the calendar this API key manages (name, slug, URL, location.timezone: may be null). Also a quick connection check.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/get",
  params: {},
});
