// Builders for the parameters the tools share, so a description or an enum is written once.
import { z } from "zod";
import { SORT_DIRECTIONS } from "../luma/vocabulary.js";
import type { Param } from "./define.js";

export const text = (field: string | undefined, description: string, required = false): Param => ({
  field,
  required,
  schema: z.string().describe(description),
});

export const oneOf = (
  field: string,
  values: readonly [string, ...string[]],
  description: string,
  required = false,
): Param => ({
  field,
  required,
  schema: z.enum(values).describe(description),
});

export const strings = (field: string, description: string): Param => ({
  field,
  schema: z.array(z.string()).describe(description),
});

/** Page size; Luma caps it. */
export const pageSize = (): Param => ({
  field: "pagination_limit",
  schema: z.number().int().min(1).describe("Page size (Luma caps it)."),
});

/** Luma's opaque cursor, under whichever parameter name the tool uses. */
export const cursor = (): Param => text("pagination_cursor", "next_cursor of the previous page.");

export const sortDirection = (): Param => oneOf("sort_direction", SORT_DIRECTIONS, "Sort direction.");

export const eventId = (description = "Event ID (evt-...)."): Param => text("event_id", description);

/** A second parameter name for the same field (the LumaApi toolkit gives some fields two). */
export const twin = (field: string, of: string): Param => text(field, `Same as ${of}.`);

/** An ISO 8601 date-time bound. */
export const isoTime = (field: string, description: string): Param =>
  text(field, `${description} (ISO 8601).`);

/** A yes/no field. */
export const flag = (field: string, description: string): Param => ({
  field,
  schema: z.boolean().describe(description),
});

/** A list of values from a fixed set, e.g. `platforms`; sent as repeated query params on a GET. */
export const someOf = (
  field: string,
  values: readonly [string, ...string[]],
  description: string,
): Param => ({
  field,
  schema: z.array(z.enum(values)).min(1).describe(description),
});
