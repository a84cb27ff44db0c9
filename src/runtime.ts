// One start-up for both transports (stdio in src/index.ts, HTTP in src/http/serve.ts): which tools are
// served, the sandbox when asked for, which Luma and which key the server's own client uses, and the
// start-up line that says so, and the server's own client and MCP server factory (serverFor). The
// transports differ only in how they carry messages and where per-key state lives.
import type { PeopleTally } from "./calls/confirm.js";
import type { ClaimOnce } from "./calls/confirm-setup.js";
import type { Repeats } from "./calls/repeat-guard.js";
import type { Config } from "./config.js";
import type { Log, Secrets } from "./log.js";
import { LumaClient, type LumaClientOptions } from "./luma/client.js";
import type { SandboxHandler } from "./sandbox/listen.js";
import { createServer, type LumaMcpServer, settingsDeps } from "./server.js";
import { CATALOG } from "./tools/catalog.js";
import { type Selection, selectTools } from "./tools/select.js";
import { VERSION } from "./version.js";

/** The key the sandbox accepts when no LUMA_API_KEY is given (any non-empty key works there). */
export const SANDBOX_KEY = "sandbox-key";

export interface SandboxHandle {
  url: string;
  close(): Promise<void>;
  /** Loads the sandbox now, where it is loaded on its first request (--sandbox). */
  warm?(): void;
}

export interface Runtime {
  selection: Selection;
  /** The embedded simulated Luma, with --sandbox. */
  sandbox?: SandboxHandle;
  /** The Luma the server's clients talk to: the sandbox's, or LUMA_BASE_URL. */
  baseUrl: string;
  /** The server's own key: LUMA_API_KEY, or the sandbox's. */
  apiKey: string | undefined;
  /** The start-up line: the version, what is served and why, and which Luma it talks to. */
  readyLine: string;
}

/** The simulated Luma on `port` (0: any free one), loaded only when asked for. */
export async function startSandbox(port: number): Promise<SandboxHandle> {
  const { startSandbox } = await import("./sandbox/server.js");
  return startSandbox({ port });
}

/**
 * --sandbox's simulated Luma: listening from the start, so that its URL is the server's Luma, while the
 * sandbox itself (seed, store, routes, body validators) loads with its first request, or when warmed after
 * tools/list: initialize and tools/list never need it.
 */
async function startLazySandbox(): Promise<SandboxHandle> {
  const { listen } = await import("./sandbox/listen.js");
  let handler: Promise<SandboxHandler> | undefined;
  const load = () => {
    handler ??= import("./sandbox/server.js").then(({ sandboxHandler }) => sandboxHandler());
    return handler;
  };
  const running = await listen((req, res) => {
    load().then(
      (handle) => handle(req, res),
      (error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: `The Luma sandbox could not load: ${String(error)}` }));
      },
    );
  });
  return { url: running.url, close: running.close, warm: () => void load().catch(() => {}) };
}

/** Selects the tools (throwing a ConfigError for a bad selection) and starts the sandbox when asked for. */
export async function startRuntime(config: Config): Promise<Runtime> {
  const selection = selectTools(config);
  const sandbox = config.sandbox ? await startLazySandbox() : undefined;
  const luma = sandbox
    ? `SANDBOX MODE (simulated Luma at ${sandbox.url}, nothing leaves this machine)`
    : config.baseUrl;
  return {
    selection,
    sandbox,
    baseUrl: sandbox ? sandbox.url : config.baseUrl,
    apiKey: sandbox ? (config.apiKey ?? SANDBOX_KEY) : config.apiKey,
    readyLine: `${VERSION} ready: ${selection.tools.length} of ${CATALOG.length} tools: ${selection.reason}; ${luma}`,
  };
}

/** Where the server's own key keeps its state, over HTTP (stdio keeps it in this process: the defaults). */
export interface OwnState {
  dispatcher: NonNullable<LumaClientOptions["dispatcher"]>;
  rateStore: NonNullable<LumaClientOptions["rateStore"]>;
  repeats: Repeats;
  tally: PeopleTally;
  claimOnce: ClaimOnce;
}

/** The server's own Luma client (the runtime's Luma and key) and the MCP server factory over it. */
export function serverFor(
  runtime: Runtime,
  config: Config,
  secrets: Secrets,
  log: Log,
  shared?: OwnState,
): { client: LumaClient; mcp: LumaMcpServer } {
  const client = new LumaClient({
    ...config,
    secrets,
    apiKey: runtime.apiKey,
    baseUrl: runtime.baseUrl,
    ...(shared ? { dispatcher: shared.dispatcher, rateStore: shared.rateStore } : {}),
  });
  const mcp = createServer({
    tools: runtime.selection.tools,
    client,
    secrets,
    sandbox: Boolean(runtime.sandbox),
    warm: runtime.sandbox?.warm,
    ...(shared ? { repeats: shared.repeats, tally: shared.tally } : {}),
    ...settingsDeps(config, log, shared?.claimOnce),
  });
  return { client, mcp };
}
