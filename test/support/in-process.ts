// The real server and the real Luma client, joined in process to an MCP client: against undici's MockAgent
// (`connect`: every request Luma would receive is captured) or against a URL on 127.0.0.1 (`connectTo`: the
// client's own keep-alive Agent and real sockets, for the loopback stand-in). `rawSession` talks JSON-RPC to
// the server with no client in between. This file and spawn.ts are the only ones that construct the server
// or use the MCP SDK's client side.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { Dispatcher } from "undici";
import { type Config, parseArgs } from "../../src/config.js";
import { Secrets } from "../../src/log.js";
import { LumaClient } from "../../src/luma/client.js";
import { createServer } from "../../src/server.js";
import { selectTools } from "../../src/tools/select.js";
import { mockLuma, type Responder } from "./mock-luma.js";
import type { CallToolResult, ListedTool } from "./results.js";

export { Secrets };

/** The key of `connect`'s servers. */
export const TEST_KEY = "sk-test-LUMAKEY-7f3a9c";
/** The key of `connectTo`'s servers: no test text contains it by chance, so any appearance outside the
 * request header is a leak. */
export const CANARY = "sk-live-SECRET-canary-123";

/** The settings of a server started with no flags and `LUMA_API_KEY=TEST_KEY`, with `overrides`. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...parseArgs([], { LUMA_API_KEY: TEST_KEY }).config, ...overrides };
}

export interface InProcess {
  /** Calls LumaApi_<name>. */
  call(name: string, args?: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult>;
  /** Calls a tool by its full wire name (which need not exist). */
  callTool(wireName: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  listTools(cursor?: string): Promise<ListedTool[]>;
  /** JSON of every result and the message and stack of every error the client saw. */
  transcript: string[];
  close(): Promise<void>;
}

async function start(
  config: Config,
  dispatcher: Dispatcher | undefined,
  sandbox: boolean,
): Promise<{ session: InProcess; client: LumaClient }> {
  const secrets = new Secrets();
  const client = new LumaClient({ ...config, secrets, dispatcher, retryBaseDelayMs: 1 });
  const mcp = createServer({
    tools: selectTools(config).tools,
    client,
    secrets,
    maxResultChars: config.maxResultChars,
    sandbox,
    confirm: config,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcpClient = new Client({ name: "test", version: "0.0.0" });
  await Promise.all([mcp.newServer().connect(serverSide), mcpClient.connect(clientSide)]);
  const transcript: string[] = [];
  const callTool = async (wireName: string, args: Record<string, unknown> = {}, signal?: AbortSignal) => {
    try {
      const result = (await mcpClient.callTool({ name: wireName, arguments: args }, undefined, {
        signal,
      })) as CallToolResult;
      transcript.push(JSON.stringify(result));
      return result;
    } catch (error) {
      transcript.push(error instanceof Error ? `${error.message}\n${error.stack}` : String(error));
      throw error;
    }
  };
  return {
    client,
    session: {
      transcript,
      call: (name, args, signal) => callTool(`LumaApi_${name}`, args, signal),
      callTool: (wireName, args) => callTool(wireName, args),
      listTools: async (cursor) =>
        (await mcpClient.listTools(cursor === undefined ? undefined : { cursor })).tools,
      close: () => mcpClient.close(),
    },
  };
}

/** The server under test, talking to a MockAgent Luma; `requests` is everything Luma received. */
export async function connect(options: { config?: Partial<Config>; respond?: Responder } = {}) {
  const luma = mockLuma(options.respond);
  const { session } = await start(testConfig(options.config), luma.agent, false);
  return {
    ...session,
    requests: luma.requests,
    close: async () => {
      await session.close();
      await luma.agent.close();
    },
  };
}

export interface ConnectToOptions {
  config?: Partial<Config>;
  /** In place of the client's own Agent (e.g. one whose connector refuses the first connection). */
  dispatcher?: Dispatcher;
}

/** The server under test, with the key CANARY, talking to the Luma at `baseUrl` over real sockets. */
export async function connectTo(baseUrl: string, options: ConnectToOptions = {}): Promise<InProcess> {
  const config = {
    ...parseArgs([], { LUMA_API_KEY: CANARY, LUMA_BASE_URL: baseUrl }).config,
    ...options.config,
  };
  const { session, client } = await start(config, options.dispatcher, false);
  return {
    ...session,
    close: async () => {
      await session.close();
      await client.close();
      await options.dispatcher?.destroy();
    },
  };
}

export interface RawAnswers {
  /** JSON.stringify of the initialize and tools/list result objects, as a stdio transport writes them. */
  initialize: string;
  toolsList: string;
  instructions: string;
  tools: ListedTool[];
}

/**
 * Asks a fresh server (MockAgent Luma) initialize and tools/list in raw JSON-RPC: no client in between that
 * could parse or reshape the answers.
 */
export async function rawAnswers(
  options: { config?: Partial<Config>; sandbox?: boolean } = {},
): Promise<RawAnswers> {
  const config = testConfig(options.config);
  const luma = mockLuma();
  const secrets = new Secrets();
  const client = new LumaClient({ ...config, secrets, dispatcher: luma.agent });
  const mcp = createServer({
    tools: selectTools(config).tools,
    client,
    secrets,
    maxResultChars: config.maxResultChars,
    sandbox: options.sandbox ?? false,
    confirm: config,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const results = new Map<number, unknown>();
  const waiters = new Map<number, () => void>();
  clientSide.onmessage = (message: JSONRPCMessage) => {
    if ("id" in message && "result" in message) {
      results.set(Number(message.id), message.result);
      waiters.get(Number(message.id))?.();
    }
  };
  await mcp.newServer().connect(serverSide);
  await clientSide.start();
  const ask = async (id: number, method: string, params: Record<string, unknown>) => {
    const answered = new Promise<void>((resolve) => waiters.set(id, resolve));
    await clientSide.send({ jsonrpc: "2.0", id, method, params });
    await answered;
    return results.get(id) as Record<string, unknown>;
  };
  const init = await ask(1, "initialize", {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "raw", version: "0" },
  });
  await clientSide.send({ jsonrpc: "2.0", method: "notifications/initialized" });
  const list = await ask(2, "tools/list", {});
  await clientSide.close();
  await luma.agent.close();
  return {
    initialize: JSON.stringify(init),
    toolsList: JSON.stringify(list),
    instructions: String(init.instructions ?? ""),
    tools: list.tools as ListedTool[],
  };
}
