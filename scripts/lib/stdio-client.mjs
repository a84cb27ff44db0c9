// A bare JSON-RPC client for an MCP server over stdio, in plain JavaScript for the Node scripts (bench/,
// scripts/) and reused by the tests (test/support/spawn.ts): it sees each answer exactly as sent (one JSON
// line), with no SDK in the way to parse or reshape it, and it keeps the server's stderr and exit code.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built server of this repository (`npm run build`). */
export const BIN = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

/** Throws unless dist/ is built. */
export function requireBuild(bin = BIN) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (npm test does).`);
}

/**
 * Checks that dist/ is built, and returns the bin of a private copy of it (the bundle needs nothing outside
 * dist/), removed at exit: a rebuild in the working tree while a measurement runs cannot pull files from
 * under the measured server. Beside it, a package.json that says its .js files are ES modules, as the
 * installed package's does: without one, Node would first parse every chunk to guess its module format.
 */
export function privateCopyOfBuild(bin = BIN) {
  requireBuild(bin);
  const copy = mkdtempSync(join(tmpdir(), "luma-api-mcp-build-"));
  cpSync(dirname(bin), copy, { recursive: true });
  writeFileSync(join(copy, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  process.on("exit", () => rmSync(copy, { recursive: true, force: true }));
  return join(copy, "index.js");
}

/** The initialize request's params. */
export function initializeParams(clientName = "luma-api-mcp-stdio-client", capabilities = {}) {
  return {
    protocolVersion: "2025-06-18",
    capabilities,
    clientInfo: { name: clientName, version: "0.0.0" },
  };
}

/** Only PATH and `env`: no LUMA_* settings inherited from the developer's shell. */
export function pathOnly(env = {}) {
  return { PATH: process.env.PATH ?? "", ...env };
}

const SAFE_VARIABLES =
  process.platform === "win32"
    ? [
        "APPDATA",
        "HOMEDRIVE",
        "HOMEPATH",
        "LOCALAPPDATA",
        "PATH",
        "PROCESSOR_ARCHITECTURE",
        "SYSTEMDRIVE",
        "SYSTEMROOT",
        "TEMP",
        "USERNAME",
        "USERPROFILE",
        "PROGRAMFILES",
      ]
    : ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"];

/**
 * What MCP clients pass a stdio server besides its configured env: the few variables a command needs to run
 * (HOME, PATH, ...), none of the rest of the environment; then `env` on top.
 */
export function clientEnv(env = {}) {
  const safe = {};
  for (const name of SAFE_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined && !value.startsWith("()")) safe[name] = value;
  }
  return { ...safe, ...env };
}

/**
 * Spawns `command args` with exactly `env`, and speaks JSON-RPC lines on its stdin and stdout.
 * `request` resolves to the raw answer line, its parsed message and the time it arrived (or rejects when
 * the server exits first); `exited` resolves to the exit code (null after a signal or a failed spawn).
 * `answer(method, params)`, when given, answers the server's own requests (an elicitation) and is declared
 * as the elicitation capability at initialize; without it they get "method not found".
 */
export function spawnStdio({ command, args = [], env = {}, cwd, clientName, answer } = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env, cwd });
  const pending = new Map();
  /** Every message the server wrote, in order. */
  const messages = [];
  /** Every stdout line that is not JSON: stdout must carry JSON-RPC only. */
  const strayLines = [];
  let nextId = 1;
  let buffer = "";
  let stderr = "";
  let spawnError;
  child.stdin.on("error", () => {});
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
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        strayLines.push(line);
        continue;
      }
      messages.push(message);
      if ("method" in message && "id" in message) {
        answerServer(message);
        continue;
      }
      const waiter = pending.get(message.id);
      if (waiter && ("result" in message || "error" in message)) {
        pending.delete(message.id);
        waiter.resolve({ line, message, at: process.hrtime.bigint() });
      }
    }
  });
  const exited = new Promise((resolve) => {
    child.on("error", (error) => {
      spawnError = error;
      resolve(null);
    });
    child.on("exit", (code) => resolve(code));
  });
  exited.then(() => {
    const why = spawnError ? spawnError.message : stderr.trim();
    for (const waiter of pending.values()) waiter.reject(new Error(`server exited: ${why}`));
    pending.clear();
  });
  const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  const answerServer = async ({ id, method, params }) => {
    if (!answer) return send({ id, error: { code: -32601, message: `${method} is not supported` } });
    try {
      send({ id, result: await answer(method, params) });
    } catch (error) {
      send({ id, error: { code: -32603, message: String(error?.message ?? error) } });
    }
  };
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      if (child.exitCode !== null || spawnError) {
        reject(new Error(`server exited: ${spawnError?.message ?? stderr.trim()}`));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ id, method, params });
    });
  return {
    child,
    started,
    messages,
    strayLines,
    exited,
    send,
    request,
    notify: (method, params) => send(params === undefined ? { method } : { method, params }),
    stderr: () => stderr,
    /** ms from spawn to `at` */
    since: (at) => Number(at - started) / 1e6,
    /** Sends initialize, waits for its answer, then sends notifications/initialized. */
    initialize: async () => {
      const capabilities = answer ? { elicitation: { form: {} } } : {};
      const initialized = await request("initialize", initializeParams(clientName, capabilities));
      send({ method: "notifications/initialized" });
      return initialized;
    },
    listTools: () => request("tools/list", {}),
    callTool: (name, args = {}) => request("tools/call", { name, arguments: args }),
    /** VmRSS and VmHWM (peak) of the server process, in MB (Linux only). */
    memory: () => readMemory(child.pid),
    /** Closes stdin and waits for the exit (SIGKILL after `graceMs`); resolves to the exit code. */
    close: async (graceMs = 5_000) => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Spawns `node <bin> ...args` (the built server by default) with PATH and `env` only. */
export function startServer(args = [], env = {}, { bin = BIN, clientName, answer } = {}) {
  return spawnStdio({
    command: process.execPath,
    args: [bin, ...args],
    env: pathOnly(env),
    clientName,
    answer,
  });
}

/** The text of a tools/call result: its text items, one per line. */
export function textOf(result) {
  return (result?.content ?? []).map((item) => (item.type === "text" ? item.text : "")).join("\n");
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
