// The `fields` selection of the large list tools (guests, people, events): a model that needs two fields of
// fifty guests asks for those two, and pays for those two. The names are checked against the entry fields of
// Luma's spec (vocabulary.ts) before anything is sent, with the nearest name for a misspelt one; the names
// are not listed in the tool's schema, where every model would pay for them on every request.
import { z } from "zod";
import { nearestName } from "../nearest.js";
import type { Param } from "./define.js";

/** Always in a selected entry: what a model needs to act on it. */
const ALWAYS = ["id"];

/**
 * The `fields` parameter of a list tool whose entries have `known` fields. `leftOut` are fields the tool's
 * answer leaves out unless `fields` names them (large and rarely needed: a guest's check-in QR URL).
 */
export function fieldsParam(known: readonly string[], leftOut: readonly string[] = []): Param {
  const unless = leftOut.length ? `; default all but ${leftOut.join(", ")}` : "";
  return {
    field: "fields",
    local: true,
    // No minItems in the schema (every model pays for it): an empty selection is refused here.
    description: `Entry fields to return (id always${unless}).`,
    type: () =>
      z.array(z.string()).superRefine((names, ctx) => {
        if (names.length === 0)
          ctx.addIssue({ code: "custom", message: "name at least one field, or leave fields out" });
        for (const name of names) {
          if (known.includes(name)) continue;
          const nearest = nearestName(name, [...known]);
          ctx.addIssue({
            code: "custom",
            message: `${JSON.stringify(name)} is not a field of these entries${nearest ? `; did you mean ${JSON.stringify(nearest)}?` : ""} Fields: ${known.join(", ")}.`,
          });
        }
      }),
  };
}

/**
 * Keeps each entry's selected fields (`args.fields`, plus id), or, without a selection, drops `leftOut`.
 * Applied to Luma's answer (Tool.reshape); the rest of the answer (has_more, next_cursor) is untouched.
 */
export function selectFields(leftOut: readonly string[] = []) {
  return (data: unknown, args: Record<string, unknown>): unknown => {
    const answer = data as { entries?: unknown };
    if (typeof data !== "object" || data === null || !Array.isArray(answer.entries)) return data;
    const wanted = args.fields as string[] | undefined;
    const keep = (key: string) =>
      wanted ? ALWAYS.includes(key) || wanted.includes(key) : !leftOut.includes(key);
    return {
      ...answer,
      entries: answer.entries.map((entry) =>
        typeof entry === "object" && entry !== null
          ? Object.fromEntries(Object.entries(entry).filter(([key]) => keep(key)))
          : entry,
      ),
    };
  };
}
