// The HTTP client to Luma (undici), apart from LumaClient so that it is loaded with the first request: undici is
// the largest part of the bundle, and initialize and tools/list never need it. HTTP mode loads it at once
// (one pool shared by its callers' clients, see src/http/serve.ts).
import { setFlagsFromString } from "node:v8";
import { Agent, type Dispatcher, request } from "undici";

// undici parses HTTP/1.1 answers with llhttp compiled to WebAssembly, on the first connection. V8 compiles it
// at once with its baseline compiler (Liftoff), then, once the parser is hot, recompiles its one huge
// function with TurboFan in the background: about 35 MB of compiler memory that the C allocator keeps for
// the life of the process (RSS after a load run, docs/performance.md). Parsing Luma's small answers is not
// where a call's time goes, so the baseline code stays: no measurable loss in calls/s. Set before undici
// compiles llhttp (lazily, on the first connection); it touches only WebAssembly, which nothing else here uses.
setFlagsFromString("--liftoff-only");

/** What LumaClient sends with: undici's request, on a dispatcher that reports when a request is written. */
export interface Transport {
  request: typeof request;
  dispatcher: Dispatcher;
  /** Whether the client made the pool itself, and so closes it. */
  owned: boolean;
}

/** The given dispatcher (tests' MockAgent, HTTP mode's shared pool), or a pool of the client's own. */
export function transportFor(given: Dispatcher | undefined, timeoutMs: number): Transport {
  const base = given ?? lumaAgent(timeoutMs);
  return { request, dispatcher: base.compose(reportSending), owned: given === undefined };
}

/**
 * The keep-alive pool to Luma. One client makes its own; the HTTP mode makes one and shares it between the
 * clients of its callers' keys (the key travels in each request's header, never in the pool).
 */
export function lumaAgent(timeoutMs: number): Agent {
  return new Agent({
    keepAliveTimeout: 30_000,
    connections: 32,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: Math.min(timeoutMs, 10_000) },
  });
}

/**
 * An undici interceptor that tells a request (its `onSending` option) when it reaches a connection and is
 * about to be written: undici calls onRequestStart then, and not while the request waits in the pool's queue.
 */
const reportSending: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
  const onSending = (opts as { onSending?: () => void }).onSending;
  if (!onSending) return dispatch(opts, handler);
  return dispatch(opts, {
    onRequestStart: (controller, context) => {
      onSending();
      handler.onRequestStart?.(controller, context);
    },
    onRequestUpgrade: (controller, status, headers, socket) =>
      handler.onRequestUpgrade?.(controller, status, headers, socket),
    onResponseStart: (controller, status, headers, message) =>
      handler.onResponseStart?.(controller, status, headers, message),
    onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
    onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
    onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
  });
};
