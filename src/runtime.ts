// One start-up for both transports (stdio in src/index.ts, HTTP in src/http/serve.ts): which tools are
// served, the sandbox when asked for, which Luma and which key the server's own client uses, and the
// start-up line that says so. Each transport then builds its client and server from this.
import type { Config } from "./config.js";
import { TOOLS } from "./tools/index.js";
import { type Selection, selectTools } from "./tools/select.js";
import { VERSION } from "./version.js";

/** The key the sandbox accepts when no LUMA_API_KEY is given (any non-empty key works there). */
export const SANDBOX_KEY = "sandbox-key";

export interface SandboxHandle {
  url: string;
  close(): Promise<void>;
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

/** Selects the tools (throwing a ConfigError for a bad selection) and starts the sandbox when asked for. */
export async function startRuntime(config: Config): Promise<Runtime> {
  const selection = selectTools(config);
  const sandbox = config.sandbox ? await startSandbox(0) : undefined;
  const luma = sandbox
    ? `SANDBOX MODE (simulated Luma at ${sandbox.url}, nothing leaves this machine)`
    : config.baseUrl;
  return {
    selection,
    sandbox,
    baseUrl: sandbox ? sandbox.url : config.baseUrl,
    apiKey: sandbox ? (config.apiKey ?? SANDBOX_KEY) : config.apiKey,
    readyLine: `${VERSION} ready: ${selection.tools.length} of ${TOOLS.length} tools: ${selection.reason}; ${luma}`,
  };
}
