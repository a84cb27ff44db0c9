// Shared by the HTTP-mode tests: the built bin started with --http on a free port, a Luma stand-in that
// counts what reaches it (and with which key), raw requests for the malformed cases, and the SDK v2 client
// in either protocol era.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

export const BIN = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
export const MODERN = "2026-07-28";
export const LEGACY = "2025-11-25";

export interface Replica {
  url: string;
  child: ChildProcess;
  /** Every stderr line so far. */
  lines: string[];
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `dist/index.js --http --port 0 ...args` with only `env` (and PATH); resolves once it listens. */
export async function startReplica(args: string[], env: Record<string, string>): Promise<Replica> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does).`);
  const child = spawn(process.execPath, [BIN, "--http", "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(
      () => reject(new Error(`no "listening on" within 10 s:\n${lines.join("\n")}`)),
      10_000,
    );
    child.stderr?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const found = /listening on (http:\/\/\S+\/mcp)/.exec(line)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${lines.join("\n")}`));
    });
  });
  return {
    url,
    child,
    lines,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      if (stdout) lines.push(`(stdout) ${stdout}`);
      return code;
    },
  };
}

export interface SeenRequest {
  method: string;
  path: string;
  key: string | undefined;
  body: string;
}

export interface StandIn {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A Luma stand-in on 127.0.0.1: a small JSON object for every request, after `delayMs` when its query or
 * body says `slow`, with the key echoed back when it says `evt-echo`. Records each request's path and key.
 */
export async function startStandIn(options: { delayMs?: number } = {}): Promise<StandIn> {
  const requests: SeenRequest[] = [];
  const answer = JSON.stringify({ id: "cal-standin", name: "Stand-in calendar", api_id: "tag-standin" });
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const key = req.headers["x-luma-api-key"];
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        key: Array.isArray(key) ? key.join(",") : key,
        body,
      });
      const delay = `${req.url} ${body}`.includes("slow") ? (options.delayMs ?? 1_500) : 0;
      // A hostile upstream echoing the key back: it must reach no log and no answer.
      const reply = (req.url ?? "").includes("evt-echo")
        ? JSON.stringify({ id: "evt-echo", echoed: `your key is ${String(key)}` })
        : answer;
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(reply);
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The _meta envelope every 2026-07-28 request carries. */
export const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" },
  "io.modelcontextprotocol/clientCapabilities": {},
};

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON-RPC message(s) of the answer: a JSON body, or the data lines of an SSE body. */
  messages: { id?: unknown; result?: Record<string, unknown>; error?: { code: number; message: string } }[];
}

/** A raw POST (or other method) to `url`, as a client that may get everything wrong would send it. */
export async function raw(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = "POST",
): Promise<RawAnswer> {
  const response = await fetch(url, {
    method,
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    ...(method === "GET" || method === "HEAD"
      ? {}
      : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const messages =
    text.trim().startsWith("{") || text.trim().startsWith("[")
      ? [JSON.parse(text)].flat()
      : text
          .split("\n")
          .filter((line) => line.startsWith("data: "))
          .flatMap((line) => [JSON.parse(line.slice(6))].flat());
  return { status: response.status, headers: response.headers, text, messages };
}

/** A 2026-07-28 tools/call as a raw request: headers and envelope as the SDK client sends them. */
export function modernCall(name: string, args: Record<string, unknown>, id = 1) {
  return {
    body: { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args, _meta: ENVELOPE } },
    headers: { "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": name },
  };
}

/** The SDK v2 client over HTTP, in the 2025 era (initialize) or pinned to 2026-07-28, with `headers`. */
export async function connect(url: string, era: "legacy" | "modern", headers: Record<string, string> = {}) {
  const client = new Client(
    { name: "http-test", version: "0.0.0" },
    era === "modern" ? { versionNegotiation: { mode: { pin: MODERN } } } : {},
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** The text of a tool result's first content item. */
export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content[0]?.type === "text" ? (content[0].text ?? "") : "";
}
