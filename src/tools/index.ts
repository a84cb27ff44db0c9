// The catalog: every tool that a toolset file exports, nothing listed by hand. A new tool is served once its
// file exports it. Order (the order clients show them in): the tools served by default, then the opt-in
// tools (Tool.optIn; see select.ts), each part by toolset in TOOLSETS order, and within a toolset by name
// (sorted here: a bundler need not keep a module namespace's sorted key order).
import * as account from "./account.js";
import * as calendarAdmin from "./calendar-admin.js";
import * as contacts from "./contacts.js";
import * as coupons from "./coupons.js";
import { TOOLSETS, type Tool } from "./define.js";
import * as eventTags from "./event-tags.js";
import * as events from "./events.js";
import * as guests from "./guests.js";
import * as memberships from "./memberships.js";
import * as organization from "./organization.js";
import * as submissions from "./submissions.js";
import * as tickets from "./tickets.js";
import * as webhooks from "./webhooks.js";

const TOOLSET_FILES = [
  account,
  calendarAdmin,
  contacts,
  coupons,
  eventTags,
  events,
  guests,
  memberships,
  organization,
  submissions,
  tickets,
  webhooks,
];

/** A toolset file's exports are its tools, and now and then a text its tests read (webhooks' SIGNATURE_NOTE). */
const isTool = (value: unknown): value is Tool =>
  typeof value === "object" && value !== null && "wireName" in value && "toolset" in value;

const defined = TOOLSET_FILES.flatMap((file) => Object.values(file).filter(isTool)).sort(
  (a, b) => TOOLSETS.indexOf(a.toolset) - TOOLSETS.indexOf(b.toolset) || (a.name < b.name ? -1 : 1),
);

export const TOOLS: readonly Tool[] = [
  ...defined.filter((tool) => !tool.optIn),
  ...defined.filter((tool) => tool.optIn),
];
