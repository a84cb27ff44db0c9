// The one HTTP client for Luma: auth header, keep-alive pool, timeout, size cap, rate limit and retries.
// It knows nothing about tools; it takes a method, a fixed path, a query and a body.
import { setTimeout as sleep } from "node:timers/promises";
import type { Dispatcher } from "undici";
import type { Secrets } from "../log.js";
import type { Transport } from "./agent.js";
import {
  CancelledError,
  LumaApiError,
  LumaBadResponseError,
  LumaNetworkError,
  MissingApiKeyError,
  RateLimitedError,
  UnsendableRequestError,
} from "./errors.js";
import { RateLimiter, type RateStore } from "./rate-limiter.js";

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface LumaRequest {
  method: "GET" | "POST";
  /** A fixed path from a tool definition, e.g. "/v1/events/get". Never built from caller input. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface LumaClientOptions {
  apiKey: string | undefined;
  baseUrl: string;
  timeoutMs: number;
  rateLimitPerMinute: number;
  maxRetryWaitMs: number;
  maxResponseBytes: number;
  /** Where the key is registered for masking; Luma's error messages are masked with it before they are cut. */
  secrets: Secrets;
  /** Tests pass undici's MockAgent (or an Agent with their own connector); production uses a keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** First retry delay; doubled each attempt, with full jitter. */
  retryBaseDelayMs?: number;
  /** Where the key's rate budget is kept; default: in this process. */
  rateStore?: RateStore;
}

const MAX_ATTEMPTS = 3;
const RETRYABLE_GET_STATUS = new Set([502, 503, 504]);
/** Luma blocks a key for a minute after a burst; a 429 without Retry-After means that. */
const DEFAULT_RETRY_AFTER_S = 60;
/**
 * The longest block a 429's Retry-After may impose on this server: a value beyond it (a misconfigured
 * proxy's 999999999) would hold every call for years. The error text says when Luma asked for more.
 */
export const MAX_RETRY_AFTER_S = 600;
/** Longer URLs are refused by common front ends (414); a query that long is a mistake in the arguments. */
const MAX_URL_CHARS = 8192;

/** The longest one call through a client may take: every attempt's timeout plus all its waits. */
export function longestCallMs(options: Pick<LumaClientOptions, "timeoutMs" | "maxRetryWaitMs">): number {
  return MAX_ATTEMPTS * options.timeoutMs + options.maxRetryWaitMs;
}

export class LumaClient {
  /**
   * The HTTP client (undici) and its pool, loaded with the first request (./agent.ts): a start that only
   * answers initialize and tools/list never pays for it.
   */
  private transport: Promise<Transport> | undefined;
  readonly limiter: RateLimiter;

  constructor(private readonly options: LumaClientOptions) {
    // Whoever holds the key has it masked in every log line and tool result, should an upstream echo it.
    options.secrets.add(options.apiKey);
    this.limiter = new RateLimiter(options.rateLimitPerMinute, options.rateStore);
  }

  private connection(): Promise<Transport> {
    this.transport ??= import("./agent.js").then(({ transportFor }) =>
      transportFor(this.options.dispatcher, this.options.timeoutMs),
    );
    return this.transport;
  }

  /**
   * Loads the HTTP client now, in the background, so that the first request does not wait for it; called
   * once the client has what it asked for first (src/server.ts, after tools/list).
   */
  warm(): void {
    void this.connection().catch(() => {});
  }

  /** For shutdown, after the grace period: aborts whatever is still running and closes the pool. */
  async close(): Promise<void> {
    if (!this.transport) return;
    const { dispatcher, owned } = await this.transport;
    if (owned) await dispatcher.destroy();
  }

