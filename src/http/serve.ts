// `luma-api-mcp --http`: MCP over Streamable HTTP at /mcp, both protocol eras on the one endpoint
// (createMcpHandler: 2025 revisions by initialize, 2026-07-28 by the per-request _meta envelope), stateless,
// so any request may land on any replica. This file is the serving: listen, the routes (/healthz, /readyz,
// OAuth's, /mcp), the Host and Origin checks (the SDK's helpers), CORS, the limits and a graceful shutdown.
// Who is calling is credentials.ts (keys mode) or oauth/ (OAuth mode); node:http <-> web Request/Response
// is adapter.ts. Every refusal here is a JSON-RPC error with a 4xx/5xx status and nothing reaches Luma; the
// SDK answers the rest (405, 406, 415, -32700, -32600, versions).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AuthInfo,
  createMcpHandler,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from "@modelcontextprotocol/server";
import type { Account } from "../calls/call.js";
import { type Config, ConfigError, DOCS_URL, httpTokens, isLoopbackHost } from "../config.js";
import type { Log, Secrets } from "../log.js";
import { lumaAgent } from "../luma/agent.js";
import { longestCallMs } from "../luma/client.js";
import { serverFor, startRuntime } from "../runtime.js";
import { VERSION } from "../version.js";
import { Accounts, keyId, type Lease } from "./accounts.js";
import { closeUnread, readBody, rpcError, sendJson, sendResponse, webRequest } from "./adapter.js";
import { type Credential, challengeOf, REALM, requestCredential } from "./credentials.js";
import type { Admitted, OAuthFrontDoor } from "./oauth/index.js";
import { openState } from "./state.js";

/** How long a SIGTERM waits for the requests in flight before closing their connections. */
export const HTTP_SHUTDOWN_GRACE_MS = 10_000;
/** How long closing the handler, the pool, Redis and the sandbox may take once the requests are done. */
const CLOSE_MS = 2_000;

/** The methods /mcp answers (the SDK answers 405 for the ones it does not serve); others get 405 here. */
const METHODS = ["GET", "POST", "DELETE", "OPTIONS"];
/** The request headers a browser page may send, and the answer headers it may read (the MCP ones). */
const CORS_ALLOW_HEADERS =
  "content-type, accept, authorization, x-luma-api-key, mcp-protocol-version, mcp-session-id, mcp-method, mcp-name, last-event-id";
const CORS_EXPOSE_HEADERS = "mcp-session-id, mcp-protocol-version, www-authenticate, retry-after";

/** CORS headers for an allowed browser origin (none for a request without Origin: not a browser). */
function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": CORS_EXPOSE_HEADERS,
    vary: "Origin",
  };
}

/**
 * The Host header names this loopback server: a loopback name, or the address it is bound to (such as
 * 127.0.0.2), which is the URL it announces (DNS-rebinding protection for a loopback bind; the SDK's check).
 */
function loopbackHost(host: string | undefined, bound: string): boolean {
  return validateHostHeader(host, [...localhostAllowedHostnames(), bound, `[${bound}]`]).ok;
}

/**
 * Why a browser Origin is refused, or undefined when it may call (or there is none: not a browser): an
 * origin listed in LUMA_HTTP_ALLOWED_ORIGINS (scheme, host and port), or, on a loopback bind, any loopback
 * page (the SDK's check, port-agnostic).
 */
function originRefusal(origin: string | undefined, allowed: readonly string[], loopbackBind: boolean) {
  if (origin === undefined || origin === "") return undefined;
  if (loopbackBind && validateOriginHeader(origin, localhostAllowedOrigins()).ok) return undefined;
  try {
    const url = new URL(origin);
    if (url.origin !== "null" && allowed.includes(url.origin)) return undefined;
  } catch {
    // Not an origin: refused below.
  }
  const shown = JSON.stringify(origin.slice(0, 100));
  return `Origin ${shown} may not call this server (DNS-rebinding protection); list it in LUMA_HTTP_ALLOWED_ORIGINS to allow it.`;
}

export interface HttpServerHandle {
  url: string;
  /** Refuses new requests, lets those in flight finish (at most `graceMs`), then closes everything. */
  shutdown(why: string, graceMs?: number): Promise<void>;
}

