// Checks on a call's arguments before any tool logic sees them: shapes no tool takes, then the tool's own
// zod schema. A string request_body is checked the same way once decoded (request-bodies.ts).
import type { z } from "zod";
import { InputError } from "./results.js";

/** Deeper than any Luma body (they nest 3 or 4 levels); JSON this deep is an attack or a mistake. */
const MAX_ARGUMENT_DEPTH = 32;

/**
 * Argument shapes no tool takes: a `__proto__` key (JSON.parse makes it an own key, which zod silently
 * drops and some object copies turn into a prototype) and deep nesting. Undefined when there is none.
 */
export function argumentProblem(args: unknown, root = "arguments"): string | undefined {
  const seen = new Set<object>();
  const stack: [unknown, string, number][] = [[args, root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, path, depth] = item;
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (depth >= MAX_ARGUMENT_DEPTH) return `${path} is nested more than ${MAX_ARGUMENT_DEPTH} levels deep.`;
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key.slice(0, 40)}`;
      if (key === "__proto__") return `${childPath}: "__proto__" is not allowed as a key.`;
      stack.push([child, childPath, depth + 1]);
    }
  }
  return undefined;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "arguments"}: ${issue.message}`)
    .join("; ");
}

/**
 * A `null` for one of the tool's parameters means "not given": OpenAI strict mode makes every parameter
 * required and nullable, and clients that send strict schemas as they are fill the unused ones with null.
 * Unknown keys are left for the schema to refuse.
 */
function withoutNulls(input: z.ZodObject, args: unknown): unknown {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return args;
  const entries = Object.entries(args);
  if (!entries.some(([key, value]) => value === null && Object.hasOwn(input.shape, key))) return args;
  return Object.fromEntries(
    entries.filter(([key, value]) => !(value === null && Object.hasOwn(input.shape, key))),
  );
}

/** The arguments as the tool's schema reads them, or an InputError naming every problem. */
export function parseArguments(input: z.ZodObject, args: unknown): Record<string, unknown> {
  const problem = argumentProblem(args);
  if (problem) throw new InputError(problem);
  const parsed = input.safeParse(withoutNulls(input, args) ?? {});
  if (!parsed.success) throw new InputError(formatIssues(parsed.error));
  return parsed.data as Record<string, unknown>;
}
