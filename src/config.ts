// Every setting the server reads, from flags and environment variables, parsed and checked in one place.
// SETTINGS is the single list: --help, the README and the registry/bundle manifests are checked against it.
import { nearestNames } from "./nearest.js";

/** LUMA_CONFIRM: when to ask a person before a write with consequences (see calls/confirm.ts). */
export const CONFIRM_MODES = ["auto", "always", "never"] as const;
export type ConfirmMode = (typeof CONFIRM_MODES)[number];

/**
 * Where the documentation lives for someone who installed the package (which ships only what runs): the
 * repository's docs/ folder. --help and start-up lines link a page as `${DOCS_URL}/http.md`.
 */
export const DOCS_URL = "https://github.com/luma-api-mcp/luma-api-mcp/blob/main/docs";

/** LUMA_HTTP_AUTH: how HTTP callers prove who they are (docs/http.md, docs/remote.md). */
export const HTTP_AUTH_MODES = ["keys", "oauth"] as const;
export type HttpAuth = (typeof HTTP_AUTH_MODES)[number];

export interface Config {
  apiKey: string | undefined;
  baseUrl: string;
  timeoutMs: number;
  sandbox: boolean;
  rateLimitPerMinute: number;
  maxRetryWaitMs: number;
  maxResultChars: number;
  maxResponseBytes: number;
  toolsets: string[] | undefined;
  tools: string[];
  excludeTools: string[];
  readOnly: boolean;
  confirm: ConfirmMode;
  confirmOver: number;
  stateSecret: string | undefined;
  auditLog: string | undefined;
  http: boolean;
  port: number;
  host: string;
  httpTokens: string | undefined;
  allowedOrigins: string[];
  maxBodyBytes: number;
  sendTimeoutMs: number;
  maxConnections: number;
  maxRequests: number;
  redisUrl: string | undefined;
  httpAuth: HttpAuth;
  publicUrl: string | undefined;
  stateDir: string | undefined;
  oauthTestLoopbackClients: boolean;
}

type Kind = "secret" | "string" | "url" | "int" | "bool" | "list" | "choice";

interface Setting {
  key: keyof Config;
  env: string;
  flag?: string;
  kind: Kind;
  default?: string;
  /** For an int: the largest value taken (timers break beyond 2^31-1 ms; most settings want far less). */
  max?: number;
  /** For a choice: the values taken. */
  choices?: readonly string[];
  /** For a secret: it travels in an HTTP header, so it must be visible ASCII. */
  inHeader?: boolean;
  /** For an int: the smallest value taken (default 1). */
  min?: number;
  help: string;
}

