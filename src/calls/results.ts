// Turns Luma's answers and every failure into MCP tool results: compact JSON, a next-page hint, a cap on
// size that cuts lists at a whole entry, and isError texts that say what went wrong and what to do next.
import type { CallToolResult } from "@modelcontextprotocol/server";
import {
  CancelledError,
  LumaApiError,
  LumaBadResponseError,
  LumaError,
  LumaNetworkError,
  MissingApiKeyError,
  outcomeOf,
  RateLimitedError,
} from "../luma/errors.js";

import { InputError, WIRE_PREFIX } from "../tools/contract.js";
import { listLumaCalendarEvents } from "../tools/events.js";

/** What a result needs to know about the tool that produced it, in the server that serves it. */
export interface ResultContext {
  name: string;
  kind: "params" | "body";
  /** Changes something at Luma (readOnlyHint false): failures speak of what may have happened. */
  write: boolean;
  /** The read tool that shows a write's effect, when this server serves it. */
  readWith?: string;
  /** The tool parameters that carry Luma's pagination_cursor and pagination_limit, when the tool pages. */
  cursorParam?: string;
  limitParam?: string;
  maxResultChars: number;
  /** Whether this server serves a tool (by name, without the LumaApi_ prefix): texts name only tools the model can call. */
  serves(name: string): boolean;
  /** The served tools that list IDs, with the kind of ID each lists (the tools' `listsIds`). */
  idSources: readonly { name: string; listsIds: string }[];
}

/**
 * An answer is its JSON text, and nothing else: no structuredContent (nor outputSchema). Several agent
 * frameworks hand the model both the text and structuredContent (LangChain's MCP adapters as one
 * stringified block, Google's genai as the whole result), so carrying both would send every answer twice;
 * docs/frameworks.md has the figures.
 */
export function successResult(data: unknown, tool: ResultContext): CallToolResult {
  if (isPlainObject(data) && Object.keys(data).length === 0) {
    const check = tool.readWith ? ` To see the result, call ${WIRE_PREFIX}${tool.readWith}.` : "";
    return {
      content: [
        { type: "text", text: `Done: Luma accepted ${tool.name} and returns no data for it.${check}` },
      ],
    };
  }
  const { value, text, notice } = fitToSize(compactAnswer(data), tool);
  const content: CallToolResult["content"] = [{ type: "text", text }];
  const hint = notice ?? nextPageHint(value, tool);
  if (hint) content.push({ type: "text", text: hint });
  return { content };
}

/** A value that says nothing: null, "", [] or {}. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** A date-time with zero milliseconds, which the same instant without them says in fewer tokens. */
const ZERO_MILLISECONDS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000Z$/;

/**
 * Luma's answer without what costs tokens and carries nothing (the server instructions say an absent field
 * is none): null, "", [] and {} fields at any depth; a first and last name that are the two words of the
 * name beside them (`first_name`, `last_name` next to `name`; `user_first_name`... next to `user_name`);
 * ".000" milliseconds. A list's `entries` stays, even empty; an answer that would become `{}` stays whole.
 * Nothing is renamed or reordered, so an answer's shape is Luma's.
 */
export function compactAnswer(data: unknown): unknown {
  const compacted = compactValue(data);
  if (!isPlainObject(data) || !isPlainObject(compacted)) return compacted;
  if (Array.isArray(data.entries) && !("entries" in compacted)) return { entries: [], ...compacted };
  return Object.keys(compacted).length === 0 ? data : compacted;
}

function compactValue(value: unknown): unknown {
  if (typeof value === "string") return value.replace(ZERO_MILLISECONDS, "$1Z");
  if (Array.isArray(value)) return value.map(compactValue);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const compacted = compactValue(child);
    if (!isEmpty(compacted)) out[key] = compacted;
  }
  for (const prefix of ["", "user_"]) {
    const [name, first, last] = ["name", "first_name", "last_name"].map((key) => out[`${prefix}${key}`]);
    // Only where the split is the one space in the name, so it can be read back from it.
    const oneWord = (part: unknown) => typeof part === "string" && part !== "" && !/\s/.test(part);
    if (oneWord(first) && oneWord(last) && name === `${first} ${last}`) {
      delete out[`${prefix}first_name`];
      delete out[`${prefix}last_name`];
    }
  }
  return out;
}

