// The SDK v2 client side, for tests that need what only it has: the 2026-07-28 era (server/discover and the
// _meta envelope) and a client that answers elicitation. With in-process.ts and spawn.ts, the only place
// that uses the MCP SDK's client side or constructs the server.
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import type { CallToolResult } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { fileAudit } from "../../src/audit.js";
import type { ConfirmMode } from "../../src/config.js";
import { LumaClient } from "../../src/luma/client.js";
import { createServer } from "../../src/server.js";
import { TOOLS } from "../../src/tools/index.js";
import { Secrets, testConfig } from "./in-process.js";
import { mockLuma, type Responder, type SeenRequest } from "./mock-luma.js";

export { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
export type { CallToolResult };
export { Client };

export type Answer = { action: "accept" | "decline" | "cancel"; content?: Record<string, boolean> } | "never";

export interface Setup {
  era: "2025" | "2026";
  /** The client's answer to the question; undefined: the client cannot ask at all. */
  answer?: Answer;
  mode?: ConfirmMode;
  over?: number;
  /** LUMA_STATE_SECRET; default: a random key of this server's own. */
  stateSecret?: string;
  auditFile?: string;
  questionTimeoutMs?: number;
  /** The client's declared capabilities, when not what `answer` implies (e.g. URL-mode elicitation only). */
  capabilities?: Record<string, unknown>;
}

/** The real server, in process, over a mocked Luma, with an SDK v2 client of the given era and abilities. */
export async function connectV2(setup: Setup, respond: Responder) {
  const config = testConfig();
  const luma = mockLuma(respond);
  const secrets = new Secrets();
  const client = new LumaClient({ ...config, secrets, dispatcher: luma.agent, retryBaseDelayMs: 1 });
  const mcp = createServer({
    tools: TOOLS,
    client,
    secrets,
    maxResultChars: config.maxResultChars,
    confirm: { confirm: setup.mode ?? "auto", confirmOver: setup.over ?? 10, stateSecret: setup.stateSecret },
    audit: setup.auditFile ? fileAudit(setup.auditFile, () => {}) : undefined,
    questionTimeoutMs: setup.questionTimeoutMs,
  });
  const questions: string[] = [];
  const mcpClient = new Client(
    { name: "confirm-test", version: "0.0.0" },
    {
      capabilities: setup.capabilities ?? (setup.answer ? { elicitation: { form: {} } } : {}),
      ...(setup.era === "2026" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {}),
    },
  );
  const answer = setup.answer;
  if (answer) {
    mcpClient.setRequestHandler("elicitation/create", async (request) => {
      questions.push(String((request.params as { message?: string }).message));
      if (answer === "never") return new Promise(() => {});
      return answer;
    });
  }
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  if (setup.era === "2026") serveStdio(() => mcp.newServer(), { transport: serverSide });
  else await mcp.newServer().connect(serverSide);
  await mcpClient.connect(clientSide);
  const writes = () => luma.requests.filter((r: SeenRequest) => r.method === "POST");
  return {
    questions,
    writes,
    call: async (name: string, args: Record<string, unknown>) =>
      (await mcpClient.callTool({ name: `LumaApi_${name}`, arguments: args })) as CallToolResult,
    close: async () => {
      await mcpClient.close();
      await luma.agent.close();
    },
  };
}
