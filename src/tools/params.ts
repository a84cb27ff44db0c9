// Builders for the parameters the tools share, so a description or an enum is written once.
import { z } from "zod";
import { SORT_DIRECTIONS } from "../luma/vocabulary.js";
import type { Param } from "./define.js";

export const text = (field: string | undefined, description: string, required = false): Param => ({
  field,
  required,
  description,
  type: () => z.string(),
});

export const oneOf = (
  field: string,
  values: readonly [string, ...string[]],
  description: string,
  required = false,
): Param => ({
  field,
  required,
  description,
  type: () => z.enum(values),
});

export const strings = (field: string, description: string): Param => ({
  field,
  description,
  type: () => z.array(z.string()),
});

/** Page size; Luma caps it (a larger one is not an error, so the text need not say so). */
export const pageSize = (): Param => ({
  field: "pagination_limit",
  description: "Page size.",
  type: () => z.number().int().min(1),
});

/** Luma's opaque cursor, under whichever parameter name the tool uses. */
export const cursor = (): Param => text("pagination_cursor", "Previous page's next_cursor.");

export const sortDirection = (): Param => oneOf("sort_direction", SORT_DIRECTIONS, "Sort direction.");

export const eventId = (description = "Event ID (evt-...)."): Param => text("event_id", description);

/** A second parameter name for the same field (the LumaApi toolkit gives some fields two). */
export const twin = (field: string, of: string): Param => text(field, `Same as ${of}.`);

/** Luma's date-time: a date, a time to the minute or finer, and a zone (Z or an offset). */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/;

/** An ISO 8601 date-time bound, checked as Luma's spec checks it (format date-time), before anything is sent. */
export const isoTime = (field: string, description: string): Param => ({
  field,
  description: `${description}.`,
  type: () =>
    z
      .string()
      .refine((value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)), {
        message:
          "must be an ISO 8601 date-time with a zone, such as 2026-10-19T18:00:00Z; work out the date first",
      })
      .meta({ format: "date-time" }),
});

/** A URL, checked as Luma's spec checks it (format uri), with the schemes Luma takes there. */
export const webUrl = (
  field: string,
  description: string,
  { required = false, schemes = ["http", "https"] }: { required?: boolean; schemes?: string[] } = {},
): Param => ({
  field,
  required,
  description,
  type: () =>
    z.url({
      protocol: new RegExp(`^(?:${schemes.join("|")})$`),
      error: `must be a full ${schemes.map((s) => `${s}://`).join(" or ")} URL`,
    }),
});

/** A yes/no field. */
export const flag = (field: string, description: string): Param => ({
  field,
  description,
  type: () => z.boolean(),
});

/** A list of values from a fixed set, e.g. `platforms`; sent as repeated query params on a GET. */
export const someOf = (
  field: string,
  values: readonly [string, ...string[]],
  description: string,
): Param => ({
  field,
  description,
  type: () => z.array(z.enum(values)).min(1),
});
