// The ways a Luma call can fail, as types. Each carries what became of the request, set where that is
// known: the tool layer reads it (for its advice and the repeat guard) instead of guessing from the HTTP
// method or status. Nothing here knows about tools.

/** Longest piece of Luma's own error message kept: an upstream may answer with a whole page. */
const MAX_LUMA_MESSAGE_CHARS = 500;

/**
 * What became of the request: it never left this process; Luma answered and did not carry it out; or it
 * may have been carried out (it left, and no answer says otherwise).
 */
export type Outcome = "not_sent" | "refused" | "unknown";

/** Base class: every failure the Luma client reports is one of these. */
export class LumaError extends Error {
  override name = "LumaError";
  constructor(
    message: string,
    readonly outcome: Outcome,
  ) {
    super(message);
  }
}

/** No API key is configured; nothing was sent. */
export class MissingApiKeyError extends LumaError {
  override name = "MissingApiKeyError";
  constructor() {
    super("LUMA_API_KEY is not set.", "not_sent");
  }
}

/** The request cannot be sent as asked (URL too long, body not encodable as JSON); nothing was sent. */
export class UnsendableRequestError extends LumaError {
  override name = "UnsendableRequestError";
  constructor(message: string) {
    super(message, "not_sent");
  }
}

/**
 * Luma answered with a status that is not success: an error (4xx, 5xx) or a redirect (3xx), which is never
 * followed, so the key stays with LUMA_BASE_URL. `message` and `code` come from Luma's body when it has
 * them; the message arrives masked and is cut here.
 */
export class LumaApiError extends LumaError {
  override name = "LumaApiError";
  readonly lumaMessage: string | undefined;
  constructor(
    readonly status: number,
    lumaMessage: string | undefined,
    readonly code: string | undefined,
    /** From a 429's Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    const said =
      lumaMessage && lumaMessage.length > MAX_LUMA_MESSAGE_CHARS
        ? `${lumaMessage.slice(0, MAX_LUMA_MESSAGE_CHARS)}…`
        : lumaMessage;
    super(
      `Luma answered HTTP ${status}${said ? `: ${said}` : ""}${code ? ` (code ${code})` : ""}`,
      statusOutcome(status),
    );
    this.lumaMessage = said;
  }
}

/**
 * A 4xx is a refusal, and so is a redirect that asks for the request elsewhere (301, 302, 307, 308): the
 * server did not act on it. A 5xx, or a 303 ("done, see other"), may come after the work was done.
 */
function statusOutcome(status: number): Outcome {
  if (status >= 500 || status === 303) return "unknown";
  return "refused";
}

/** Luma answered 2xx but the body is not usable JSON (HTML error page, empty, oversize): it acted, maybe. */
export class LumaBadResponseError extends LumaError {
  override name = "LumaBadResponseError";
  constructor(message: string) {
    super(message, "unknown");
  }
}

/**
 * The request failed on the way (connection refused, reset, DNS, timeout, answer cut off). `sent` says
 * whether it left this process, which decides whether a write could have taken effect.
 */
export class LumaNetworkError extends LumaError {
  override name = "LumaNetworkError";
  constructor(
    message: string,
    readonly sent: boolean,
    readonly timedOut = false,
  ) {
    super(message, sent ? "unknown" : "not_sent");
  }
}

/**
 * Luma's rate limit: our own budget, a block Luma announced (429 or X-RateLimit-Remaining: 0), or a 429
 * that was not worth waiting out. In every case Luma did not carry the call out.
 */
export class RateLimitedError extends LumaError {
  override name = "RateLimitedError";
  constructor(
    readonly waitSeconds: number,
    /** Luma asked for a longer wait than luma-api-mcp honours; this is the wait it asked for. */
    readonly askedSeconds?: number,
  ) {
    super(`Luma's rate limit is in force for about ${waitSeconds} more seconds.`, "refused");
  }
}

/** The caller (an MCP cancellation) aborted the request. `sent`: it had left, so Luma may have acted. */
export class CancelledError extends LumaError {
  override name = "CancelledError";
  constructor(message: string, sent: boolean) {
    super(message, sent ? "unknown" : "not_sent");
  }
}

/** What became of a failed request: any error that is not a LumaError was raised before sending. */
export function outcomeOf(error: unknown): Outcome {
  return error instanceof LumaError ? error.outcome : "not_sent";
}
