// The one HTTP client for Luma: auth header, keep-alive pool, timeout, size cap, rate limit and retries.
// It knows nothing about tools; it takes a method, a fixed path, a query and a body.
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, type Dispatcher, request } from "undici";
import {
  CancelledError,
  LumaApiError,
  LumaBadResponseError,
  LumaNetworkError,
  MissingApiKeyError,
} from "./errors.js";
import { RateLimiter } from "./rate-limiter.js";

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
  /** Tests pass undici's MockAgent; production uses a keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** First retry delay; doubled each attempt, with full jitter. */
  retryBaseDelayMs?: number;
}

const MAX_ATTEMPTS = 3;
const RETRYABLE_GET_STATUS = new Set([429, 502, 503, 504]);
/** Failures that happen before a byte of the request reaches Luma, so even a write can be sent again. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
]);

export class LumaClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  readonly limiter: RateLimiter;

  constructor(private readonly options: LumaClientOptions) {
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        keepAliveTimeout: 30_000,
        connections: 32,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        connect: { timeout: Math.min(options.timeoutMs, 10_000) },
      });
    this.limiter = new RateLimiter(options.rateLimitPerMinute, options.maxRetryWaitMs);
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** Sends one logical request, retrying only where that cannot duplicate a write. Resolves to Luma's JSON. */
  async request(req: LumaRequest): Promise<unknown> {
    const apiKey = this.options.apiKey;
    if (!apiKey) throw new MissingApiKeyError("LUMA_API_KEY is not set.");
    const url = this.url(req);
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    for (let attempt = 1; ; attempt++) {
      throwIfCancelled(req.signal);
      await this.limiter.acquire(req.signal).catch((error) => {
        throw req.signal?.aborted ? new CancelledError("Cancelled while waiting for the rate limit.") : error;
      });
      try {
        return await this.send(req, url, apiKey, body);
      } catch (error) {
        const retryDelay = attempt < MAX_ATTEMPTS ? this.retryDelay(req, error, attempt) : undefined;
        if (retryDelay === undefined) throw error;
        await sleep(retryDelay, undefined, { signal: req.signal }).catch(() => {
          throw new CancelledError("Cancelled while waiting to retry.");
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
    return url.toString();
  }

  /** How long to wait before the next attempt, or undefined when this failure must not be retried. */
  private retryDelay(req: LumaRequest, error: unknown, attempt: number): number | undefined {
    const backoff = () => Math.random() * (this.options.retryBaseDelayMs ?? 250) * 2 ** (attempt - 1);
    if (error instanceof LumaApiError && error.status === 429) {
      const waitMs = (error.retryAfterSeconds ?? 60) * 1000;
      if (waitMs > this.options.maxRetryWaitMs) {
        this.limiter.blockFor(waitMs);
        return undefined;
      }
      return waitMs + backoff();
    }
    if (req.method === "GET") {
      if (error instanceof LumaApiError && RETRYABLE_GET_STATUS.has(error.status)) return backoff();
      if (error instanceof LumaNetworkError && !error.timedOut) return backoff();
      return undefined;
    }
    // A write is sent again only when Luma cannot have seen it.
    if (error instanceof LumaNetworkError && !error.sent) return backoff();
    return undefined;
  }

  private async send(
    req: LumaRequest,
    url: string,
    apiKey: string,
    body: string | undefined,
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: req.method,
        dispatcher: this.dispatcher,
        headers: {
          "x-luma-api-key": apiKey,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body,
        signal,
      });
    } catch (error) {
      throw this.networkError(error, req.signal, timeout);
    }
    this.limiter.observe(response.headers);
    let text: string;
    try {
      text = await this.readBody(response);
    } catch (error) {
      throw error instanceof LumaBadResponseError
        ? error
        : this.networkError(error, req.signal, timeout, true);
    }
    const status = response.statusCode;
    if (status >= 400) {
      const parsed = parseJson(text) as { message?: unknown; code?: unknown; error?: unknown } | undefined;
      const message =
        typeof parsed?.message === "string"
          ? parsed.message
          : typeof parsed?.error === "string"
            ? parsed.error
            : undefined;
      const code = typeof parsed?.code === "string" ? parsed.code : undefined;
      throw new LumaApiError(status, message, code, retryAfterSeconds(response.headers["retry-after"]));
    }
    if (text.trim() === "")
      throw new LumaBadResponseError(`Luma answered HTTP ${status} with an empty body.`);
    const data = parseJson(text);
    if (data === undefined) {
      const type = String(response.headers["content-type"] ?? "unknown type");
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
      response.body.destroy();
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > cap) {
        response.body.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  private networkError(
    error: unknown,
    callerSignal: AbortSignal | undefined,
    timeout: AbortSignal,
    sent = false,
  ) {
    if (callerSignal?.aborted) return new CancelledError("The request was cancelled.");
    if (timeout.aborted) {
      return new LumaNetworkError(
        `Luma did not answer within ${this.options.timeoutMs} ms (LUMA_TIMEOUT_MS).`,
        true,
        true,
      );
    }
    const code = errorCode(error);
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new LumaNetworkError(
        `Luma stopped answering for ${this.options.timeoutMs} ms (LUMA_TIMEOUT_MS).`,
        true,
        true,
      );
    }
    const wasSent = sent || !(code && NOT_SENT_CODES.has(code));
    return new LumaNetworkError(
      `Could not reach Luma at ${new URL(this.options.baseUrl).host} (${code ?? "network error"}).`,
      wasSent,
    );
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError("The request was cancelled.");
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
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
