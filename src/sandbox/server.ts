// Sandbox: an embedded, simulated Luma HTTP API on loopback, so the MCP server (and its tests) can run
// every tool without a Luma key. It speaks Luma's wire protocol (paths, auth header, query strings,
// JSON bodies, `{message}` errors, rate-limit headers) over node:http, and keeps its state in memory.
//
// It never writes to stdout: in the MCP server process stdout carries JSON-RPC. Only a crash of the
// sandbox itself (a bug, answered with a 500) is reported, on stderr.
//
// What a tool passing against the sandbox does NOT show about real Luma:
// - Anything that tools and sandbox both take from the vendored OpenAPI (scripts/vendor-luma-spec.mjs):
//   the enumerations of src/luma/vocabulary.ts (sort directions, guest approval statuses, membership
//   statuses, tag colours), the request-body schemas (src/schemas/request-bodies.json, which the body
//   tools also check before sending, and param-tool-bodies.json) and their reading by one Ajv setup
//   (src/schemas/ajv.ts), and the 200-response schemas that test/sandbox/tools.test.ts holds the sandbox to.
//   Where the spec is wrong or behind Luma, tools and sandbox are wrong together. The sandbox's own
//   date-time check (util.ts parseDateTime) follows the spec's pattern, not ajv-formats.
// - Paths and methods: the route table and the tool catalog are held together by
//   test/tools/catalog.test.ts, so they agree by construction; whether Luma serves them is
//   test/tools/contract.test.ts's (the path list).
// - What the sandbox invents where the spec is silent: error statuses and `{message}` texts (no error
//   schema is published), cursors, page sizes (default 50, at most 100), null placement in sorts, created
//   IDs (per-prefix counters), which writes answer `{}`, a new event's defaults and Standard ticket type,
//   rate-limit headers that never turn into a 429, the rules behind its 400s (slugs, paid ticket types,
//   the last visible ticket type, coupon windows and codes, membership payments), the handling of body
//   fields newer than the spec (location_visibility, waitlist_status), and all seed data.

import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./errors.js";
import { Query } from "./list.js";
import { listen, type RunningSandbox, type SandboxHandler } from "./listen.js";
import { findRoute } from "./routes.js";
import { buildSeed } from "./seed.js";
import { Store } from "./store.js";

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** The clock that seed dates are relative to; default: new Date(). */
  now?: Date;
}

const MAX_BODY_BYTES = 1024 * 1024;
const RATE_LIMIT = 200;
const WINDOW_MS = 60_000;

/**
 * Luma's per-minute window, counted but never enforced: a sandbox that answered 429 would only get in
 * the way of tests and demos, while the headers still let clients exercise their pacing logic.
 */
class RateWindow {
  private windowStart = 0;
  private count = 0;

  headers(): Record<string, string> {
    const now = Date.now();
    const start = now - (now % WINDOW_MS);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
    this.count += 1;
    return {
      "X-RateLimit-Limit": String(RATE_LIMIT),
      "X-RateLimit-Remaining": String(Math.max(0, RATE_LIMIT - this.count)),
      "X-RateLimit-Reset": String(Math.ceil((start + WINDOW_MS) / 1000)),
    };
  }
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string>): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** The raw body, or null when it exceeds the limit (the rest is read and dropped so the socket stays usable). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    // A client that hangs up mid-body is not a sandbox failure: answer (to nobody) without logging.
    const aborted = () => reject(new HttpError(400, "Request body was not received completely"));
    req.on("error", aborted);
    req.on("close", () => {
      if (!req.complete) aborted();
    });
  });
}

async function parseJsonBody(req: IncomingMessage): Promise<unknown> {
  if (Number(req.headers["content-length"]) > MAX_BODY_BYTES) {
    throw new HttpError(413, `Request body too large: the limit is ${MAX_BODY_BYTES} bytes`);
  }
  const raw = await readBody(req);
  if (raw === null) throw new HttpError(413, `Request body too large: the limit is ${MAX_BODY_BYTES} bytes`);
  const text = raw.toString("utf8").trim();
  // An empty body is an empty object, so routes without required fields can be called bare.
  if (text === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "Request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, "Request body must be a JSON object");
  }
  return body;
}

/**
 * The body check (ajv and Luma's request schemas, most of the sandbox's code) loads with the first POST: a
 * session's first calls are mostly reads, and the first call should not wait for it.
 */
let bodyCheck: Promise<typeof import("./validate.js")> | undefined;
const loadBodyCheck = () => {
  bodyCheck ??= import("./validate.js");
  return bodyCheck;
};

async function handle(
  store: Store,
  rate: RateWindow,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = rate.headers();
  try {
    const url = new URL(`http://sandbox${req.url ?? "/"}`);
    const route = findRoute(url.pathname);
    if (!route) throw new HttpError(404, `Not found: no Luma API route at ${url.pathname}`);
    if (req.method !== route.method) {
      headers.Allow = route.method;
      throw new HttpError(405, `Method ${req.method} not allowed on ${url.pathname}: use ${route.method}`);
    }
    const key = req.headers["x-luma-api-key"];
    if (typeof key !== "string" || key.trim() === "") {
      throw new HttpError(401, "Missing API key: send your Luma API key in the x-luma-api-key header");
    }
    let body: unknown = {};
    if (route.method === "POST") {
      body = await parseJsonBody(req);
      const { validateBody } = await loadBodyCheck();
      validateBody(route.path, body);
    }
    const result = route.handle({ store, query: new Query(url.searchParams), body });
    send(res, 200, result, headers);
  } catch (error) {
    if (error instanceof HttpError) {
      send(res, error.status, { message: error.message }, headers);
      return;
    }
    process.stderr.write(`luma sandbox: internal error on ${req.method} ${req.url}: ${String(error)}\n`);
    if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    send(res, 500, { message: "Internal error in the Luma sandbox" }, headers);
  }
}

/** The sandbox's request handler over a fresh store (seed dates relative to `now`) and rate window. */
export function sandboxHandler(now: Date = new Date()): SandboxHandler {
  const store = new Store(buildSeed(now), now);
  const rate = new RateWindow();
  return (req, res) => void handle(store, rate, req, res);
}

export function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return listen(sandboxHandler(options.now), options.port, options.host);
}
