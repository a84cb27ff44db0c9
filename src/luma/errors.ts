// The ways a Luma call can fail, as types. The tool layer turns each into an isError result with advice;
// nothing here knows about tools.

/** Base class: every failure the Luma client reports is one of these. */
export class LumaError extends Error {
  override name = "LumaError";
}

/** No API key is configured; nothing was sent. */
export class MissingApiKeyError extends LumaError {
  override name = "MissingApiKeyError";
}

/** Luma answered with an HTTP error status. `message` and `code` come from Luma's body when it has them. */
export class LumaApiError extends LumaError {
  override name = "LumaApiError";
  constructor(
    readonly status: number,
    readonly lumaMessage: string | undefined,
    readonly code: string | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(
      `Luma answered HTTP ${status}${lumaMessage ? `: ${lumaMessage}` : ""}${code ? ` (code ${code})` : ""}`,
    );
  }
}

/** Luma answered 2xx but the body is not usable JSON (HTML error page, truncated, oversize). */
export class LumaBadResponseError extends LumaError {
  override name = "LumaBadResponseError";
}

/**
 * The request failed on the way (connection refused, reset, DNS, timeout). `sent` says whether Luma may
 * have received it, which decides whether a write could have taken effect.
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

/** Our own rate limiter (or Luma's known block) says wait; nothing was sent. */
export class RateLimitedError extends LumaError {
  override name = "RateLimitedError";
  constructor(readonly waitSeconds: number) {
    super(`Luma's rate limit is in force for about ${waitSeconds} more seconds.`);
  }
}

/** The caller (an MCP cancellation) aborted the request. */
export class CancelledError extends LumaError {
  override name = "CancelledError";
}
