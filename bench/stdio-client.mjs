// A bare JSON-RPC client for the built server over stdio, for the benchmark and `npm run tokens`: it sees
// each answer exactly as sent (one JSON line), with no SDK in the way to parse or reshape it.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
export const BIN = join(DIST, "index.js");
let bin = BIN;

/**
 * Checks that dist/ is built, then runs a private copy of it (the bundle needs nothing outside dist/), so
 * a rebuild in the working tree while this runs cannot pull files from under the measured server.
 */
export function requireBuild() {
  if (!existsSync(BIN)) {
    console.error(`${BIN} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const copy = mkdtempSync(join(tmpdir(), "luma-api-mcp-bench-"));
  cpSync(DIST, copy, { recursive: true });
  process.on("exit", () => rmSync(copy, { recursive: true, force: true }));
  bin = join(copy, "index.js");
}

/** The bin the bench runs: the private copy once requireBuild has made it. */
export function benchBin() {
  return bin;
}

export const INITIALIZE = {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "luma-api-mcp-bench", version: "0.0.0" },
};

/**
 * Spawns `node dist/index.js ...args`. `request` resolves to the raw answer line and its parsed message;
 * `ready` resolves once initialize is answered and the initialized notification is sent.
 */
export function startServer(args = [], env = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  const pending = new Map();
  let nextId = 1;
  let buffer = "";
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
      if (!line.trim()) continue;
      const message = JSON.parse(line);
      const waiter = pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        waiter.resolve({ line, message, at: process.hrtime.bigint() });
      }
    }
  });
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`server exited: ${stderr.trim()}`));
    pending.clear();
  });
  const send = (message) => child.stdin.write(`${JSON.stringify(message)}\n`);
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ jsonrpc: "2.0", id, method, params });
    });
  const server = {
    child,
    started,
    request,
    stderr: () => stderr,
    /** ms since spawn */
    since: (at) => Number(at - started) / 1e6,
    initialize: async () => {
      const answer = await request("initialize", INITIALIZE);
      send({ jsonrpc: "2.0", method: "notifications/initialized" });
      return answer;
    },
    callTool: (name, args = {}) => request("tools/call", { name, arguments: args }),
    /** VmRSS and VmHWM (peak) of the server process, in MB (Linux only). */
    memory: () => readMemory(child.pid),
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return server;
}

export async function readMemory(pid) {
  const { readFile } = await import("node:fs/promises");
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}
