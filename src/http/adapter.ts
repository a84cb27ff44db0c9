// The node:http side of the SDK's web-standard handler: a request's body (capped) and headers into a web
// Request, the handler's web Response back onto the ServerResponse (a JSON body at once, an SSE stream as
// it comes, cut off when the client stops reading), and the JSON-RPC refusals written before the handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Log } from "../log.js";

/** A JSON-RPC error outside any exchange (`id: null`), as the SDK writes its own HTTP-level refusals. */
export function rpcError(message: string, code = -32000): string {
  return JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) return void res.end();
  if (res.destroyed) return;
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export type Body = { ok: Buffer } | { tooLarge: true };

/**
 * The request body, up to `cap` bytes. Over the cap, the rest is read and dropped (up to 4 times the cap,
 * then the connection is cut) so that the client, still sending, gets the 413 instead of a reset.
 */
export async function readBody(req: IncomingMessage, cap: number): Promise<Body> {
  const declared = Number(req.headers["content-length"]);
  let tooLarge = Number.isFinite(declared) && declared > cap;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > cap) tooLarge = true;
    if (tooLarge) {
      if (size > cap * 4) {
        req.destroy();
        break;
      }
      continue;
    }
    chunks.push(chunk as Buffer);
  }
  return tooLarge ? { tooLarge: true } : { ok: Buffer.concat(chunks) };
}

/**
 * The web Request the SDK's handler takes for a node:http request and its (already read) body, and the body
 * parsed when it is JSON. A parsed body goes to the handler as `parsedBody` and the Request carries none:
 * the handler then neither clones the Request nor reads a stream (a web body stream, its tee and its reads
 * were the largest part of a call's garbage). A body that is not JSON rides in the Request as before, so
 * the SDK answers it exactly as it did (-32700, or its BOM-tolerant decoding).
 */
export function webRequest(
  req: IncomingMessage,
  body: Buffer | undefined,
  signal: AbortSignal,
): { request: Request; parsedBody?: unknown } {
  const parsedBody = body && body.length > 0 ? parsedJson(body) : undefined;
  const request = new Request(`http://localhost${req.url ?? "/mcp"}`, {
    method: req.method ?? "GET",
    headers: webHeaders(req),
    signal,
    ...(body && body.length > 0 && parsedBody === undefined ? { body } : {}),
  });
  return parsedBody === undefined ? { request } : { request, parsedBody };
}

/** The body as JSON, or undefined when it is not JSON (JSON.parse never answers undefined). */
function parsedJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

/** Writes the SDK's web Response to node:http: a JSON body at once, an SSE stream as it comes. */
export async function sendResponse(
  res: ServerResponse,
  response: Response,
  closing: boolean,
  sendTimeoutMs: number,
): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (closing) headers.connection = "close";
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (!(response.headers.get("content-type") ?? "").includes("text/event-stream")) {
    const body = Buffer.from(await response.arrayBuffer());
    headers["content-length"] = String(body.length);
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  res.flushHeaders();
  try {
    for await (const chunk of response.body) {
      if (res.destroyed) break;
      if (!res.write(chunk) && !(await drained(res, sendTimeoutMs))) {
        res.destroy();
        break;
      }
    }
  } finally {
    res.end();
  }
}

/**
 * Waits until what was written has been read (drain), for at most `ms`: false when the reader stopped
 * reading, or left. Its listeners go when it settles, so a slow reader cannot pile them up.
 */
function drained(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

/**
 * An answer handed to the connection must be read within `ms`: a client that stops reading is cut off and
 * the output queued for it freed, instead of holding memory (and a shutdown) for as long as it likes.
 */
export function closeUnread(res: ServerResponse, ms: number, log: Log): void {
  if (res.writableFinished || res.destroyed) return;
  const timer = setTimeout(() => {
    log(`http: closed a connection that did not read its answer within ${ms} ms (LUMA_HTTP_SEND_TIMEOUT_MS)`);
    res.destroy();
  }, ms);
  timer.unref();
  res.once("finish", () => clearTimeout(timer));
  res.once("close", () => clearTimeout(timer));
}