/** The largest delay Node's timers take; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const SETTINGS: readonly Setting[] = [
  {
    key: "apiKey",
    env: "LUMA_API_KEY",
    kind: "secret",
    inHeader: true,
    help: "Luma API key (Luma Plus). Sent only as the x-luma-api-key header.",
  },
  {
    key: "sandbox",
    env: "LUMA_SANDBOX",
    flag: "--sandbox",
    kind: "bool",
    default: "false",
    help: "Run against the embedded simulated Luma; no key needed, nothing leaves the machine.",
  },
  {
    key: "baseUrl",
    env: "LUMA_BASE_URL",
    kind: "url",
    default: "https://public-api.luma.com",
    help: "Luma API base URL: https://, or http:// to a loopback address only.",
  },
  {
    key: "timeoutMs",
    env: "LUMA_TIMEOUT_MS",
    kind: "int",
    default: "30000",
    max: 600_000,
    help: "Time limit of one HTTP request to Luma (headers and body), in ms, from sending it.",
  },
  {
    key: "rateLimitPerMinute",
    env: "LUMA_RATE_LIMIT_PER_MINUTE",
    kind: "int",
    default: "200",
    help: "Client-side request budget per minute (Luma: 200 per calendar key, 500 per organization key).",
  },
  {
    key: "maxRetryWaitMs",
    env: "LUMA_MAX_RETRY_WAIT_MS",
    kind: "int",
    default: "10000",
    max: 3_600_000,
    help: "Longest time one call may wait for rate-limit slots and retries, all together, in ms; a longer wait is reported at once.",
  },
  {
    key: "maxResultChars",
    env: "LUMA_MAX_RESULT_CHARS",
    kind: "int",
    default: "100000",
    max: MAX_TIMER_MS,
    help: "Largest tool answer in characters; longer lists are cut at a whole entry, with a notice.",
  },
  {
    key: "maxResponseBytes",
    env: "LUMA_MAX_RESPONSE_BYTES",
    kind: "int",
    default: "10485760",
    max: 1_073_741_824,
    help: "Largest Luma response body accepted, in bytes.",
  },
  {
    key: "toolsets",
    env: "LUMA_TOOLSETS",
    flag: "--toolsets",
    kind: "list",
    help: "Comma-separated tool groups to serve, each with its opt-in tools, or all for every tool (default: the standard tools, or none when LUMA_TOOLS is set).",
  },
  {
    key: "tools",
    env: "LUMA_TOOLS",
    flag: "--tools",
    kind: "list",
    default: "",
    help: "Comma-separated tools to serve (LumaApi_X or X): alone, only these; with LUMA_TOOLSETS, these as well.",
  },
  {
    key: "excludeTools",
    env: "LUMA_EXCLUDE_TOOLS",
    flag: "--exclude-tools",
    kind: "list",
    default: "",
    help: "Comma-separated tools to disable.",
  },
  {
    key: "readOnly",
    env: "LUMA_READ_ONLY",
    flag: "--read-only",
    kind: "bool",
    default: "false",
    help: "Only the read-only tools, whatever else is asked.",
  },
  {
    key: "confirm",
    env: "LUMA_CONFIRM",
    kind: "choice",
    choices: CONFIRM_MODES,
    default: "auto",
    help: "Before writes that email, comp, charge, refund, delete, give access or send data out: auto (ask the user where the client can, else go ahead), always (else a preview and a one-time token), never.",
  },
  {
    key: "confirmOver",
    env: "LUMA_CONFIRM_OVER",
    kind: "int",
    default: "10",
    help: "Writes that bring the people one key (or one event) reached in 10 minutes over this ask even in auto mode, with a preview where the client cannot ask.",
  },
  {
    key: "stateSecret",
    env: "LUMA_STATE_SECRET",
    kind: "secret",
    help: "Key (32+ characters) that signs confirmation tokens and questions, so every replica accepts them (default: a new key per process).",
  },
  {
    key: "auditLog",
    env: "LUMA_AUDIT_LOG",
    kind: "string",
    help: "File to append one JSON line to per write attempt (tool, IDs, people, confirmation, outcome); off when unset.",
  },
  {
    key: "http",
    env: "LUMA_HTTP",
    flag: "--http",
    kind: "bool",
    default: "false",
    help: `Serve Streamable HTTP at /mcp (both protocol eras, stateless) instead of stdio; see ${DOCS_URL}/http.md.`,
  },
  {
    key: "port",
    env: "PORT",
    flag: "--port",
    kind: "int",
    default: "8080",
    min: 0,
    max: 65_535,
    help: "HTTP mode: the port to listen on (0: any free port, printed at start).",
  },
  {
    key: "host",
    env: "LUMA_HTTP_HOST",
    flag: "--host",
    kind: "string",
    default: "127.0.0.1",
    help: "HTTP mode: the address to listen on; anything but loopback exposes the server to the network.",
  },
  {
    key: "httpTokens",
    env: "LUMA_HTTP_TOKENS",
    kind: "secret",
    help: "HTTP mode: comma-separated shared secrets (16+ characters); a request with one as its bearer uses LUMA_API_KEY.",
  },
  {
    key: "allowedOrigins",
    env: "LUMA_HTTP_ALLOWED_ORIGINS",
    kind: "list",
    default: "",
    help: "HTTP mode: comma-separated browser origins allowed to call (https://app.example.com); other browser origins get 403.",
  },
  {
    key: "maxBodyBytes",
    env: "LUMA_HTTP_MAX_BODY_BYTES",
    kind: "int",
    default: "1048576",
    max: 16_777_216,
    help: "HTTP mode: largest request body accepted, in bytes (413 beyond).",
  },
  {
    key: "sendTimeoutMs",
    env: "LUMA_HTTP_SEND_TIMEOUT_MS",
    kind: "int",
    default: "30000",
    min: 1_000,
    max: MAX_TIMER_MS,
    help: "HTTP mode: a connection whose answer has not been read within this many ms is closed, and its queued output freed.",
  },
  {
    key: "maxConnections",
    env: "LUMA_HTTP_MAX_CONNECTIONS",
    kind: "int",
    default: "512",
    min: 1,
    max: 100_000,
    help: "HTTP mode: most open connections at once; beyond, a new one gets 503 and is closed.",
  },
  {
    key: "maxRequests",
    env: "LUMA_HTTP_MAX_REQUESTS",
    kind: "int",
    default: "128",
    min: 1,
    max: 100_000,
    help: "HTTP mode: most requests served at once; beyond, 503 with Retry-After.",
  },
  {
    key: "redisUrl",
    env: "LUMA_REDIS_URL",
    kind: "secret",
    help: "HTTP mode: redis:// or rediss:// URL; replicas then share each key's rate budget and repeat guard.",
  },
  {
    key: "httpAuth",
    env: "LUMA_HTTP_AUTH",
    flag: "--auth",
    kind: "choice",
    choices: HTTP_AUTH_MODES,
    default: "keys",
    help: `HTTP mode: keys (callers send a Luma key or token) or oauth (sign in on a consent page; the OAuth access token is the only way in; ${DOCS_URL}/remote.md).`,
  },
  {
    key: "publicUrl",
    env: "LUMA_PUBLIC_URL",
    kind: "string",
    help: "OAuth mode: the https origin clients reach (https://luma-mcp.example.com); it is the issuer, and its /mcp the resource.",
  },
  {
    key: "stateDir",
    env: "LUMA_STATE_DIR",
    kind: "string",
    help: "OAuth mode without LUMA_REDIS_URL: the directory whose file keeps clients and grants across restarts (default: .luma-api-mcp in the working directory).",
  },
  {
    key: "oauthTestLoopbackClients",
    env: "LUMA_OAUTH_TEST_LOOPBACK_CLIENTS",
    kind: "bool",
    default: "false",
    help: "Tests only: lets a Client ID Metadata Document live on 127.0.0.1 with a self-signed certificate; never set it in production.",
  },
];

/** Shortest LUMA_STATE_SECRET OAuth mode takes: it encrypts every stored Luma key. */
export const MIN_OAUTH_SECRET_CHARS = 32;

