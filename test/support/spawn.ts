// The built server (dist/index.js, from `npm run build`) as an MCP client runs it: a child process on stdio,
// with PATH and the given env only (no LUMA_* settings inherited from the developer's shell).
// - `spawnServer`: the MCP SDK's client over stdio, as a client application would talk to it;
// - `spawnRaw`: JSON-RPC lines spoken by scripts/lib/stdio-client.mjs (the client of bench/ and scripts/),
//   for tests that need signals, stdin closing, stderr and the exit code;
// - `runBin`: one run to exit (flags, refused settings), with its exit code, stdout and stderr.
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import {
  BIN,
  pathOnly,
  requireBuild,
  type StdioServer,
  startServer,
} from "../../scripts/lib/stdio-client.mjs";
import type { CallToolResult, ListedTool } from "./results.js";

export type { StdioServer };
export { BIN };

/** The built bin, spawned and driven by the SDK's Client over stdio. */
export async function spawnServer(args: string[] = [], env: Record<string, string> = {}) {
  requireBuild();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...args],
    env: pathOnly(env),
    stderr: "pipe",
  });
  const stderr: string[] = [];
  transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const protocolErrors: Error[] = [];
  const client = new Client({ name: "e2e", version: "0.0.0" });
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  // The SDK's transport waits for 'drain' once per write the full pipe holds back, each with a listener of
  // its own on the child's stdin: a burst of concurrent calls (test/reliability/load.test.ts) holds more
  // than Node's default of 10 at once, which is no leak.
  (transport as unknown as { _process?: ChildProcess })._process?.stdin?.setMaxListeners(0);
  /** The id of every response the server wrote. */
  const responseIds: (string | number)[] = [];
  const deliver = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ("id" in message && message.id !== undefined && ("result" in message || "error" in message)) {
      responseIds.push(message.id);
    }
    deliver?.(message);
  };
  const callTool = async (wireName: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name: wireName, arguments: args })) as CallToolResult;
  return {
    /** The SDK client itself, for frameworks that take one (they convert and call tools through it). */
    client,
    stderr: () => stderr.join(""),
    protocolErrors,
    responseIds,
    serverName: () => client.getServerVersion()?.name,
    instructions: () => client.getInstructions(),
    listTools: async (): Promise<ListedTool[]> => (await client.listTools()).tools,
    /** Calls LumaApi_<name>. */
    call: (name: string, args: Record<string, unknown> = {}) => callTool(`LumaApi_${name}`, args),
    callTool,
    close: () => client.close(),
  };
}

export type SpawnedServer = Awaited<ReturnType<typeof spawnServer>>;

/** The built bin, spoken to in raw JSON-RPC lines; `exited` resolves to its exit code. */
export function spawnRaw(args: string[] = [], env: Record<string, string> = {}): StdioServer {
  requireBuild();
  return startServer(args, env, { clientName: "raw" });
}

/** Runs the built bin to exit with empty stdin, PATH and `env` only. */
export function runBin(args: string[] = [], env: Record<string, string> = {}) {
  requireBuild();
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", input: "", env: pathOnly(env) });
}
