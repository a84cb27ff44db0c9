// Sandbox: calendar-level routes: the calendar and its owner, its settings and admins, slug look-up, the
// calendar's event listing (look up and add, Luma or external; approve and reject submissions), and image
// upload URLs.

import { badRequest, notFound } from "../errors.js";
import type { Query } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { Calendar, Coordinate, ListingStatus } from "../types.js";
import {
  assertTimezone,
  dateTimeField,
  type GeoAddressInput,
  isoDuration,
  parseIsoDuration,
  resolveGeoAddress,
} from "../util.js";
import { calendarView, eventUrl, submitterView, userView } from "../views.js";

type AddEventBody =
  | {
      platform: "luma";
      event_id?: string;
      event_api_id?: string;
      submission_mode?: "auto" | "pending";
    }
  | {
      platform: "external";
      submission_mode?: "auto" | "pending";
      url: string;
      name: string;
      start_at: string;
      duration_interval: string;
      timezone: string;
      geo_address_json?: GeoAddressInput | null;
      host?: string | null;
      geo_longitude?: number | null;
      geo_latitude?: number | null;
      coordinate?: Coordinate | null;
    };

/** URLs compare without scheme case, `www.`, trailing slash or query, and lu.ma is luma.com. */
function normalizeUrl(text: string): string {
  try {
    const url = new URL(text.trim());
    const host = url.hostname.toLowerCase().replace(/^www\./, "");
    return `${host === "lu.ma" ? "luma.com" : host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return text.trim().toLowerCase();
  }
}

interface Listed {
  id: string;
  platform: "luma" | "external";
  url: string;
  status: ListingStatus;
}

function listed(store: Store): Listed[] {
  const { events, externalEvents, listings } = store.state;
  return [...listings].flatMap(([id, status]): Listed[] => {
    const luma = events.get(id);
    if (luma) return [{ id, platform: "luma", url: eventUrl(luma.slug), status }];
    const external = externalEvents.get(id);
    return external ? [{ id, platform: "external", url: external.url, status }] : [];
  });
}

const listingView = (l: { id: string; status: ListingStatus }) => ({ id: l.id, status: l.status });

function lookupEvent(query: Query, store: Store) {
  const platform = query.oneOf("platform", ["external", "luma"] as const);
  const eventId = query.optional("event_id") ?? query.optional("event_api_id");
  const url = query.optional("url");
  if (eventId === undefined && url === undefined)
    throw badRequest("Pass `event_id` or `url` to look up an event");
  const wantedUrl = url === undefined ? undefined : normalizeUrl(url);
  const found = listed(store).find(
    (l) =>
      (platform === undefined || l.platform === platform) &&
      (eventId === undefined || l.id === eventId) &&
      (wantedUrl === undefined || normalizeUrl(l.url) === wantedUrl),
  );
  return { event: found ? { ...listingView(found), submitted_by: submitterView(store, found.id) } : null };
}

function addEvent(body: AddEventBody, store: Store) {
  const status: ListingStatus = body.submission_mode === "pending" ? "pending" : "approved";
  if (body.platform === "luma") {
    const id = body.event_id ?? body.event_api_id;
    if (!id) throw badRequest("missing required field `event_id` (platform `luma`)");
    if (!store.state.events.has(id)) throw notFound(`Event not found: ${id}`);
    const existing = store.state.listings.get(id);
    if (existing) return listingView({ id, status: existing });
    store.state.listings.set(id, status);
    return listingView({ id, status });
  }

  const duplicate = listed(store).find(
    (l) => l.platform === "external" && normalizeUrl(l.url) === normalizeUrl(body.url),
  );
  if (duplicate) return listingView(duplicate);
  try {
    if (!/^https?:$/.test(new URL(body.url).protocol)) throw new Error("scheme");
  } catch {
    throw badRequest(`\`url\` must be an http(s) URL, got ${JSON.stringify(body.url)}`);
  }
  assertTimezone(body.timezone);
  const duration = parseIsoDuration(body.duration_interval);
  if (duration === null || duration <= 0) {
    throw badRequest(
      `\`duration_interval\` must be a positive ISO 8601 duration such as PT2H, got ${body.duration_interval}`,
    );
  }
  const start = Date.parse(dateTimeField("start_at", body.start_at));
  const coordinate =
    body.coordinate ??
    (typeof body.geo_latitude === "number" && typeof body.geo_longitude === "number"
      ? { latitude: body.geo_latitude, longitude: body.geo_longitude }
      : null);
  const id = store.newId("evt");
  store.state.externalEvents.set(id, {
    id,
    calendar_id: store.state.calendar.id,
    name: body.name,
    url: body.url,
    start_at: new Date(start).toISOString(),
    end_at: new Date(start + duration).toISOString(),
    duration_interval: isoDuration(duration),
    timezone: body.timezone,
    geo_address_json: body.geo_address_json ? resolveGeoAddress(body.geo_address_json) : null,
    coordinate,
    host: body.host ?? null,
    created_at: store.now(),
  });
  store.state.listings.set(id, status);
  return listingView({ id, status });
}

