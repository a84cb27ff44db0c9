// Sandbox: calendar-level routes: the calendar and its owner, slug look-up, the calendar's event
// listing (look up and add, Luma or external), and image upload URLs.

import { badRequest, notFound } from "../errors.js";
import type { Query } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { Coordinate, ListingStatus } from "../types.js";
import {
  assertTimezone,
  dateTimeField,
  type GeoAddressInput,
  isoDuration,
  parseIsoDuration,
  resolveGeoAddress,
} from "../util.js";
import { calendarView, eventUrl, userView } from "../views.js";

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

const listingView = (l: { id: string; status: ListingStatus }) => ({
  id: l.id,
  api_id: l.id,
  status: l.status,
});

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
  return { event: found ? listingView(found) : null };
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
          api_id: calendar.id,
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
        api_id: event.id,
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

export const calendarRoutes = [
  get("/v1/users/get-self", (_query, store) => userView(store.owner)),
  get("/v1/calendars/get", (_query, store) => calendarView(store)),
  get("/v1/entities/lookup", lookupEntity, ["/v1/entity/lookup"]),
  get("/v1/calendars/events/lookup", lookupEvent, ["/v1/calendar/lookup-event"]),
  post<AddEventBody>("/v1/calendars/events/add", addEvent, ["/v1/calendar/add-event"]),
  post("/v1/images/create-upload-url", createUploadUrl),
];
