// Sandbox: event routes (get, list, create, update, cancel in two steps, add, update and remove hosts).

import { EVENT_ACCESS } from "../../luma/vocabulary.js";
import { badRequest, notFound } from "../errors.js";
import { paginate, type Query, sortItems } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { AccessLevel, Coordinate, LumaEvent, TicketType } from "../types.js";
import { assertTimezone, dateTimeField, type GeoAddressInput, resolveGeoAddress, time } from "../util.js";
import { eventListEntry, eventView, externalListEntry, viewListEntry } from "../views.js";
import { blankTicketType } from "./tickets.js";

/** Fields shared by create and update (see request-bodies.json); the schema has checked their types. */
interface EventFields {
  name?: string;
  start_at?: string;
  end_at?: string;
  timezone?: string;
  slug?: string;
  description_md?: string;
  geo_address_json?: GeoAddressInput;
  coordinate?: Coordinate;
  meeting_url?: string;
  cover_url?: string;
  visibility?: LumaEvent["visibility"];
  max_capacity?: number | null;
  registration_questions?: unknown[];
  feedback_email?: LumaEvent["feedback_email"];
  location_visibility?: LumaEvent["location_visibility"];
  waitlist_status?: LumaEvent["waitlist_status"];
  registration_open?: boolean;
}

interface CreateEventBody extends EventFields {
  name: string;
  start_at: string;
  timezone: string;
}

interface UpdateEventBody extends EventFields {
  event_id: string;
}

interface AddHostBody {
  event_id: string;
  email: string;
  access_level?: AccessLevel | null;
  is_visible?: boolean;
  name?: string;
}

const SLUG = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function checkSlug(store: Store, slug: string, eventId?: string): void {
  if (!SLUG.test(slug))
    throw badRequest(`Invalid slug ${JSON.stringify(slug)}: use letters, digits and dashes`);
  if (store.isSlugTaken(slug, eventId)) throw badRequest(`The slug ${JSON.stringify(slug)} is already taken`);
}

/** Applies the fields present in a create or update body; shared so both check the same rules. */
function applyEventFields(store: Store, event: LumaEvent, body: EventFields): void {
  if (body.timezone !== undefined) {
    assertTimezone(body.timezone);
    event.timezone = body.timezone;
  }
  if (body.slug !== undefined) {
    checkSlug(store, body.slug, event.id);
    event.slug = body.slug;
  }
  if (body.start_at !== undefined || body.end_at !== undefined) {
    const oldStart = Date.parse(event.start_at);
    const oldDuration = Date.parse(event.end_at) - oldStart;
    const start =
      body.start_at !== undefined ? Date.parse(dateTimeField("start_at", body.start_at)) : oldStart;
    // Moving only the start keeps the event's length, as Luma's editor does.
    const end =
      body.end_at !== undefined ? Date.parse(dateTimeField("end_at", body.end_at)) : start + oldDuration;
    if (end <= start) throw badRequest("`end_at` must be after `start_at`");
    event.start_at = new Date(start).toISOString();
    event.end_at = new Date(end).toISOString();
  }
  if (body.name !== undefined) {
    if (!body.name.trim()) throw badRequest("`name` must not be empty");
    event.name = body.name.trim();
  }
  if (body.description_md !== undefined) event.description_md = body.description_md;
  if (body.geo_address_json !== undefined) event.geo_address_json = resolveGeoAddress(body.geo_address_json);
  if (body.coordinate !== undefined) event.coordinate = body.coordinate;
  if (body.meeting_url !== undefined) event.meeting_url = body.meeting_url || null;
  if (body.cover_url !== undefined) event.cover_url = body.cover_url;
  if (body.visibility !== undefined) event.visibility = body.visibility;
  if (body.max_capacity !== undefined) {
    if (body.max_capacity !== null && body.max_capacity < 0)
      throw badRequest("`max_capacity` must be at least 0");
    event.max_capacity = body.max_capacity;
  }
  if (body.registration_questions !== undefined) event.registration_questions = body.registration_questions;
  if (body.feedback_email !== undefined) event.feedback_email = body.feedback_email;
  if (body.location_visibility !== undefined) event.location_visibility = body.location_visibility;
  if (body.waitlist_status !== undefined) event.waitlist_status = body.waitlist_status;
  if (body.registration_open !== undefined) event.registration_open = body.registration_open;
}

/**
 * Checks the whole body before taking an ID, so that a refused create uses none up: the next event gets
 * the ID it would have got anyway (IDs come from a counter, and a replayed session must get the same).
 */