function lookupEntity(query: Query, store: Store) {
  const slug = query.required("slug").trim().toLowerCase();
  const { calendar } = store.state;
  if (calendar.slug.toLowerCase() === slug) {
    return {
      entity: {
        type: "calendar",
        calendar: {
          id: calendar.id,
          name: calendar.name,
          slug: calendar.slug,
          avatar_url: calendar.avatar_url,
        },
      },
    };
  }
  // Slugs are global on Luma, so events of other calendars are found too.
  const event = [...store.state.events.values()].find((e) => e.slug.toLowerCase() === slug);
  if (!event) return { entity: null };
  return {
    entity: {
      type: "event",
      event: {
        id: event.id,
        name: event.name,
        slug: event.slug,
        cover_url: event.cover_url,
        start_at: event.start_at,
        end_at: event.end_at,
      },
    },
  };
}

/** Nothing is uploaded anywhere: the URLs only have Luma's shape (file_url passes cover_url's check). */
function createUploadUrl(body: { content_type?: "image/jpeg" | "image/png" | null }, store: Store) {
  const extension = body.content_type === "image/png" ? "png" : "jpg";
  const name = `${store.newId("img")}.${extension}`;
  return {
    upload_url: `https://images.lumacdn.com/sandbox-uploads/${name}?sandbox=not-a-real-upload-url`,
    file_url: `https://images.lumacdn.com/event-covers/sandbox/${name}`,
  };
}

/**
 * The listing behind a submission ID: Luma's `calev-...`, which the sandbox forms from the event's ID
 * (`calev-sbxext0002` for `evt-sbxext0002`), or the event's own ID, as Luma also accepts.
 */
function submission(store: Store, ref: string): { id: string; status: ListingStatus } {
  const id = ref.startsWith("calev-") ? `evt-${ref.slice("calev-".length)}` : ref;
  const status = store.state.listings.get(id);
  if (status === undefined) throw notFound(`No submission of ${ref} on this calendar`);
  return { id, status };
}

function approveSubmission(body: { calendar_event_id: string }, store: Store) {
  const { id, status } = submission(store, body.calendar_event_id);
  if (status === "rejected") throw badRequest(`The submission of ${id} was rejected; it cannot be approved`);
  store.state.listings.set(id, "approved");
  return {};
}

function rejectSubmission(body: { calendar_event_id: string; message?: string }, store: Store) {
  const { id } = submission(store, body.calendar_event_id);
  const event = store.state.events.get(id);
  if (event && event.calendar_id === store.state.calendar.id) {
    throw badRequest(`Event ${id} is managed by this calendar, not submitted to it`);
  }
  store.state.listings.set(id, "rejected");
  return {};
}

const TINT = /^#[0-9A-Fa-f]{6}$/;

/** The checks that calendars/update and the organization's calendars/create share. */
export function checkCalendarFields(
  store: Store,
  body: { slug?: string; tint_color?: string; name?: string },
  calendarId?: string,
): void {
  if (body.name !== undefined && !body.name.trim()) throw badRequest("`name` must not be empty");
  if (body.slug !== undefined) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(body.slug)) {
      throw badRequest(`Invalid slug ${JSON.stringify(body.slug)}: use letters, digits and dashes`);
    }
    if (store.isSlugTaken(body.slug, calendarId)) {
      throw badRequest(`The slug ${JSON.stringify(body.slug)} is already taken`);
    }
  }
  if (body.tint_color !== undefined && !TINT.test(body.tint_color)) {
    throw badRequest(
      `\`tint_color\` must be a hex colour such as #E3CBEF, got ${JSON.stringify(body.tint_color)}`,
    );
  }
}

interface UpdateCalendarBody {
  calendar_id: string;
  name?: string;
  slug?: string;
  description?: string;
  avatar_url?: string;
  tint_color?: string;
}

/** The sandbox keeps no tint colour of its own (Luma's calendar answer has none): it is checked, not shown. */
function updateCalendar(body: UpdateCalendarBody, store: Store) {
  const calendar: Calendar | undefined = store.organizationCalendars().find((c) => c.id === body.calendar_id);
  if (!calendar) throw notFound(`Calendar not found: ${body.calendar_id}`);
  checkCalendarFields(store, body, calendar.id);
  if (body.name !== undefined) calendar.name = body.name.trim();
  if (body.slug !== undefined) calendar.slug = body.slug;
  if (body.description !== undefined) calendar.description = body.description;
  if (body.avatar_url !== undefined) calendar.avatar_url = body.avatar_url;
  return calendarView(store, calendar);
}

export const calendarRoutes = [
  get("/v1/users/get-self", (_query, store) => userView(store.owner)),
  get("/v1/calendars/get", (_query, store) => calendarView(store)),
  get("/v1/entities/lookup", lookupEntity, ["/v1/entity/lookup"]),
  get("/v1/calendars/events/lookup", lookupEvent, ["/v1/calendar/lookup-event"]),
  post<AddEventBody>("/v1/calendars/events/add", addEvent, ["/v1/calendar/add-event"]),
  post("/v1/images/create-upload-url", createUploadUrl),
  post<UpdateCalendarBody>("/v1/calendars/update", updateCalendar),
  get(
    "/v1/calendars/admins/list",
    (_query, store) => ({
      entries: store.state.adminIds.map((id) => userView(store.user(id))),
      has_more: false,
    }),
    ["/v1/calendar/admins/list"],
  ),
  post("/v1/calendars/events/approve", approveSubmission, ["/v1/calendar/approve-event"]),
  post("/v1/calendars/events/reject", rejectSubmission, ["/v1/calendar/reject-event"]),
];