/** The line that ends a page with more after it: which tool, and the exact argument for the next page. */
export function nextPageHint(value: unknown, tool: ResultContext): string | undefined {
  if (
    !isPlainObject(value) ||
    value.has_more !== true ||
    typeof value.next_cursor !== "string" ||
    !tool.cursorParam
  ) {
    return undefined;
  }
  return `More entries: call ${WIRE_PREFIX}${tool.name} again with ${tool.cursorParam}="${value.next_cursor}".`;
}

/**
 * Keeps an answer within LUMA_MAX_RESULT_CHARS. A list is cut after its last whole entry that fits (the text
 * stays valid JSON) and the notice says how many were left out and how to get them; anything else over the
 * cap is replaced by a plain statement of its size. The answer is serialised once, here.
 */
export function fitToSize(
  data: unknown,
  tool: ResultContext,
): { value: unknown; text: string; notice?: string } {
  const text = JSON.stringify(data) ?? "null";
  const max = tool.maxResultChars;
  if (text.length <= max) return { value: data, text };
  const entries = isPlainObject(data) && Array.isArray(data.entries) ? data.entries : undefined;
  const raise = "or raise LUMA_MAX_RESULT_CHARS in the server's settings";
  if (!entries) {
    const value = { truncated: true, characters: text.length };
    const fewer = tool.limitParam ? `pass a smaller ${tool.limitParam}` : "narrow the request";
    return {
      value,
      text: JSON.stringify(value),
      notice: `The answer has ${text.length} characters, over LUMA_MAX_RESULT_CHARS (${max}), and is not a list that can be cut; ${fewer}, ${raise}.`,
    };
  }
  // The kept entries' JSON is "[" + entries joined by "," + "]": each entry costs its length plus one.
  const budget = max - (text.length - JSON.stringify(entries).length) - 1;
  let used = 0;
  let kept = 0;
  for (const entry of entries) {
    const size = (JSON.stringify(entry) ?? "null").length + 1;
    if (used + size > budget) break;
    used += size;
    kept++;
  }
  const value = { ...(data as Record<string, unknown>), entries: entries.slice(0, kept) };
  const left = entries.length - kept;
  const head = `Cut to fit LUMA_MAX_RESULT_CHARS (${max} characters): showing the first ${kept} of ${entries.length} entries on this page; ${left} left out.`;
  let how = `To see them, narrow the request ${raise}.`;
  if (kept === 0) {
    how =
      "Even one entry is over the cap: to see them, raise LUMA_MAX_RESULT_CHARS in the server's settings.";
  } else if (tool.limitParam) {
    const onward = tool.cursorParam ? `, then page on with ${tool.cursorParam}` : "";
    how = `To see them, call ${WIRE_PREFIX}${tool.name} again with the same arguments and ${tool.limitParam}=${kept} (or less)${onward}, ${raise}.`;
  }
  return { value, text: JSON.stringify(value), notice: `${head} ${how}` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where the model finds valid IDs: the served tools that list them. */
function notFoundAdvice(tool: ResultContext): string {
  const sources = tool.idSources;
  if (sources.length === 0) return "Check the ID: take it from an earlier answer, never guess it.";
  return `Check the ID: list first to find it (${sources.map(({ name, listsIds }) => `${name} for ${listsIds}`).join(", ")}).`;
}

/** Longest piece of caller input (or of a foreign error) quoted back in an error text. */
const MAX_QUOTED_CHARS = 2000;

function clip(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}… (cut)` : text;
}

/** The isError text for any failure: what went wrong and what to do next. */
export function failureText(error: unknown, tool: ResultContext): string {
  const unknown = tool.write && outcomeOf(error) === "unknown";
  const unknownOutcome = () =>
    `The outcome is unknown: Luma may have applied ${tool.name}. ${
      tool.readWith
        ? `Do not simply retry; first check with ${WIRE_PREFIX}${tool.readWith}.`
        : "No tool served here shows it; calling again may do it twice."
    }`;
  if (error instanceof InputError)
    return `Invalid arguments for ${WIRE_PREFIX}${tool.name}: ${clip(error.message)}`;
  if (error instanceof MissingApiKeyError) {
    return "LUMA_API_KEY is not set: add your Luma API key (a Luma Plus calendar key) to this server's env in your MCP client config, or start the server with --sandbox (LUMA_SANDBOX=1) to try every tool against a simulated Luma.";
  }
  if (error instanceof RateLimitedError) {
    const seconds = `${error.waitSeconds} second${error.waitSeconds === 1 ? "" : "s"}`;
    const capped =
      error.askedSeconds === undefined
        ? ""
        : ` (Luma asked for ${error.askedSeconds} seconds; luma-api-mcp waits at most ${seconds})`;
    return `Luma's rate limit is reached, so this call was not carried out. Wait ${seconds}${capped}, then call again.`;
  }
  if (error instanceof CancelledError) return `Cancelled.${unknown ? ` ${unknownOutcome()}` : ""}`;
  if (error instanceof LumaApiError) return apiErrorText(error, tool, unknown ? unknownOutcome() : undefined);
  if (error instanceof LumaNetworkError) {
    if (unknown) return `${error.message} ${unknownOutcome()}`;
    return `${error.message} ${error.sent ? "Try again in a minute." : "Nothing reached Luma; check the network or LUMA_BASE_URL, then try again."}`;
  }
  if (error instanceof LumaBadResponseError)
    return unknown ? `${error.message} ${unknownOutcome()}` : `${error.message} Try again.`;
  if (error instanceof LumaError) return error.message;
  return `Internal error in luma-api-mcp while running ${tool.name}: ${clip(error instanceof Error ? error.message : String(error))}`;
}