/** Shortest shared secret LUMA_HTTP_TOKENS takes: a token stands in for LUMA_API_KEY. */
const MIN_TOKEN_CHARS = 16;
/** Shortest LUMA_STATE_SECRET: anyone who guesses it can mint a yes (a 4-character one fell to one token). */
export const MIN_STATE_SECRET_CHARS = 32;

export class ConfigError extends Error {
  override name = "ConfigError";
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Longest value quoted back in a start-up error; a longer one may be a key pasted into the wrong place. */
const MAX_QUOTED_VALUE = 24;

/**
 * A setting's value as an error may show it: never in full when long, since it may be a secret, unless it
 * is a word of letters (a misspelt tool name; keys carry digits).
 */
export function quote(raw: string): string {
  const word = /^[A-Za-z_.-]{1,60}$/.test(raw);
  return raw.length > MAX_QUOTED_VALUE && !word
    ? `a ${raw.length}-character value (not shown)`
    : JSON.stringify(raw);
}

/**
 * An API key travels in an HTTP header, which takes visible ASCII only: a newline, a zero-width space or
 * a letter outside Latin-1 is a copy-and-paste slip, said at start rather than as a failed call. The key
 * itself is never shown.
 */
function checkKey(key: string, source: string): void {
  const chars = [...key];
  const at = chars.findIndex((char) => char < "!" || char > "~");
  if (at < 0) return;
  const code = (chars[at] as string).codePointAt(0) as number;
  throw new ConfigError(
    `${source} has a character that cannot travel in an HTTP header (character ${at + 1}, U+${code.toString(16).toUpperCase().padStart(4, "0")}): copy it again, without spaces or line breaks.`,
  );
}

function parseValue(setting: Setting, raw: string, source: string): Config[keyof Config] {
  switch (setting.kind) {
    case "secret": {
      const key = raw.trim();
      if (key === "") return undefined;
      if (setting.inHeader) checkKey(key, source);
      return key;
    }
    case "string":
      return raw.trim() === "" ? undefined : raw.trim();
    case "bool":
      if (/^(1|true|yes|on)$/i.test(raw.trim()) || raw === "") return true;
      if (/^(0|false|no|off)$/i.test(raw.trim())) return false;
      throw new ConfigError(`${source} must be 1/true or 0/false, not ${quote(raw)}.`);
    case "int": {
      const value = Number(raw);
      const max = setting.max ?? MAX_TIMER_MS;
      const min = setting.min ?? 1;
      if (raw.trim() === "" || !Number.isSafeInteger(value) || value < min || value > max) {
        throw new ConfigError(`${source} must be a whole number from ${min} to ${max}, not ${quote(raw)}.`);
      }
      return value;
    }
    case "choice": {
      const value = raw.trim();
      if (!setting.choices?.includes(value)) {
        throw new ConfigError(`${source} must be one of ${setting.choices?.join(", ")}, not ${quote(raw)}.`);
      }
      return value;
    }
    case "list":
      return splitList(raw);
    case "url": {
      let url: URL;
      try {
        url = new URL(raw.trim());
      } catch {
        throw new ConfigError(`${source} is not a URL: ${quote(raw)}.`);
      }
      const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
      if (!secure) {
        throw new ConfigError(
          `${source} must be https://, or http:// to a loopback address (127.0.0.1, localhost, [::1]): the API key must never travel in clear to a remote host.`,
        );
      }
      return url.origin + url.pathname.replace(/\/+$/, "");
    }
  }
}

/**
 * The raw values of the secret settings, to mask from the first line printed, before parsing can fail;
 * a comma-separated one (LUMA_HTTP_TOKENS) also item by item.
 */
export function secretValues(env: Record<string, string | undefined>): string[] {
  return SETTINGS.flatMap((setting) => {
    const value = setting.kind === "secret" ? env[setting.env]?.trim() : undefined;
    if (!value) return [];
    const items = value.includes(",") ? splitList(value) : [];
    return [value, ...items];
  });
}

function splitList(raw: string): string[] {
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** LUMA_HTTP_TOKENS as a list (each checked by parseArgs). */
export function httpTokens(config: Pick<Config, "httpTokens">): string[] {
  return config.httpTokens ? splitList(config.httpTokens) : [];
}

export type Command = "serve" | "help" | "version" | "sandbox-server";

export interface ParsedArgs {
  command: Command;
  config: Config;
  /** `sandbox-server --port N` */
  port: number;
}

/** Parses argv (without node and script) and the environment. Throws ConfigError with a readable message. */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>): ParsedArgs {
  const values: Partial<Record<keyof Config, unknown>> = {};
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    const fallback = raw === undefined || raw === "" ? setting.default : raw;
    values[setting.key] = fallback === undefined ? undefined : parseValue(setting, fallback, setting.env);
  }

