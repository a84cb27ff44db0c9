// Sandbox: small conversions shared by the seed and the handlers (durations, addresses, locations).

import { badRequest } from "./errors.js";
import type { GeoAddress } from "./types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** ISO 8601 duration of a span, e.g. `PT2H30M` or `P1DT2H`, the form of Luma's `duration_interval`. */
export function isoDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  let time = "";
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (seconds) time += `${seconds}S`;
  const out = `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
  return out === "P" ? "PT0S" : out;
}

/** Milliseconds of an ISO 8601 duration (weeks, days, hours, minutes, seconds), or null if malformed. */
export function parseIsoDuration(text: string): number | null {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const [, w, d, h, min, s] = m;
  return (
    Number(w ?? 0) * 7 * DAY +
    Number(d ?? 0) * DAY +
    Number(h ?? 0) * HOUR +
    Number(min ?? 0) * MINUTE +
    Number(s ?? 0) * 1000
  );
}

export function assertTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    throw badRequest(`Invalid timezone: ${timezone}. Use an IANA timezone such as America/New_York.`);
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * UTC milliseconds of a date-time as Luma's OpenAPI defines `format: date-time` (by a pattern on every
 * such field and query parameter): a date that exists, `T`, hours and minutes, optional seconds 00-59
 * with an optional fraction, then `Z` or `+HH:MM`/`-HH:MM`. Undefined for anything else: a date alone,
 * a missing offset, a leap second (`23:59:60`, which the pattern leaves out and a JavaScript Date cannot
 * hold).
 */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const part = (i: number) => Number(match[i] ?? 0);
  const [year, month, day] = [part(1), part(2), part(3)];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (days === undefined || day < 1 || day > days) return undefined;
  if (part(4) > 23 || part(5) > 59 || part(6) > 59 || part(7) > 23 || part(8) > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A body's date-time field (`format: date-time` in its schema), as ISO 8601 UTC; null stays null. The
 * schema check lets through what ajv-formats accepts, which includes leap seconds and offsets without a
 * colon; this one holds the field to the spec's pattern (see parseDateTime), with a 400 naming the field.
 */
export function dateTimeField(field: string, value: string): string;
export function dateTimeField(field: string, value: string | null | undefined): string | null;
export function dateTimeField(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = parseDateTime(value);
  if (ms === undefined) {
    throw badRequest(
      `\`${field}\` must be an ISO 8601 date-time with a time and an offset, such as 2026-10-19T03:27:13.673Z; got ${JSON.stringify(value)}`,
    );
  }
  return new Date(ms).toISOString();
}

/** Parses a date field that the JSON Schema does not check (any ISO 8601 date or date-time); null stays null. */
export function parseDateField(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw badRequest(`\`${field}\` must be an ISO 8601 date-time, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

export type GeoAddressInput =
  | { type: "manual"; address: string }
  | { type: "google"; place_id: string; description?: string | null };

/** Luma takes an address as `{type, ...}` but answers with its resolved form; the sandbox resolves nothing. */
export function resolveGeoAddress(input: GeoAddressInput): GeoAddress {
  const text = input.type === "manual" ? input.address : (input.description ?? input.place_id);
  return {
    address: text,
    city: null,
    region: null,
    country: null,
    city_state: null,
    full_address: text,
    google_maps_place_id: input.type === "google" ? input.place_id : null,
    apple_maps_place_id: null,
    description: input.type === "google" ? (input.description ?? null) : null,
  };
}

export type LocationType =
  | "discord"
  | "meet"
  | "twitch"
  | "twitter"
  | "youtube"
  | "zoom"
  | "offline"
  | "missing"
  | "unknown";

const MEETING_HOSTS: [RegExp, LocationType][] = [
  [/(^|\.)zoom\.us$/, "zoom"],
  [/^meet\.google\.com$/, "meet"],
  [/(^|\.)discord\.(gg|com)$/, "discord"],
  [/(^|\.)twitch\.tv$/, "twitch"],
  [/(^|\.)(twitter|x)\.com$/, "twitter"],
  [/(^|\.)(youtube\.com|youtu\.be)$/, "youtube"],
];

/** Luma's `location_type`: the platform of the meeting link, `offline` for an address, else `missing`. */
export function locationType(meetingUrl: string | null, geo: GeoAddress | null): LocationType {
  if (meetingUrl) {
    let host = "";
    try {
      host = new URL(meetingUrl).hostname.toLowerCase();
    } catch {
      return "unknown";
    }
    return MEETING_HOSTS.find(([pattern]) => pattern.test(host))?.[1] ?? "unknown";
  }
  return geo ? "offline" : "missing";
}

/** Plain text of the Markdown description, for Luma's `description` field. */
export function markdownToText(md: string): string {
  return md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/[*_`>]/g, "")
    .trim();
}

export const time = { MINUTE, HOUR, DAY };
