// Shared by the HTTP-mode tests: the built bin started with --http on a free port, a Luma stand-in that
// counts what reaches it (and with which key), raw requests for the malformed cases, and the SDK v2 client
// in either protocol era.
import { type ChildProcess, spawn } from "node:child_process";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { BIN, requireBuild } from "../../scripts/lib/stdio-client.mjs";
import { type CallToolResult, texts } from "./results.js";
import { json, type Seen, startStandIn as startLoopbackStandIn } from "./stand-in.js";

export { BIN };
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
  requireBuild();
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
 * A Luma stand-in on 127.0.0.1 (the loopback stand-in of stand-in.ts): a small JSON object for every request,
 * after `delayMs` when its query or body says `slow`, with the key echoed back when it says `evt-echo`.
 * Its requests read as path with query, and the key each carried.
 */
export async function startStandIn(options: { delayMs?: number } = {}): Promise<StandIn> {
  const answer = { id: "cal-standin", name: "Stand-in calendar", api_id: "tag-standin" };
  const pathOf = (seen: Seen) => `${seen.path}${seen.query.size ? `?${seen.query}` : ""}`;
  const keyOf = (seen: Seen) => {
    const key = seen.headers["x-luma-api-key"];
    return Array.isArray(key) ? key.join(",") : key;
  };
  const luma = await startLoopbackStandIn((seen, res) => {
    const delay = `${pathOf(seen)} ${seen.body}`.includes("slow") ? (options.delayMs ?? 1_500) : 0;
    // A hostile upstream echoing the key back: it must reach no log and no answer.
    const reply = pathOf(seen).includes("evt-echo")
      ? { id: "evt-echo", echoed: `your key is ${String(keyOf(seen))}` }
      : answer;
    setTimeout(() => json(res, 200, reply), delay);
  });
  return {
    url: luma.url,
    get requests() {
      return luma.requests.map((seen) => ({
        method: seen.method,
        path: pathOf(seen),
        key: keyOf(seen),
        body: seen.body,
      }));
    },
    close: () => luma.close(),
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
export async function connect(
  url: string,
  era: "legacy" | "modern",
  headers: Record<string, string> = {},
  /** A client that can ask its user: it declares form elicitation and answers every question with this. */
  answer?: { action: "accept" | "decline"; content?: Record<string, boolean> },
) {
  const client = new Client(
    { name: "http-test", version: "0.0.0" },
    {
      ...(era === "modern" ? { versionNegotiation: { mode: { pin: MODERN } } } : {}),
      ...(answer ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  if (answer) client.setRequestHandler("elicitation/create", async () => answer);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** The text of a tool result's first content item. */
export function textOf(result: unknown): string {
  return texts(result as CallToolResult)[0] ?? "";
}