  let command: Command = "serve";
  let portGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name === "--port") portGiven = true;
    if (name === "--help" || name === "-h") command = "help";
    else if (name === "--version" || name === "-v") command = "version";
    else if (name === "sandbox-server") command = "sandbox-server";
    else {
      const setting = SETTINGS.find((s) => s.flag === name);
      if (!setting) {
        const flags = [
          "--help",
          "--version",
          "sandbox-server",
          ...SETTINGS.flatMap((s) => (s.flag ? [s.flag] : [])),
        ];
        const near = name.startsWith("-") ? nearestNames(name, flags, 1) : [];
        throw new ConfigError(
          `Unknown argument ${quote(arg)}.${near.length ? ` Did you mean ${near[0]}?` : ""} Run luma-api-mcp --help for the options.`,
        );
      }
      if (setting.kind === "bool")
        values[setting.key] = inline === undefined ? true : parseValue(setting, inline, name);
      else {
        const raw = inline ?? argv[++i];
        if (raw === undefined) throw new ConfigError(`${name} needs a value.`);
        values[setting.key] = parseValue(setting, raw, name);
      }
    }
  }
  const config = values as unknown as Config;
  if (config.stateSecret !== undefined && config.stateSecret.length < MIN_STATE_SECRET_CHARS) {
    throw new ConfigError(
      `LUMA_STATE_SECRET must be at least ${MIN_STATE_SECRET_CHARS} characters (it signs every confirmation); generate one with: openssl rand -hex 32`,
    );
  }
  checkHttp(config);
  // sandbox-server listens on any free port unless --port names one (PORT is HTTP mode's).
  return { command, config, port: portGiven ? config.port : 0 };
}

