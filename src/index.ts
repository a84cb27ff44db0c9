#!/usr/bin/env node
// The bin: flags and environment -> Config, then serve MCP over stdio, or over HTTP with --http (loaded
// only then, from src/http/), or print help/version, or run the sandbox on its own. stdout belongs to
// JSON-RPC once serving starts over stdio; everything else goes to stderr, in both modes.
import { writeSync } from "node:fs";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { type Config, ConfigError, helpText, parseArgs, secretValues } from "./config.js";
import { type Log, Secrets, stderrLog } from "./log.js";
import { serverFor, startRuntime, startSandbox } from "./runtime.js";
import { LineTransport } from "./stdio.js";
import { VERSION } from "./version.js";

const SHUTDOWN_GRACE_MS = 3_000;
/** The exit code of a forced quit: a second SIGINT or SIGTERM while HTTP mode drains. */
const FORCED_QUIT_EXIT = 130;

/** For --help and --version only, before any JSON-RPC: the one place this program writes to stdout. */
function printToStdout(text: string): void {
  writeSync(1, text);
}

async function serve(config: Config, secrets: Secrets, log: Log): Promise<void> {
  const runtime = await startRuntime(config);
  const { sandbox } = runtime;
  const { client, mcp } = serverFor(runtime, config, secrets, log);
  // serveStdio picks the protocol era from the client's first message and asks for one server instance for
  // the connection (a 2026-07-28 discovery probe may cost a second); LineTransport answers malformed lines.
  const connection = serveStdio(() => mcp.newServer(), {
    transport: new LineTransport(),
    onerror: (error) => log(`stdio: ${error.message}`),
  });

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    mcp.stop();
    await mcp.idle(SHUTDOWN_GRACE_MS);
    await connection.close().catch(() => {});
    await Promise.allSettled([client.close(), sandbox?.close()]);
    process.exit(0);
  };
  process.stdin.on("end", () => void stop("stdin closed"));
  // The client went away (EPIPE): nothing can be answered any more.
  process.stdout.on("error", () => void stop("stdout closed"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  log(runtime.readyLine);
  if (!sandbox && !config.apiKey)
    log("LUMA_API_KEY is not set: tools will answer with an error until it is (or use --sandbox).");
}

async function serveHttp(config: Config, secrets: Secrets, log: Log): Promise<void> {
  const { serveHttp } = await import("./http/serve.js");
  const server = await serveHttp(config, secrets, log);
  let stopping = false;
  const stop = (why: string) => {
    // A second signal while draining is a forced quit (docs/http.md): the calls still in flight are cut,
    // so it exits non-zero (130) instead of reporting a clean stop.
    if (stopping) {
      log(`forced quit (${why} while stopping): calls still in flight are cut`);
      process.exit(FORCED_QUIT_EXIT);
    }
    stopping = true;
    void server.shutdown(why).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

async function main(secrets: Secrets, log: Log): Promise<void> {
  const { command, config, port } = parseArgs(process.argv.slice(2), process.env);
  if (command === "help") return printToStdout(helpText(VERSION));
  if (command === "version") return printToStdout(`${VERSION}\n`);
  if (command === "sandbox-server") {
    const sandbox = await startSandbox(port);
    log(`sandbox Luma API listening on ${sandbox.url} (any non-empty x-luma-api-key is accepted)`);
    const close = () => void sandbox.close().then(() => process.exit(0));
    process.on("SIGINT", close);
    process.on("SIGTERM", close);
    return;
  }
  if (config.http) await serveHttp(config, secrets, log);
  else await serve(config, secrets, log);
}

// The key is masked in every line from the very start, before the settings are parsed: a start-up error
// may quote a setting, and the key may have been pasted into the wrong one.
const secrets = new Secrets();
for (const value of secretValues(process.env)) secrets.add(value);
const log = stderrLog(secrets);

// Node's default crash report prints to stderr unmasked; this one goes through log(), which masks the key.
const crash = (error: unknown): never => {
  log(`fatal: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

main(secrets, log).catch((error: unknown) => {
  if (!(error instanceof ConfigError)) return crash(error);
  log(error.message);
  process.exit(2);
});
