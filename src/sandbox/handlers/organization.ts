// Sandbox: organization routes (admins, calendars, events across calendars, moving an event to another
// calendar, creating a calendar). The sandbox's calendar belongs to a seeded organization with a second
// calendar; the sandbox does not tell organization keys from calendar keys: any key may call any route.

import { badRequest, forbidden, notFound } from "../errors.js";
import { paginate, type Query, sortItems } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { Calendar } from "../types.js";
import { calendarView, organizationAdminView, organizationEventEntry } from "../views.js";
import { checkCalendarFields } from "./calendar.js";

function listEvents(query: Query, store: Store) {
  const before = query.dateTime("before");
  const after = query.dateTime("after");
  const direction = query.sortDirection("asc");
  const calendars = new Set(store.organizationCalendars().map((c) => c.id));
  const events = [...store.state.events.values()].filter((event) => {
    const start = Date.parse(event.start_at);
    return (
      calendars.has(event.calendar_id) &&
      (after === undefined || start >= after) &&
      (before === undefined || start < before)
    );
  });
  const sorted = sortItems(events, (event) => Date.parse(event.start_at), direction);
  return paginate(sorted, query, (event) => organizationEventEntry(store, event));
}

function transfer(body: { event_id: string; calendar_id: string }, store: Store) {
  const event = store.state.events.get(body.event_id);
  if (!event) throw notFound(`Event not found: ${body.event_id}`);
  const calendars = store.organizationCalendars();
  if (!calendars.some((c) => c.id === event.calendar_id)) {
    throw forbidden(`Event ${event.id} is not managed by a calendar of this organization`);
  }
  if (!calendars.some((c) => c.id === body.calendar_id)) {
    throw badRequest(`Calendar ${body.calendar_id} does not belong to this organization`);
  }
  event.calendar_id = body.calendar_id;
  return {};
}

interface CreateCalendarBody {
  name: string;
  slug?: string;
  description?: string;
  avatar_url?: string;
  tint_color?: string;
}

function createCalendar(body: CreateCalendarBody, store: Store) {
  const name = body.name.trim();
  if (!name) throw badRequest("`name` must not be empty");
  checkCalendarFields(store, body);
  const id = store.newId("cal");
  const calendar: Calendar = {
    id,
    name,
    slug: body.slug ?? id.slice("cal-".length),
    description: body.description ?? "",
    avatar_url: body.avatar_url ?? "https://images.lumacdn.com/avatars-default/community_avatar_1.png",
    cover_image_url: null,
    social_image_url: null,
    is_personal: false,
    location: { ...store.state.calendar.location },
    coordinate: { ...store.state.calendar.coordinate },
    instagram_handle: null,
    twitter_handle: null,
    youtube_handle: null,
    website: null,
  };
  store.state.organization.calendars.set(id, calendar);
  return calendarView(store, calendar);
}

export const organizationRoutes = [
  get("/v1/organizations/admins/list", (_query, store) => ({
    entries: store.state.organization.admin_ids.map((id) => organizationAdminView(store.user(id))),
  })),
  get("/v1/organizations/calendars/list", (query, store) =>
    paginate(store.organizationCalendars(), query, (calendar) => calendarView(store, calendar)),
  ),
  get("/v1/organizations/events/list", listEvents),
  post("/v1/organizations/events/transfer-calendar", transfer),
  post<CreateCalendarBody>("/v2/organizations/calendars/create", createCalendar),
];
