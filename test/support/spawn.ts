// The built server (dist/index.js, from `npm run build`) as an MCP client runs it: a child process on
// stdio. `spawnRaw` speaks JSON-RPC lines itself, for tests that need signals, stdin closing and the exit
// code; `spawnClient` uses the SDK's StdioClientTransport.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { until } from "./stand-in.js";

export const BIN = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

function requireBuild(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does).`);
}

/** Only what the server needs: no inherited LUMA_* settings from the developer's shell. */
function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...env };
}

interface Response {
  id: number;
  result?: { content: { type: string; text: string }[]; isError?: boolean };
  error?: { message: string };
}

export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  send(message: Record<string, unknown>): void;
  /** Sends initialize and waits for its answer, then notifications/initialized. */
  initialize(): Promise<void>;
  callTool(id: number, name: string, args: Record<string, unknown>): void;
  /** Waits for the answer to request `id`. */
  response(id: number, ms?: number): Promise<Response>;
  responses: Response[];
}

export function spawnRaw(env: Record<string, string>): RawServer {
  requireBuild();
  const child = spawn(process.execPath, [BIN], { env: childEnv(env) });
  const stderr: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const responses: Response[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const message = JSON.parse(line) as Response;
    if (typeof message.id === "number") responses.push(message);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const send = (message: Record<string, unknown>) =>
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  const response = async (id: number, ms = 10_000) => {
    await until(() => responses.some((r) => r.id === id), `the answer to request ${id}`, ms);
    return responses.find((r) => r.id === id) as Response;
  };
  return {
    child,
    stderr: () => stderr.join(""),
    exited,
    send,
    responses,
    response,
    initialize: async () => {
      send({
        id: 0,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "raw", version: "0" },
        },
      });
      await response(0);
      send({ method: "notifications/initialized" });
    },
    callTool: (id, name, args) =>
      send({ id, method: "tools/call", params: { name: `LumaApi_${name}`, arguments: args } }),
  };
}

/** The SDK's own client over stdio; `responseIds` lists the id of every response the server wrote. */
export async function spawnClient(env: Record<string, string>) {
  requireBuild();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    env: childEnv(env),
    stderr: "pipe",
  });
  const stderr: string[] = [];
  transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = new Client({ name: "reliability", version: "0.0.0" });
  await client.connect(transport);
  const responseIds: (string | number)[] = [];
  const deliver = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ("id" in message && message.id !== undefined && ("result" in message || "error" in message)) {
      responseIds.push(message.id);
    }
    deliver?.(message);
  };
  return { client, transport, stderr: () => stderr.join(""), responseIds };
}