/** Luma's HTTP error or redirect, with what to do about this status. */
function apiErrorText(error: LumaApiError, tool: ResultContext, unknownOutcome: string | undefined): string {
  const said = error.lumaMessage
    ? ` Luma says: "${error.lumaMessage}"${error.code ? ` (${error.code})` : ""}.`
    : "";
  const head = `Luma answered HTTP ${error.status}.${said}`;
  const bug =
    "luma-api-mcp sent it as Luma's published API describes, so Luma may have changed this route; do not retry, and report it.";
  if (error.status < 400) {
    const redirect = `${head} A redirect is not followed, so the API key never leaves LUMA_BASE_URL.`;
    return unknownOutcome
      ? `${redirect} ${unknownOutcome}`
      : `${redirect} Nothing was done; check LUMA_BASE_URL in the server's settings.`;
  }
  switch (error.status) {
    case 400:
    case 422:
      return `${head} Fix the request and call again${tool.kind === "body" ? `; ${WIRE_PREFIX}${tool.name} with mode "get_request_schema" shows the body's fields` : ""}.`;
    case 401:
      return `${head} The API key was refused: check LUMA_API_KEY and that its calendar has Luma Plus.`;
    case 403:
      return `${head} The key's calendar does not manage this event or resource; use IDs from this calendar${tool.serves(listLumaCalendarEvents.name) ? ` (${listLumaCalendarEvents.wireName})` : ""}.`;
    case 404:
      return `${head} Not found. ${notFoundAdvice(tool)}`;
    case 405:
    case 415:
      return `${head} Luma does not take this request in this form. ${bug}`;
    case 409:
      return `${head} It conflicts with the current state at Luma (it exists already, or was changed meanwhile)${tool.readWith ? `; check with ${WIRE_PREFIX}${tool.readWith}` : ""} before calling again.`;
    case 410:
      return `${head} It is gone: Luma has deleted it. Do not retry with this ID.`;
    case 413:
      return `${head} The request is too large for Luma: send fewer items at once.`;
    default:
      if (unknownOutcome) return `${head} ${unknownOutcome}`;
      if (error.status < 500)
        return `${head} Luma refused the request; nothing was done. Check the arguments before calling again.`;
      return `${head} Luma had a problem; try again in a minute.`;
  }
}
