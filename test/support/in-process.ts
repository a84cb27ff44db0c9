// Test harness: the real server and the real Luma client, with undici's MockAgent in place of Luma, joined
// to an SDK Client in process. Every request Luma would receive is captured for assertions.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { MockAgent } from "undici";
import { type Config, parseArgs } from "../src/config.js";
import { Secrets } from "../src/log.js";
import { LumaClient } from "../src/luma/client.js";
import { createServer } from "../src/server.js";
import { selectTools } from "../src/tools/select.js";

export const BASE_URL = "https://public-api.luma.com";
export const TEST_KEY = "sk-test-LUMAKEY-7f3a9c";

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  headers: Record<string, string>;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Responder = (request: SeenRequest) => Reply;

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...parseArgs([], { LUMA_API_KEY: TEST_KEY }).config, ...overrides };
}

function toRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    query[key] = all.length > 1 ? all : (all[0] as string);
  }
  return query;
}

/** A MockAgent that plays Luma: every request is recorded and answered by `respond` (default `{}`). */
export function mockLuma(respond: Responder = () => ({ body: {} })) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: SeenRequest[] = [];
  agent
    .get(BASE_URL)
    .intercept({ path: () => true, method: () => true })
    .reply((options) => {
      const url = new URL(options.path, BASE_URL);
      const raw = typeof options.body === "string" ? options.body : undefined;
      const seen: SeenRequest = {
        method: options.method,
        path: url.pathname,
        query: parseQuery(url.searchParams),
        body: raw === undefined ? undefined : JSON.parse(raw),
        headers: toRecord(options.headers),
      };
      requests.push(seen);
      const reply = respond(seen);
      return {
        statusCode: reply.status ?? 200,
        data: typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {}),
        responseOptions: { headers: { "content-type": "application/json", ...reply.headers } },
      };
    })
    .persist();
  return { agent, requests };
}

/** The server under test, connected to an SDK client, talking to a mocked Luma. */
export async function connect(options: { config?: Partial<Config>; respond?: Responder } = {}) {
  const config = testConfig(options.config);
  const luma = mockLuma(options.respond);
  const secrets = new Secrets();
  const client = new LumaClient({ ...config, secrets, dispatcher: luma.agent, retryBaseDelayMs: 1 });
  const mcp = createServer({
    tools: selectTools(config).tools,
    client,
    secrets,
    maxResultChars: config.maxResultChars,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcpClient = new Client({ name: "test", version: "0.0.0" });
  await Promise.all([mcp.server.connect(serverSide), mcpClient.connect(clientSide)]);
  return {
    mcpClient,
    requests: luma.requests,
    call: async (name: string, args: Record<string, unknown> = {}) =>
      (await mcpClient.callTool({ name: `LumaApi_${name}`, arguments: args })) as CallToolResult,
    close: async () => {
      await mcpClient.close();
      await luma.agent.close();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
}
