// The real server and the real Luma client (its own keep-alive Agent, real sockets), joined in process to
// an SDK Client and pointed at a loopback stand-in. Every result and every thrown error is kept in
// `transcript`, for the secrets test to scan.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Dispatcher } from "undici";
import { type Config, parseArgs } from "../../src/config.js";
import { Secrets } from "../../src/log.js";
import { LumaClient } from "../../src/luma/client.js";
import { createServer } from "../../src/server.js";
import { selectTools } from "../../src/tools/select.js";

/** A key no test text contains by chance: any appearance outside the request header is a leak. */
export const CANARY = "sk-live-SECRET-canary-123";

export interface Harness {
  call(name: string, args?: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult>;
  /** JSON of every result and the message and stack of every error the client saw. */
  transcript: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: Partial<Config>;
  /** In place of the client's own Agent (e.g. one whose connector refuses the first connection). */
  dispatcher?: Dispatcher;
}

export async function connectTo(baseUrl: string, options: HarnessOptions = {}): Promise<Harness> {
  const config = {
    ...parseArgs([], { LUMA_API_KEY: CANARY, LUMA_BASE_URL: baseUrl }).config,
    ...options.config,
  };
  const secrets = new Secrets();
  const client = new LumaClient({ ...config, secrets, dispatcher: options.dispatcher, retryBaseDelayMs: 1 });
  const mcp = createServer({
    tools: selectTools(config).tools,
    client,
    secrets,
    maxResultChars: config.maxResultChars,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const mcpClient = new Client({ name: "reliability", version: "0.0.0" });
  await Promise.all([mcp.newServer().connect(serverSide), mcpClient.connect(clientSide)]);
  const transcript: string[] = [];
  return {
    transcript,
    call: async (name, args = {}, signal) => {
      try {
        const result = (await mcpClient.callTool({ name: `LumaApi_${name}`, arguments: args }, undefined, {
          signal,
        })) as CallToolResult;
        transcript.push(JSON.stringify(result));
        return result;
      } catch (error) {
        transcript.push(error instanceof Error ? `${error.message}\n${error.stack}` : String(error));
        throw error;
      }
    },
    close: async () => {
      await mcpClient.close();
      await client.close();
      await options.dispatcher?.destroy();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
}
