// createServer(config, { client }): the MCP server with the enabled tools. The tool list is built once,
// as compact JSON Schema, and every call goes straight to its tool's definition.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool as McpTool,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Config } from "./config.js";
import { containsSecret, redact } from "./log.js";
import type { LumaClient } from "./luma/client.js";
import type { Tool } from "./tools/define.js";
import { RepeatGuard } from "./tools/repeat-guard.js";
import { errorResult } from "./tools/results.js";
import { selectTools } from "./tools/select.js";
import { VERSION } from "./version.js";

export interface ServerDeps {
  client: LumaClient;
  /** Says the server runs against the embedded sandbox (in the instructions). */
  sandbox?: boolean;
}

export interface LumaMcpServer {
  server: Server;
  tools: Tool[];
  /** Refuse new calls from now on (shutdown). */
  stop(): void;
  /** Resolves when no call is running, or after `graceMs`. */
  idle(graceMs: number): Promise<void>;
}

/** The MCP `instructions`: how the tools fit together, once, so no tool description has to repeat it. */
export const INSTRUCTIONS = [
  "Luma event admin for the calendar that LUMA_API_KEY manages.",
  "IDs are opaque strings (evt- event, gst- guest, usr- user, tag- tag; ticket type prefixes vary): take them from answers (ListLumaCalendarEvents, GetEventGuests, ListEventTicketTypes, ListPersonTags, ListMembershipTiers, ListPeople), never guess.",
  "Lists come in pages: pass next_cursor back in the parameter the answer's hint names.",
  'Body tools (mode + request_body): the description names the required fields; for the others call mode "get_request_schema" (sends nothing), then "execute".',
  "Creating, inviting, adding guests and changing a guest's status email people and are not idempotent: after an unclear outcome, check with the read tool the error names before repeating.",
].join(" ");

export const SANDBOX_NOTE =
  "SANDBOX MODE: this server talks to a simulated Luma inside the package; data is sample data and no email is sent. ";

/**
 * The tools/list entries as scripts/build.mjs computed them from these same sources, keyed by wire name,
 * so the bundle's cold start skips zod's JSON Schema conversion (about 20 ms on a small machine).
 * Undefined when running from source (tests), where they are computed on the spot.
 */
declare const __LUMA_TOOL_LIST__: Record<string, McpTool> | undefined;
const BUILT_LIST = typeof __LUMA_TOOL_LIST__ === "undefined" ? undefined : __LUMA_TOOL_LIST__;

/**
 * zod's JSON Schema minus what costs tokens and tells a model nothing: `$schema`, the root's
 * `"additionalProperties": false` (about 190 tokens over 38 tools; unknown arguments are still refused,
 * with an isError naming them, by the strictObject each tool parses with), a record's `{}` value schema
 * and string `propertyNames`, and a `maximum` that only restates the safe-integer range. A string-or-object
 * union (request_body) is advertised as the object: models then send JSON rather than escaped JSON text,
 * and a string is still accepted from callers that learnt the LumaApi toolkit's stringified form.
 */
function toolInputSchema(tool: Tool): McpTool["inputSchema"] {
  const schema = z.toJSONSchema(tool.input) as Record<string, unknown>;
  delete schema.$schema;
  if (schema.additionalProperties === false) delete schema.additionalProperties;
  return JSON.parse(JSON.stringify(schema), (key, value) => {
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) return undefined;
    if (key === "propertyNames" && value?.type === "string") return undefined;
    if (key === "additionalProperties" && isEmptyObject(value)) return undefined;
    if (isStringOrObject(value)) {
      const { anyOf: _, ...rest } = value as Record<string, unknown>;
      return { type: "object", ...rest };
    }
    return value;
  }) as McpTool["inputSchema"];
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

function isStringOrObject(value: unknown): boolean {
  const anyOf = (value as { anyOf?: unknown } | null)?.anyOf;
  return (
    Array.isArray(anyOf) &&
    anyOf.length === 2 &&
    anyOf.some((s) => s?.type === "string" && Object.keys(s).length === 1) &&
    anyOf.some((s) => s?.type === "object" && Object.keys(s).length === 1)
  );
}

/**
 * The key travels only in a header; should an upstream echo it back, it is masked before the model sees it.
 * Every result's texts carry all it says (structuredContent is the first text's data, serialised there), so
 * only they are searched, and the whole result is rewritten only when one holds the key.
 */
function redactResult(result: CallToolResult): CallToolResult {
  const leaks = result.content.some((item) => item.type === "text" && containsSecret(item.text));
  return leaks ? (JSON.parse(redact(JSON.stringify(result))) as CallToolResult) : result;
}

/** Deeper than any Luma body (they nest 3 or 4 levels); JSON this deep is an attack or a mistake. */
const MAX_ARGUMENT_DEPTH = 32;

/**
 * Argument shapes no tool takes, refused before any tool sees them: a `__proto__` key (JSON.parse makes it
 * an own key, which zod silently drops and some object copies turn into a prototype) and deep nesting.
 */
function argumentProblem(args: unknown): string | undefined {
  const seen = new Set<object>();
  const stack: [unknown, string, number][] = [[args, "arguments", 0]];
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

export function listEntry(tool: Tool): McpTool {
  return (
    BUILT_LIST?.[tool.wireName] ?? {
      name: tool.wireName,
      title: tool.title,
      description: tool.description,
      inputSchema: toolInputSchema(tool),
      annotations: tool.annotations,
    }
  );
}

export function createServer(
  config: Config,
  deps: ServerDeps,
  tools = selectTools(config).tools,
): LumaMcpServer {
  const server = new Server(
    { name: "luma-api-mcp", version: VERSION },
    { capabilities: { tools: {} }, instructions: (deps.sandbox ? SANDBOX_NOTE : "") + INSTRUCTIONS },
  );
  const listed = { tools: tools.map(listEntry) };
  const byName = new Map(tools.map((tool) => [tool.wireName, tool]));
  const running = new Set<Promise<CallToolResult>>();
  const repeats = new RepeatGuard();
  let stopped = false;

  server.setRequestHandler(ListToolsRequestSchema, () => listed);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    if (stopped)
      return errorResult("luma-api-mcp is shutting down; nothing was sent. Call again after it restarts.");
    const tool = byName.get(request.params.name);
    if (!tool) {
      return errorResult(
        `Unknown tool ${JSON.stringify(request.params.name.slice(0, 100))}. Call tools/list for the ${tools.length} available tools.`,
      );
    }
    const problem = argumentProblem(request.params.arguments);
    if (problem) return errorResult(`Invalid arguments for ${tool.wireName}: ${problem}`);
    const call = tool.call(request.params.arguments, {
      client: deps.client,
      repeats,
      signal: extra.signal,
      maxResultChars: config.maxResultChars,
    });
    running.add(call);
    try {
      return redactResult(await call);
    } finally {
      running.delete(call);
    }
  });

  return {
    server,
    tools,
    stop: () => {
      stopped = true;
    },
    idle: async (graceMs) => {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...running]), grace]);
      clearTimeout(timer);
      // The SDK writes a finished call's response a few microtasks later; let it, before the transport closes.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