/** Starts HTTP mode; resolves once listening. */
export async function serveHttp(config: Config, secrets: Secrets, log: Log): Promise<HttpServerHandle> {
  const runtime = await startRuntime(config);
  const { selection, sandbox, baseUrl } = runtime;
  const tokens = httpTokens(config);
  for (const token of tokens) secrets.add(token);
  const state = await openState(config.redisUrl, log, secrets, longestCallMs(config));
  const dispatcher = lumaAgent(config.timeoutMs);
  const serverKey = runtime.apiKey;
  // The server's key keeps its state under its own id, so a caller who sends that same key as their own
  // shares its budget, as Luma does.
  const ownId = serverKey ? keyId(serverKey) : "no-key";
  const { mcp } = serverFor(runtime, config, secrets, log, {
    dispatcher,
    rateStore: state.rate(ownId),
    repeats: state.repeats(ownId),
    tally: state.tally(ownId),
    claimOnce: state.claimOnce,
  });
  const accounts = new Accounts(config, baseUrl, dispatcher, state, secrets);
  const handler = createMcpHandler(
    (ctx) => mcp.newServer((ctx.authInfo?.extra as { account?: Account } | undefined)?.account),
    {
      maxRequestBodySize: config.maxBodyBytes,
      onerror: (error) => log(`http: ${error.message}`),
    },
  );
  const loopbackBind = isLoopbackHost(config.host);
  // LUMA_HTTP_AUTH=oauth (src/http/oauth/): its routes, and its gate instead of credentialOf on /mcp.
  const oauth: OAuthFrontDoor | undefined =
    config.httpAuth === "oauth"
      ? await (await import("./oauth/index.js")).startOAuth({
          config,
          secrets,
          log,
          baseUrl,
          dispatcher,
          state,
          tools: selection.tools,
        })
      : undefined;

  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      const body = JSON.stringify({ status: draining ? "stopping" : "ok", version: VERSION });
      return sendJson(res, draining ? 503 : 200, body, { "cache-control": "no-store" });
    }
    if (path === "/readyz") {
      // Readiness: whether calls can be served now (liveness, /healthz, stays 200 while Redis is away).
      const why = draining ? "stopping" : await state.ready();
      const body = JSON.stringify(why ? { status: "not ready", reason: why } : { status: "ready" });
      return sendJson(res, why ? 503 : 200, body, { "cache-control": "no-store" });
    }
    if (oauth && path !== "/mcp" && (await oauth.route(req, res))) return;
    if (path !== "/mcp") return sendJson(res, 404, rpcError("Not found: MCP is served at /mcp."));
    if (draining) {
      return sendJson(
        res,
        503,
        rpcError("luma-api-mcp is shutting down and takes no new requests; send it again in a moment."),
        { "retry-after": "1", connection: "close" },
      );
    }
    if (loopbackBind && !loopbackHost(req.headers.host, config.host)) {
      const shown = JSON.stringify(String(req.headers.host ?? "").slice(0, 100));
      return sendJson(
        res,
        403,
        rpcError(`Host ${shown} is not this loopback server's (DNS-rebinding protection).`),
      );
    }
    const refusedOrigin = originRefusal(req.headers.origin, config.allowedOrigins, loopbackBind);
    if (refusedOrigin) return sendJson(res, 403, rpcError(refusedOrigin));
    // From here on, an allowed page's answers carry CORS headers, refusals included, so it can read them.
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin))) res.setHeader(name, value);
    if (req.method === "OPTIONS") {
      // A browser's preflight carries no credential: it is answered before the credential check.
      res.writeHead(204, {
        "access-control-allow-methods": METHODS.join(", "),
        "access-control-allow-headers": CORS_ALLOW_HEADERS,
        "access-control-max-age": "600",
      });
      return void res.end();
    }
    if (!METHODS.includes(req.method ?? "")) {
      return sendJson(
        res,
        405,
        rpcError(`Method ${String(req.method).slice(0, 20)} is not allowed at /mcp.`),
        {
          allow: METHODS.join(", "),
        },
      );
    }
    const credential = requestCredential(req.headers, tokens, Boolean(sandbox));
    if (!oauth && credential.kind === "refused") {
      return sendJson(res, credential.status, rpcError(credential.message), challengeOf(credential));
    }
    if (inFlight >= config.maxRequests) {
      return sendJson(
        res,
        503,
        rpcError(
          `luma-api-mcp is serving ${config.maxRequests} requests at once (LUMA_HTTP_MAX_REQUESTS); send it again in a moment.`,
        ),
        { "retry-after": "1" },
      );
    }
    inFlight++;
    let lease: Lease | undefined;
    const controller = new AbortController();
    // The request leaves the count once its answer is handed to the connection (an answer the client is
    // slow to read is no call in flight: a shutdown does not wait for it), or when the client goes first.
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      lease?.release();
      inFlight--;
      if (inFlight === 0) drained?.();
    };
    res.once("close", () => {
      if (!res.writableFinished) controller.abort();
      leave();
    });
    try {
      await serveCall(req, res, credential, controller.signal, (taken) => {
        lease = taken;
      });
    } finally {
      leave();
    }
  };

  /** One /mcp request past the door: its body, the OAuth gate or the caller's account, then the SDK. */
  const serveCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    credential: Credential,
    signal: AbortSignal,
    took: (lease: Lease) => void,
  ): Promise<void> => {
    const body =
      req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req, config.maxBodyBytes);
    if (body && "tooLarge" in body) {
      return sendJson(
        res,
        413,
        rpcError(
          `Payload Too Large: the request body must not exceed ${config.maxBodyBytes} bytes (LUMA_HTTP_MAX_BODY_BYTES).`,
        ),
        { connection: "close" },
      );
    }
    let admitted: Admitted | undefined;
    if (oauth) {
      const admission = await oauth.admit(req.headers, body?.ok);
      if ("refused" in admission) return sendResponse(res, admission.refused, draining, config.sendTimeoutMs);
      admitted = admission;
    }
    // Per-key state is found by the key's id, so the server's own key sent as x-luma-api-key shares the
    // server's budget and guard (src/http/state.ts).
    const lease = !oauth && credential.kind === "own" ? accounts.use(credential.key) : undefined;
    if (lease) took(lease);
    const authInfo: AuthInfo = admitted?.authInfo ?? {
      token: lease?.id ?? "server",
      clientId: REALM,
      scopes: [],
      extra: lease ? { account: lease.account } : {},
    };
    const { request, parsedBody } = webRequest(req, body?.ok, signal);
    const response = await handler.fetch(
      request,
      parsedBody === undefined ? { authInfo } : { authInfo, parsedBody },
    );
    await sendResponse(res, admitted ? admitted.finish(response) : response, draining, config.sendTimeoutMs);
  };

  const server = createHttpServer((req, res) => {
    handle(req, res).then(
      () => closeUnread(res, config.sendTimeoutMs, log),
      (error: unknown) => {
        log(`http: ${error instanceof Error ? error.message : String(error)}`);
        sendJson(res, 500, rpcError("Internal error in luma-api-mcp; nothing was sent to Luma.", -32603));
        closeUnread(res, config.sendTimeoutMs, log);
      },
    );
  });
  // Past LUMA_HTTP_MAX_CONNECTIONS, a new connection is answered 503 at once and closed.
  let connections = 0;
  server.on("connection", (socket) => {
    connections++;
    socket.once("close", () => connections--);
    if (connections <= config.maxConnections) return;
    const body = rpcError(
      `luma-api-mcp has ${config.maxConnections} connections open (LUMA_HTTP_MAX_CONNECTIONS); try again in a moment.`,
    );
    socket.end(
      `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n${body}`,
    );
    socket.destroySoon();
  });
  // A request must arrive whole within this; the answer may take longer (Luma's timeout, rate-limit waits).
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, config)));
    server.listen(config.port, config.host);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") && !config.host.startsWith("[") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}/mcp`;

  const shutdown = async (why: string, graceMs = HTTP_SHUTDOWN_GRACE_MS) => {
    if (draining) return;
    draining = true;
    log(`stopping (${why}): ${inFlight} request(s) in flight may finish, new ones get 503`);
    server.closeIdleConnections();
    if (inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          drained = resolve;
        }),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
    }
    mcp.stop();
    server.close();
    server.closeAllConnections();
    // Nothing is left to answer: the pool to Luma is destroyed, not drained, and the rest gets a moment.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([
        handler.close(),
        dispatcher.destroy(),
        state.close(),
        sandbox?.close(),
        oauth?.close(),
      ]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_MS);
      }),
    ]);
    clearTimeout(timer);
  };

  if (!loopbackBind) {
    log(
      `WARNING: listening on ${config.host}, so anyone who can reach this machine's port ${port} can call it; put it behind TLS and credentials (${DOCS_URL}/http.md).`,
    );
  }
  if (config.redisUrl && !config.stateSecret) {
    log(
      "WARNING: LUMA_REDIS_URL is set but LUMA_STATE_SECRET is not: each replica signs confirmations and questions with its own random key, so a yes asked on one replica is refused on another. Give every replica the same LUMA_STATE_SECRET (openssl rand -hex 32).",
    );
  }
  if (config.apiKey && !sandbox && tokens.length === 0) {
    log(
      "LUMA_API_KEY is set but LUMA_HTTP_TOKENS is not: over HTTP the server's key is used only for requests bearing one of the tokens, so every caller must send their own key.",
    );
  }
  log(`${runtime.readyLine}; listening on ${url}; per-key state ${state.where}`);
  return { url, shutdown };
}

/** Why HTTP mode cannot listen, as one line with the fix (exit 2, like every start-up mistake). */
function listenError(error: NodeJS.ErrnoException, config: Config): ConfigError {
  const why =
    error.code === "EADDRINUSE"
      ? `port ${config.port} is in use on ${config.host}: stop what listens there, or choose another port with --port N or PORT (0 picks any free one).`
      : error.code === "EADDRNOTAVAIL"
        ? `${config.host} is not an address of this machine: choose another with --host or LUMA_HTTP_HOST.`
        : error.code === "EACCES"
          ? `port ${config.port} needs privileges here: choose one above 1023 with --port N or PORT.`
          : `cannot listen on ${config.host}:${config.port} (${error.message}).`;
  return new ConfigError(`HTTP mode: ${why}`);
}
