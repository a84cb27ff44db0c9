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

const INSTRUCTIONS = [
  "Luma event management. IDs are opaque strings (evt- event, gst- guest, usr- user, tag- tag, cal- calendar): take them from list tools, never invent them.",
  "Lists are paged: pass the answer's next_cursor back in the tool's cursor parameter.",
  'Tools with mode + request_body: call mode "get_request_schema" once to see the body\'s fields, then "execute".',
  "Creating, inviting and status changes email real guests and are not idempotent: after an unclear outcome, check with the read tool the error names before repeating.",
].join(" ");

const SANDBOX_NOTE =
  "SANDBOX MODE: this server talks to a simulated Luma inside the package; data is sample data and no email is sent. ";

/** zod's JSON Schema minus what costs tokens and tells a model nothing. */
function toolInputSchema(tool: Tool): McpTool["inputSchema"] {
  const schema = z.toJSONSchema(tool.input) as Record<string, unknown>;
  delete schema.$schema;
  return JSON.parse(JSON.stringify(schema), (key, value) => {
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) return undefined;
    if (key === "propertyNames" && value?.type === "string") return undefined;
    return value;
  }) as McpTool["inputSchema"];
}

/** The key travels only in a header; should an upstream echo it back, it is masked before the model sees it. */
function redactResult(result: CallToolResult): CallToolResult {
  const leaks = result.content.some((item) => item.type === "text" && containsSecret(item.text));
  return leaks ? (JSON.parse(redact(JSON.stringify(result))) as CallToolResult) : result;
}

export function listEntry(tool: Tool): McpTool {
  return {
    name: tool.wireName,
    title: tool.title,
    description: tool.description,
    inputSchema: toolInputSchema(tool),
    annotations: tool.annotations,
  };
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
  let stopped = false;

  server.setRequestHandler(ListToolsRequestSchema, () => listed);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    if (stopped)
      return errorResult("luma-api-mcp is shutting down; nothing was sent. Call again after it restarts.");
    const tool = byName.get(request.params.name);
    if (!tool) {
      return errorResult(
        `Unknown tool "${request.params.name}". Call tools/list for the ${tools.length} available tools.`,
      );
    }
    const call = tool.call(request.params.arguments, {
      client: deps.client,
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
    },
  };
}