function createEvent(body: CreateEventBody, store: Store) {
  const start = Date.parse(dateTimeField("start_at", body.start_at));
  const event: LumaEvent = {
    id: "",
    calendar_id: store.state.calendar.id,
    user_id: store.owner.id,
    name: "",
    slug: "",
    start_at: new Date(start).toISOString(),
    end_at: new Date(start + time.HOUR).toISOString(),
    created_at: store.now(),
    timezone: body.timezone,
    description_md: "",
    geo_address_json: null,
    coordinate: null,
    meeting_url: null,
    location_visibility: "public",
    cover_url: "https://images.lumacdn.com/event-defaults/sandbox-default-cover.png",
    visibility: "public",
    waitlist_status: "disabled",
    registration_open: true,
    feedback_email: { enabled: true, delay: "PT1H" },
    registration_questions: [],
    max_capacity: null,
    hosts: [{ user_id: store.owner.id, access_level: "manager", is_visible: true }],
    event_tag_ids: [],
  };
  applyEventFields(store, event, body);
  const id = store.newId("evt");
  event.id = id;
  if (body.slug === undefined) {
    let slug = id.slice("evt-".length);
    for (let n = 2; store.isSlugTaken(slug); n++) slug = `${id.slice("evt-".length)}-${n}`;
    event.slug = slug;
  }
  store.state.events.set(id, event);
  store.state.listings.set(id, "approved");
  // A new Luma event has one free ticket type, so guests can be added to it straight away.
  const standard: TicketType = { ...blankTicketType(id, "Standard", "free"), id: store.newId("ett") };
  store.state.ticketTypes.set(standard.id, standard);
  return { id };
}

function listEvents(query: Query, store: Store) {
  const before = query.dateTime("before");
  const after = query.dateTime("after");
  query.oneOf("sort_column", ["start_at"] as const);
  const direction = query.sortDirection("asc");
  const status = query.oneOf("status", ["approved", "pending"] as const) ?? "approved";
  const platforms = query.all("platforms");
  for (const p of platforms) {
    if (p !== "luma" && p !== "external") {
      throw badRequest(`Invalid \`platforms\`: ${JSON.stringify(p)}. Expected "luma" or "external"`);
    }
  }
  const wanted = new Set(platforms.length > 0 ? platforms : ["luma"]);
  const access = query.all("access");
  for (const a of access) {
    if (!(EVENT_ACCESS as readonly string[]).includes(a)) {
      throw badRequest(`Invalid \`access\`: ${JSON.stringify(a)}. Expected "manage" or "view"`);
    }
  }
  // By default only the events the calendar manages; `view` adds Luma events listed here but managed elsewhere.
  const reach = new Set(access.length > 0 ? access : ["manage"]);
  const { calendar, events, externalEvents, listings } = store.state;

  const items: { start_at: string; entry: () => object }[] = [];
  if (wanted.has("luma")) {
    for (const event of events.values()) {
      if (listings.get(event.id) !== status) continue;
      const managed = event.calendar_id === calendar.id;
      if (managed && reach.has("manage")) {
        items.push({ start_at: event.start_at, entry: () => eventListEntry(store, event) });
      } else if (!managed && reach.has("view")) {
        items.push({ start_at: event.start_at, entry: () => viewListEntry(store, event) });
      }
    }
  }
  if (wanted.has("external")) {
    for (const event of externalEvents.values()) {
      if (listings.get(event.id) === status) {
        items.push({ start_at: event.start_at, entry: () => externalListEntry(store, event) });
      }
    }
  }
  const inRange = items.filter((item) => {
    const start = Date.parse(item.start_at);
    return (after === undefined || start >= after) && (before === undefined || start < before);
  });
  const sorted = sortItems(inRange, (item) => Date.parse(item.start_at), direction);
  return paginate(sorted, query, (item) => item.entry());
}

function addHost(body: AddHostBody, store: Store) {
  const event = store.managedEvent(body.event_id);
  if (!body.email.includes("@")) throw badRequest(`Invalid email: ${JSON.stringify(body.email)}`);
  const user = store.ensureUser(body.email, body.name);
  const access = body.access_level ?? "manager";
  const existing = event.hosts.find((h) => h.user_id === user.id);
  if (existing) {
    existing.access_level = access;
    if (body.is_visible !== undefined) existing.is_visible = body.is_visible;
  } else {
    event.hosts.push({ user_id: user.id, access_level: access, is_visible: body.is_visible ?? true });
  }
  return {};
}

/** How long a token of events/cancel/request is good for, as Luma's spec says. */
export const CANCELLATION_TOKEN_MS = 15 * time.MINUTE;

