// Sandbox: query-string parsing, sorting and cursor pagination shared by every list route, so that
// all lists answer bad parameters with the same 400 messages and page the same way.

import { SORT_DIRECTIONS } from "../luma/vocabulary.js";
import { badRequest } from "./errors.js";
import { parseDateTime } from "./util.js";

export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export class Query {
  constructor(private readonly params: URLSearchParams) {}

  /** An empty value (`?approval_status=`) counts as absent, as most HTTP frameworks treat it. */
  optional(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === "" ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw badRequest(`Missing required query parameter \`${name}\``);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw badRequest(
        `Invalid \`${name}\`: ${JSON.stringify(value)}. Expected one of: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
      );
    }
    return value as T;
  }

  /** Repeated parameters (`?tags=a&tags=b`), empty values dropped. */
  all(name: string): string[] {
    return this.params.getAll(name).filter((v) => v !== "");
  }

  /** A date-time parameter (the spec's `format: date-time`, see parseDateTime), in UTC milliseconds. */
  dateTime(name: string): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const ms = parseDateTime(value);
    if (ms === undefined) {
      throw badRequest(
        `Invalid \`${name}\`: ${JSON.stringify(value)} is not an ISO 8601 date-time with a time and an offset, such as 2026-10-19T03:27:13.673Z`,
      );
    }
    return ms;
  }

  /** Luma's boolean query strings are the words `true` and `false`. */
  boolean(name: string): boolean | undefined {
    const value = this.oneOf(name, ["true", "false"] as const);
    return value === undefined ? undefined : value === "true";
  }

  sortDirection(fallback: SortDirection): SortDirection {
    return this.oneOf("sort_direction", SORT_DIRECTIONS) ?? fallback;
  }
}

export type SortKey = string | number | null;

/**
 * A stable sort with Postgres null placement, which Luma's sort directions name: plain `desc` puts
 * nulls first, every other direction puts them last. Equal keys keep their stored order.
 */
export function sortItems<T>(items: readonly T[], key: (item: T) => SortKey, direction: SortDirection): T[] {
  const descending = direction.startsWith("desc");
  const nullsFirst = direction === "desc";
  const decorated = items.map((item, index) => ({ item, index, key: key(item) }));
  decorated.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key === b.key) return a.index - b.index;
      return (a.key === null) === nullsFirst ? -1 : 1;
    }
    const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return order === 0 ? a.index - b.index : descending ? -order : order;
  });
  return decorated.map((d) => d.item);
}

export interface Page<T> {
  entries: T[];
  has_more: boolean;
  next_cursor?: string;
}

const CURSOR_PREFIX = "sbx-offset:";

function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString("base64url");
}

function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const match = text.startsWith(CURSOR_PREFIX) ? /^\d{1,9}$/.exec(text.slice(CURSOR_PREFIX.length)) : null;
  if (!match) {
    throw badRequest(
      "Invalid `pagination_cursor`: pass the `next_cursor` value of a previous response unchanged",
    );
  }
  return Number(match[0]);
}

/** Page size: default 50; above 100 is cut to 100 (Luma "enforces a maximum"); not a positive integer: 400. */
export function pageSize(query: Query): number {
  const raw = query.optional("pagination_limit");
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) {
    throw badRequest(`Invalid \`pagination_limit\`: ${JSON.stringify(raw)}. Expected a positive integer`);
  }
  return Math.min(n, MAX_PAGE_SIZE);
}

/** Cursor pagination over an already filtered and sorted list; the cursor is an opaque encoded offset. */
export function paginate<T, R>(items: readonly T[], query: Query, view: (item: T) => R): Page<R> {
  const limit = pageSize(query);
  const cursor = query.optional("pagination_cursor");
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  const slice = items.slice(offset, offset + limit);
  const hasMore = offset + limit < items.length;
  const page: Page<R> = { entries: slice.map(view), has_more: hasMore };
  if (hasMore) page.next_cursor = encodeCursor(offset + limit);
  return page;
}
