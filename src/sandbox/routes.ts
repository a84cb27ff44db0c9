// Sandbox: the route table, method + path -> handler, for the Luma operations that the tools call (plus
// the older names of six of them): one route per tool operation, and none that no tool calls, as
// test/tools/catalog.test.ts checks. The opt-in tools' routes are served whatever the MCP server selects.

import { calendarRoutes } from "./handlers/calendar.js";
import { contactRoutes } from "./handlers/contacts.js";
import { couponRoutes } from "./handlers/coupons.js";
import { eventTagRoutes } from "./handlers/event-tags.js";
import { eventRoutes } from "./handlers/events.js";
import { guestRoutes } from "./handlers/guests.js";
import { membershipRoutes } from "./handlers/memberships.js";
import { organizationRoutes } from "./handlers/organization.js";
import { ticketRoutes } from "./handlers/tickets.js";
import { webhookRoutes } from "./handlers/webhooks.js";
import type { Route } from "./route.js";

export const ROUTES: readonly Route[] = [
  ...eventRoutes,
  ...guestRoutes,
  ...ticketRoutes,
  ...couponRoutes,
  ...contactRoutes,
  ...membershipRoutes,
  ...calendarRoutes,
  ...webhookRoutes,
  ...eventTagRoutes,
  ...organizationRoutes,
];

/** Routes by path (current and older names); a path has one method, as on Luma. */
const BY_PATH = new Map<string, Route>(
  ROUTES.flatMap((r) => [r.path, ...r.aliases].map((p) => [p, r] as const)),
);

export function findRoute(path: string): Route | undefined {
  return BY_PATH.get(path);
}