/** The HTTP settings that only make sense together. */
function checkHttp(config: Config): void {
  const tokens = httpTokens(config);
  if (tokens.some((token) => token.length < MIN_TOKEN_CHARS)) {
    throw new ConfigError(
      `LUMA_HTTP_TOKENS: each token must be at least ${MIN_TOKEN_CHARS} characters (a token stands in for LUMA_API_KEY); generate one with: openssl rand -hex 32`,
    );
  }
  if (tokens.length > 0 && !config.apiKey && !config.sandbox) {
    throw new ConfigError(
      "LUMA_HTTP_TOKENS is set but LUMA_API_KEY is not: a token selects the server's own key, so set LUMA_API_KEY too (or leave the tokens out and let callers send their own key).",
    );
  }
  if (config.httpAuth === "oauth") checkOAuth(config);
  if (config.redisUrl && !/^rediss?:\/\/[^\s]+$/.test(config.redisUrl)) {
    throw new ConfigError("LUMA_REDIS_URL must be a redis:// or rediss:// URL.");
  }
  for (const origin of config.allowedOrigins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin.replace(/\/+$/, "")) {
      throw new ConfigError(
        `LUMA_HTTP_ALLOWED_ORIGINS: ${quote(origin)} is not an origin; write scheme, host and port only, as in https://app.example.com or http://localhost:6274.`,
      );
    }
  }
}

/** OAuth mode's settings: a public https origin (loopback http for tests), a long state secret, no shared tokens. */
function checkOAuth(config: Config): void {
  let url: URL | undefined;
  try {
    url = config.publicUrl ? new URL(config.publicUrl) : undefined;
  } catch {
    url = undefined;
  }
  const secure =
    url && (url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname)));
  if (!url || !secure || url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      "LUMA_HTTP_AUTH=oauth needs LUMA_PUBLIC_URL, the https origin clients reach (as https://luma-mcp.example.com, no path); http:// only to a loopback address, for tests.",
    );
  }
  config.publicUrl = url.origin;
  if (!config.stateSecret || config.stateSecret.length < MIN_OAUTH_SECRET_CHARS) {
    throw new ConfigError(
      `LUMA_HTTP_AUTH=oauth needs LUMA_STATE_SECRET of at least ${MIN_OAUTH_SECRET_CHARS} characters (it encrypts the Luma keys people hand over, and every replica needs the same one); generate one with: openssl rand -hex 32`,
    );
  }
  if (config.httpTokens) {
    throw new ConfigError(
      "LUMA_HTTP_TOKENS cannot be used with LUMA_HTTP_AUTH=oauth: there the OAuth access token is the only way in.",
    );
  }
}

export function helpText(version: string): string {
  const lines = [
    `luma-api-mcp ${version}: MCP server (stdio or Streamable HTTP) for the Luma API.`,
    "",
    "Usage:",
    "  luma-api-mcp [options]                 serve MCP over stdio (LUMA_API_KEY required for calls)",
    "  luma-api-mcp --sandbox                 serve against the embedded simulated Luma (no key)",
    "  luma-api-mcp --http [--port N]         serve MCP over HTTP at http://127.0.0.1:8080/mcp",
    "  luma-api-mcp sandbox-server [--port N] run only the simulated Luma HTTP API on 127.0.0.1",
    "  luma-api-mcp --help | --version",
    "",
    "Settings (flag or environment variable):",
  ];
  for (const s of SETTINGS) {
    const name = s.flag ? `${s.flag} / ${s.env}` : s.env;
    const range = s.kind === "int" ? `, ${s.min ?? 1} to ${s.max ?? MAX_TIMER_MS}` : "";
    lines.push(`  ${name}${s.default ? ` (default ${s.default}${range})` : ""}`, `      ${s.help}`);
  }
  return `${lines.join("\n")}\n`;
}
