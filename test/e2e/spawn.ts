// Spawns the built server (dist/index.js) over stdio with the SDK's Client, as an MCP client would.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export const BIN = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

export async function spawnServer(args: string[] = [], env: Record<string, string> = {}) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does).`);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...args],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  const stderr: string[] = [];
  transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const protocolErrors: Error[] = [];
  const client = new Client({ name: "e2e", version: "0.0.0" });
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr.join(""),
    protocolErrors,
    call: async (name: string, args: Record<string, unknown> = {}) =>
      (await client.callTool({ name: `LumaApi_${name}`, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

export function json(result: CallToolResult): Record<string, unknown> {
  const first = result.content[0];
  if (result.isError || first?.type !== "text")
    throw new Error(`tool failed: ${JSON.stringify(result.content)}`);
  return JSON.parse(first.text) as Record<string, unknown>;
}