/** Whether anyone has paid for the event: a captured order with an amount. */
function isPaid(store: Store, event: LumaEvent): boolean {
  return store.guestsOf(event.id).some((g) => g.orders.some((o) => o.amount > 0 && o.is_captured));
}

function requestCancellation(body: { event_id: string }, store: Store) {
  const event = store.managedEvent(body.event_id);
  const token = store.newId("cxl");
  store.state.cancellationTokens.set(token, {
    event_id: event.id,
    expires_at: Date.parse(store.now()) + CANCELLATION_TOKEN_MS,
  });
  return {
    cancellation_token: token,
    is_paid: isPaid(store, event),
    guest_count: store.guestsOf(event.id).filter((g) => g.approval_status === "approved").length,
  };
}

interface CancelBody {
  event_id: string;
  cancellation_token: string;
  should_refund?: boolean;
}

/** Cancels for good: refunds if asked, then deletes the event with its guests, ticket types and coupons. */
function cancelEvent(body: CancelBody, store: Store) {
  const event = store.managedEvent(body.event_id);
  const { cancellationTokens, events, guests, ticketTypes, coupons, listings } = store.state;
  const token = cancellationTokens.get(body.cancellation_token);
  if (!token || token.event_id !== event.id) {
    throw badRequest(
      `Invalid cancellation_token for event ${event.id}: request one with /v1/events/cancel/request`,
    );
  }
  if (Date.parse(store.now()) > token.expires_at) {
    cancellationTokens.delete(body.cancellation_token);
    throw badRequest("The cancellation_token has expired (after 15 minutes): request a new one");
  }
  if (body.should_refund === undefined && isPaid(store, event)) {
    throw badRequest("The event has paid guests: pass `should_refund` (true or false)");
  }
  const eventGuests = store.guestsOf(event.id);
  if (body.should_refund) {
    for (const guest of eventGuests) {
      for (const item of [...guest.tickets, ...guest.orders]) item.is_captured = false;
    }
  }
  for (const guest of eventGuests) guests.delete(guest.id);
  for (const [id, type] of ticketTypes) if (type.event_id === event.id) ticketTypes.delete(id);
  for (const [id, coupon] of coupons) if (coupon.event_id === event.id) coupons.delete(id);
  for (const [id, other] of cancellationTokens)
    if (other.event_id === event.id) cancellationTokens.delete(id);
  events.delete(event.id);
  listings.delete(event.id);
  return {};
}

/** A host of a managed event, by email; the event's creator may be neither changed nor removed. */
function changeableHost(store: Store, eventId: string, email: string, verb: string) {
  const event = store.managedEvent(eventId);
  const user = store.userByEmail(email);
  const host = user && event.hosts.find((h) => h.user_id === user.id);
  if (!host) throw notFound(`No host with email ${JSON.stringify(email)} on event ${event.id}`);
  if (host.user_id === event.user_id) throw badRequest(`The event's creator cannot be ${verb}`);
  return { event, host };
}

interface UpdateHostBody {
  event_id: string;
  email: string;
  access_level?: AccessLevel;
  is_visible?: boolean;
}

function updateHost(body: UpdateHostBody, store: Store) {
  const { host } = changeableHost(store, body.event_id, body.email, "changed");
  if (body.access_level !== undefined) host.access_level = body.access_level;
  if (body.is_visible !== undefined) host.is_visible = body.is_visible;
  return {};
}

function removeHost(body: { event_id: string; email: string }, store: Store) {
  const { event, host } = changeableHost(store, body.event_id, body.email, "removed");
  event.hosts = event.hosts.filter((h) => h !== host);
  return {};
}

export const eventRoutes = [
  get("/v1/events/get", (q, store) => eventView(store, store.managedEvent(q.required("event_id")))),
  get("/v1/calendars/events/list", listEvents),
  post<CreateEventBody>("/v1/events/create", createEvent),
  post<UpdateEventBody>("/v1/events/update", (body, store) => {
    const event = store.managedEvent(body.event_id);
    // Work on a copy so that a body rejected halfway through leaves the event untouched.
    const draft = structuredClone(event);
    applyEventFields(store, draft, body);
    Object.assign(event, draft);
    return {};
  }),
  post<AddHostBody>("/v1/events/hosts/add", addHost),
  post("/v1/events/cancel/request", requestCancellation),
  post<CancelBody>("/v1/events/cancel", cancelEvent),
  post<UpdateHostBody>("/v1/events/hosts/update", updateHost),
  post("/v1/events/hosts/remove", removeHost),
];