  /**
   * Sends one logical request, retrying only where that cannot duplicate a write. Resolves to Luma's JSON.
   * All its waits together (rate-limit slots, retry pauses) end within LUMA_MAX_RETRY_WAIT_MS of the start.
   */
  async request(req: LumaRequest): Promise<unknown> {
    const apiKey = this.options.apiKey;
    if (!apiKey) throw new MissingApiKeyError();
    const url = this.url(req);
    const body = encodeBody(req.body);
    const waitDeadline = Date.now() + this.options.maxRetryWaitMs;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw new CancelledError("Cancelled before anything was sent.", false);
      await this.limiter.acquire(waitDeadline, req.signal).catch((error: unknown) => {
        throw req.signal?.aborted
          ? new CancelledError("Cancelled while waiting for the rate limit; nothing was sent.", false)
          : error;
      });
      try {
        return await this.send(req, url, apiKey, body);
      } catch (error) {
        const retryDelay = this.retryDelay(req, error, attempt, waitDeadline);
        if (retryDelay === undefined) throw this.final(error);
        await sleep(retryDelay, undefined, { signal: req.signal }).catch(() => {
          // Only failures Luma did not act on are retried, so nothing has taken effect yet.
          throw new CancelledError("Cancelled while waiting to retry; Luma has not acted on it.", false);
        });
      }
    }
  }

  private url(req: LumaRequest): string {
    if (!/^\/v\d+(\/[a-z0-9-]+)+$/.test(req.path)) throw new Error(`Invalid Luma path ${req.path}`);
    const url = new URL(this.options.baseUrl + req.path);
    for (const [name, value] of Object.entries(req.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    const text = url.toString();
    if (text.length > MAX_URL_CHARS) {
      throw new UnsendableRequestError(
        `The request's URL would be ${text.length} characters, over the limit of ${MAX_URL_CHARS}; nothing was sent. Shorten the arguments (IDs and search text are short).`,
      );
    }
    return text;
  }

  /**
   * How long to wait before the next attempt, or undefined when this failure must not be retried (or the
   * pause would end after the call's wait deadline).
   */
  private retryDelay(
    req: LumaRequest,
    error: unknown,
    attempt: number,
    waitDeadline: number,
  ): number | undefined {
    const within = (delay: number) => (Date.now() + delay <= waitDeadline ? delay : undefined);
    if (error instanceof LumaApiError && error.status === 429) {
      // Luma did not act on a 429, so even a write may go again, once the block is over. The limiter holds
      // every concurrent call until then too, or fails them at once when the block is too long to wait.
      const waitMs = retryAfterMs(error);
      this.limiter.blockFor(waitMs);
      return attempt < MAX_ATTEMPTS && Date.now() + waitMs <= waitDeadline
        ? within(this.backoff(attempt))
        : undefined;
    }
    if (attempt >= MAX_ATTEMPTS) return undefined;
    if (req.method === "GET") {
      if (error instanceof LumaApiError && RETRYABLE_GET_STATUS.has(error.status))
        return within(this.backoff(attempt));
      // A GET that timed out is not sent again: three waits of LUMA_TIMEOUT_MS would outlast the MCP
      // client's own request timeout.
      if (error instanceof LumaNetworkError && !error.timedOut) return within(this.backoff(attempt));
      return undefined;
    }
    // A write is sent again only when it never left this process.
    if (error instanceof LumaNetworkError && !error.sent) return within(this.backoff(attempt));
    return undefined;
  }

  private backoff(attempt: number): number {
    return Math.random() * (this.options.retryBaseDelayMs ?? 250) * 2 ** (attempt - 1);
  }

  /** The error the caller sees once retrying is over: a 429 says how long to wait, like the limiter does. */
  private final(error: unknown): unknown {
    if (error instanceof LumaApiError && error.status === 429) {
      const asked = error.retryAfterSeconds;
      return new RateLimitedError(
        Math.ceil(retryAfterMs(error) / 1000),
        asked !== undefined && asked > MAX_RETRY_AFTER_S ? asked : undefined,
      );
    }
    return error;
  }

  private async send(
    req: LumaRequest,
    url: string,
    apiKey: string,
    body: string | undefined,
  ): Promise<unknown> {
    const deadline = new Deadline(this.options.timeoutMs, req.signal);
    try {
      return await this.exchange(req, url, apiKey, body, deadline);
    } finally {
      deadline.clear();
    }
  }

  private async exchange(
    req: LumaRequest,
    url: string,
    apiKey: string,
    body: string | undefined,
    deadline: Deadline,
  ): Promise<unknown> {
    let response: Dispatcher.ResponseData;
    try {
      const { dispatcher, request } = await this.connection();
      const options = {
        method: req.method,
        dispatcher,
        headers: {
          "x-luma-api-key": apiKey,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body,
        signal: deadline.signal,
        // Read by reportSending below: the request is being written to a connection now.
        onSending: deadline.sending,
      };
      response = await request(url, options);
    } catch (error) {
      throw this.networkError(error, req.signal, deadline, "request");
    }
    this.limiter.observe(response.headers);
    let text: string;
    try {
      text = await this.readBody(response);
    } catch (error) {
      throw error instanceof LumaBadResponseError
        ? error
        : this.networkError(error, req.signal, deadline, "body");
    }
    const status = response.statusCode;
    if (status >= 300) {
      // A redirect is never followed (the key must not travel to another address): it is an error too.
      const parsed = parseJson(text) as { message?: unknown; code?: unknown; error?: unknown } | undefined;
      const raw =
        typeof parsed?.message === "string"
          ? parsed.message
          : typeof parsed?.error === "string"
            ? parsed.error
            : undefined;
      const message = raw ?? (status < 400 ? redirectMessage(response.headers.location) : undefined);
      const code = typeof parsed?.code === "string" ? parsed.code : undefined;
      // Masked before LumaApiError cuts it, so no part of an echoed key survives the cut.
      throw new LumaApiError(
        status,
        message === undefined ? undefined : this.options.secrets.redact(message),
        code,
        retryAfterSeconds(response.headers["retry-after"]),
      );
    }
    if (text.trim() === "") {
      throw new LumaBadResponseError(`Luma answered HTTP ${status} with an empty body.`);
    }
    const data = parseJson(text);
    if (data === undefined) {
      const type = String(response.headers["content-type"] ?? "no content type");
      throw new LumaBadResponseError(
        `Luma answered HTTP ${status} with a body that is not JSON (${type}, ${text.length} characters); it may be an error page or a cut-off answer.`,
      );
    }
    return data;
  }

  private async readBody(response: Dispatcher.ResponseData): Promise<string> {
    const cap = this.options.maxResponseBytes;
    const declared = Number(response.headers["content-length"]);
    const tooLarge = () =>
      new LumaBadResponseError(
        `Luma's answer is larger than the ${cap}-byte cap (LUMA_MAX_RESPONSE_BYTES); ask for fewer entries.`,
      );
    if (declared > cap) {
      discard(response.body);
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > cap) {
        discard(response.body);
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  /** A failure on the way, phrased for where it happened: sending the request, or reading the answer. */
  private networkError(
    error: unknown,
    callerSignal: AbortSignal | undefined,
    deadline: Deadline,
    phase: "request" | "body",
  ): Error {
    if (callerSignal?.aborted) {
      return deadline.sent
        ? new CancelledError("The request was cancelled.", true)
        : new CancelledError("Cancelled before the request left luma-api-mcp; nothing was sent.", false);
    }
    const code = errorCode(error);
    const ms = this.options.timeoutMs;
    if (deadline.expired === "waiting") {
      return new LumaNetworkError(
        `No connection to Luma was free within ${ms} ms (LUMA_TIMEOUT_MS); the request never left luma-api-mcp.`,
        false,
        true,
      );
    }
    if (deadline.expired || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new LumaNetworkError(
        phase === "request"
          ? `Luma did not answer within ${ms} ms (LUMA_TIMEOUT_MS).`
          : `Luma's answer stalled: it was not complete within ${ms} ms (LUMA_TIMEOUT_MS).`,
        true,
        true,
      );
    }
    const host = new URL(this.options.baseUrl).host;
    if (phase === "body") {
      return new LumaNetworkError(
        `Luma's answer was cut off before it was complete (${code ?? "connection lost"}).`,
        true,
      );
    }
    if (!deadline.sent) {
      return new LumaNetworkError(
        `Could not connect to Luma at ${host} (${code ?? "network error"}).`,
        false,
      );
    }
    return new LumaNetworkError(
      `The connection to Luma at ${host} failed before it answered (${code ?? "network error"}).`,
      true,
    );
  }
}

/**
 * One abort signal per request for the caller's cancellation and LUMA_TIMEOUT_MS together. (AbortSignal.any
 * over AbortSignal.timeout does the same, at about 35 µs a request on Node 20 against 2 µs for this.)
 * LUMA_TIMEOUT_MS runs from sending: the wait for a free connection has its own limit of the same length,
 * and a request that runs out there is known never to have left.
 */
class Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;
  private readonly caller: AbortSignal | undefined;
  private readonly cancel = () => this.controller.abort(this.caller?.reason);
  /** Which limit ran out (as opposed to the caller cancelling): the wait for a connection, or Luma's answer. */
  expired: "waiting" | "answer" | false = false;
  /** The request reached a connection and is being written: from here Luma may act on it. */
  sent = false;

  constructor(
    private readonly ms: number,
    caller: AbortSignal | undefined,
  ) {
    this.caller = caller;
    this.timer = this.start("waiting");
    if (caller?.aborted) this.cancel();
    else caller?.addEventListener("abort", this.cancel, { once: true });
  }

  private start(phase: "waiting" | "answer"): NodeJS.Timeout {
    return setTimeout(() => {
      this.expired = phase;
      this.controller.abort();
    }, this.ms);
  }

  /** Called by reportSending when undici starts writing the request. */
  readonly sending = () => {
    if (this.sent) return;
    this.sent = true;
    clearTimeout(this.timer);
    this.timer = this.start("answer");
  };

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener("abort", this.cancel);
  }
}

/** A redirect's own words: where it pointed (its origin only), since it is not followed. */
function redirectMessage(location: string | string[] | undefined): string {
  const target = Array.isArray(location) ? location[0] : location;
  let origin = "no Location";
  try {
    if (target) origin = new URL(target).origin;
  } catch {
    origin = "an unreadable Location";
  }
  return `a redirect (to ${origin}), not followed: check LUMA_BASE_URL`;
}

function retryAfterMs(error: LumaApiError): number {
  return Math.min(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S, MAX_RETRY_AFTER_S) * 1000;
}

/**
 * Drops an answer unread, closing its connection. undici reports the abort as an 'error' event on the body,
 * which would crash the process if nothing listened for it.
 */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

function encodeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new UnsendableRequestError(
      `The request body cannot be encoded as JSON (${(error as Error).message}); nothing was sent.`,
    );
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR") return code;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
