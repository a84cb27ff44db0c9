// The ways a Luma call can fail, as types. The tool layer turns each into an isError result with advice;
// nothing here knows about tools.

/** Longest piece of Luma's own error message kept: an upstream may answer with a whole page. */
const MAX_LUMA_MESSAGE_CHARS = 500;

/** Base class: every failure the Luma client reports is one of these. */
export class LumaError extends Error {
  override name = "LumaError";
}

/** No API key is configured; nothing was sent. */
export class MissingApiKeyError extends LumaError {
  override name = "MissingApiKeyError";
}

/** The request cannot be sent as asked (URL too long, body not encodable as JSON); nothing was sent. */
export class UnsendableRequestError extends LumaError {
  override name = "UnsendableRequestError";
}

/** Luma answered with an HTTP error status. `message` and `code` come from Luma's body when it has them. */
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
    super(`Luma answered HTTP ${status}${said ? `: ${said}` : ""}${code ? ` (code ${code})` : ""}`);
    this.lumaMessage = said;
  }
}

/** Luma answered 2xx but the body is not usable JSON (HTML error page, empty, oversize). */
export class LumaBadResponseError extends LumaError {
  override name = "LumaBadResponseError";
}

/**
 * The request failed on the way (connection refused, reset, DNS, timeout, answer cut off). `sent` says
 * whether Luma may have received it, which decides whether a write could have taken effect.
 */
export class LumaNetworkError extends LumaError {
  override name = "LumaNetworkError";
  constructor(
    message: string,
    readonly sent: boolean,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/**
 * Luma's rate limit: our own budget, a block Luma announced (429 or X-RateLimit-Remaining: 0), or a 429
 * that was not worth waiting out. In every case Luma did not carry the call out.
 */
export class RateLimitedError extends LumaError {
  override name = "RateLimitedError";
  constructor(readonly waitSeconds: number) {
    super(`Luma's rate limit is in force for about ${waitSeconds} more seconds.`);
  }
}

/** The caller (an MCP cancellation) aborted the request. `sent`: Luma may have received it and acted. */
export class CancelledError extends LumaError {
  override name = "CancelledError";
  constructor(
    message: string,
    readonly sent: boolean,
  ) {
    super(message);
  }
}
