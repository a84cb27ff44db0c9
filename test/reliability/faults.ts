// The fault suite as data: each fault is how the stand-in (or the network) misbehaves, the calls made
// against it (`act`), and what a user must see (`check`: the requests Luma received, the result text).
// faults.test.ts runs act + check; secrets.test.ts runs every act again and scans all output for the key.
import type { ServerResponse } from "node:http";
import { Agent, buildConnector } from "undici";
import { expect } from "vitest";
import { type ConnectToOptions, connectTo, type InProcess as Harness } from "../support/in-process.js";
import { type CallToolResult, textOf } from "../support/results.js";
import {
  closedPort,
  type Handler,
  json,
  type Seen,
  type StandIn,
  startStandIn,
  until,
} from "../support/stand-in.js";

export const GET = { tool: "GetEventAdminInfo", args: { event_id: "evt-1" }, path: "/v1/events/get" };
/** A write that emails guests: never to be sent twice. Its read tool is GetEventGuests. */
export const POST = {
  tool: "AddEventGuests",
  args: { mode: "execute", request_body: { event_id: "evt-1", guests: [{ email: "a@example.com" }] } },
  path: "/v1/events/guests/add",
  readTool: "LumaApi_GetEventGuests",
};

export interface Fault {
  name: string;
  /** How the stand-in answers. */
  serve: Handler;
  /** Client settings and, for connection faults, a dispatcher; built per run. */
  options?: (luma: StandIn) => Promise<ConnectToOptions>;
  /** The calls, in order; their results go to `check`. Default: one GET. */
  act?: (h: Harness, luma: StandIn) => Promise<CallToolResult[]>;
  check: (results: CallToolResult[], luma: StandIn) => void;
}

/** Answers the n-th request (0-based) with handlers[n], the last one thereafter. */
function sequence(...handlers: Handler[]): Handler {
  let n = 0;
  return (req, res) => (handlers[Math.min(n++, handlers.length - 1)] as Handler)(req, res);
}

/**
 * A Luma that holds to its word: the first request gets `first` (which announces a block of `blockMs`), and
 * any request before the block is over gets a 429 with a long Retry-After, as Luma's minute-long block would.
 */
function blocking(first: Handler, blockMs: number, then: Handler): Handler {
  let blockedUntil = 0;
  return (req, res) => {
    if (blockedUntil === 0) {
      blockedUntil = Date.now() + blockMs;
      first(req, res);
    } else if (Date.now() < blockedUntil)
      json(res, 429, { message: "still blocked" }, { "retry-after": "60" });
    else then(req, res);
  };
}

const ok: Handler = (req, res) => json(res, 200, { event: { id: req.query.get("event_id") } });
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_, res) =>
    json(res, code, { message: `stand-in says ${code}` }, headers);
const html =
  (code: number): Handler =>
  (_, res) => {
    res.writeHead(code, { "content-type": "text/html" });
    res.end("<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>");
  };
const dropConnection: Handler = (_, res) => res.socket?.destroy();
const neverAnswer: Handler = () => {};
const truncated: Handler = (_, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
  res.write('{"event":{"id":"evt-1","na');
  setTimeout(() => res.socket?.destroy(), 20);
};
const stallMidBody: Handler = (_, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"event":{"id":"evt-1","na');
};

const one = async (h: Harness) => [await h.call(GET.tool, GET.args)];
const onePost = async (h: Harness) => [await h.call(POST.tool, POST.args)];
const first = (results: CallToolResult[]) => results[0] as CallToolResult;

function expectError(result: CallToolResult, ...patterns: RegExp[]): void {
  expect(result.isError, `expected an isError result, got ${textOf(result)}`).toBe(true);
  for (const pattern of patterns) expect(textOf(result)).toMatch(pattern);
}

function expectOk(result: CallToolResult): void {
  expect(result.isError, textOf(result)).toBeFalsy();
}

function expectUnknownOutcome(result: CallToolResult): void {
  expectError(result, /outcome is unknown/, new RegExp(`first check with ${POST.readTool}`));
}

/** An Agent whose connector sends the first `refusals` connections to a closed port. */
async function refusing(luma: StandIn, refusals: number, attempts: { n: number }): Promise<ConnectToOptions> {
  const closed = await closedPort();
  const connect = buildConnector({});
  return {
    dispatcher: new Agent({
      connect: (options, callback) => {
        attempts.n++;
        connect({ ...options, port: String(attempts.n <= refusals ? closed : luma.port) }, callback);
      },
    }),
  };
}
const connectAttempts = { n: 0 };

export const FAULTS: Fault[] = [
  {
    name: "429 with a short Retry-After on a GET: waited out, sent again, answered",
    serve: blocking(status(429, { "retry-after": "1" }), 1000, ok),
    check: (results, luma) => {
      expectOk(first(results));
      expect(textOf(first(results))).toContain('"id":"evt-1"');
      expect(luma.count(GET.path)).toBe(2);
    },
  },
  {
    name: "429 with a short Retry-After on a POST: Luma did not act, so it is sent again",
    serve: blocking(status(429, { "retry-after": "1" }), 1000, (_, res) => json(res, 200, {})),
    act: onePost,
    check: (results, luma) => {
      expectOk(first(results));
      expect(luma.count(POST.path)).toBe(2);
    },
  },
  {
    name: "429 with a long Retry-After: answered at once with the wait; the next call fails fast without reaching Luma",
    serve: status(429, { "retry-after": "120" }),
    act: async (h) => [await h.call(GET.tool, GET.args), await h.call("GetUserInfo")],
    check: ([blocked, next], luma) => {
      expectError(blocked as CallToolResult, /rate limit/, /Wait 1(19|20) seconds/);
      expectError(next as CallToolResult, /rate limit/, /Wait 1(19|20) seconds/);
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "429 without Retry-After: Luma's one-minute block, reported at once",
    serve: status(429),
    check: (results, luma) => {
      expectError(first(results), /Wait (59|60) seconds/);
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "X-RateLimit-Remaining: 0 with a 30 s reset: later calls fail fast without reaching Luma",
    serve: (req, res) =>
      json(
        res,
        200,
        { event: { id: req.query.get("event_id") } },
        {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": "30",
        },
      ),
    act: async (h) => [await h.call(GET.tool, GET.args), await h.call(GET.tool, GET.args)],
    check: ([answered, held], luma) => {
      expectOk(answered as CallToolResult);
      expectError(held as CallToolResult, /rate limit/, /Wait (29|30) seconds/);
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "X-RateLimit-Remaining: 0 with a 1 s reset: the next call waits, then goes",
    serve: blocking(
      (_, res) => json(res, 200, {}, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" }),
      1000,
      ok,
    ),
    act: async (h) => [await h.call(GET.tool, GET.args), await h.call(GET.tool, GET.args)],
    check: ([, waited], luma) => {
      expectOk(waited as CallToolResult);
      expect(luma.count()).toBe(2);
    },
  },
  {
    name: "own budget (LUMA_RATE_LIMIT_PER_MINUTE=3): three calls go, the fourth fails fast naming the wait",
    serve: ok,
    options: async () => ({ config: { rateLimitPerMinute: 3, maxRetryWaitMs: 100 } }),
    act: async (h) => {
      const results: CallToolResult[] = [];
      for (let i = 0; i < 4; i++) results.push(await h.call(GET.tool, GET.args));
      return results;
    },
    check: (results, luma) => {
      for (const result of results.slice(0, 3)) expectOk(result);
      expectError(results[3] as CallToolResult, /rate limit/, /Wait (59|60) seconds/);
      expect(luma.count()).toBe(3);
    },
  },
  {
    name: "503 on a GET: tried 3 times, then an error",
    serve: status(503),
    check: (results, luma) => {
      expectError(first(results), /HTTP 503/, /try again/);
      expect(luma.count(GET.path)).toBe(3);
    },
  },
  {
    name: "502 then 200 on a GET: the retry answers",
    serve: sequence(status(502), ok),
    check: (results, luma) => {
      expectOk(first(results));
      expect(luma.count(GET.path)).toBe(2);
    },
  },
  {
    name: "500 on a GET (a bug, not a passing fault): not retried",
    serve: status(500),
    check: (results, luma) => {
      expectError(first(results), /HTTP 500/);
      expect(luma.count(GET.path)).toBe(1);
    },
  },
  {
    name: "503 on a POST: sent exactly once, outcome unknown, names the read tool",
    serve: status(503),
    act: onePost,
    check: (results, luma) => {
      expectUnknownOutcome(first(results));
      expect(luma.count(POST.path)).toBe(1);
    },
  },
  {
    name: "connection refused, then accepted: the POST is sent again and answered",
    serve: (_, res) => json(res, 200, {}),
    options: (luma) => {
      connectAttempts.n = 0;
      return refusing(luma, 1, connectAttempts);
    },
    act: onePost,
    check: (results, luma) => {
      expectOk(first(results));
      expect(connectAttempts.n).toBe(2);
      expect(luma.count(POST.path)).toBe(1);
    },
  },
  {
    name: "connection refused every time: 3 tries, says nothing reached Luma",
    serve: (_, res) => json(res, 200, {}),
    options: (luma) => {
      connectAttempts.n = 0;
      return refusing(luma, 99, connectAttempts);
    },
    act: onePost,
    check: (results, luma) => {
      expectError(first(results), /Could not connect to Luma/, /ECONNREFUSED/, /Nothing reached Luma/);
      expect(textOf(first(results))).not.toMatch(/outcome is unknown/);
      expect(connectAttempts.n).toBe(3);
      expect(luma.count()).toBe(0);
    },
  },
  {
    name: "connection dropped after the POST arrived: sent once, outcome unknown, names the read tool",
    serve: dropConnection,
    act: onePost,
    check: (results, luma) => {
      expectUnknownOutcome(first(results));
      expect(luma.count(POST.path)).toBe(1);
    },
  },
  {
    name: "connection dropped on a GET: tried 3 times, then an error",
    serve: dropConnection,
    check: (results, luma) => {
      expectError(first(results), /connection to Luma .* failed/);
      expect(luma.count(GET.path)).toBe(3);
    },
  },
  {
    name: "no answer within LUMA_TIMEOUT_MS on a GET: one try, says the limit",
    serve: neverAnswer,
    options: async () => ({ config: { timeoutMs: 300 } }),
    check: (results, luma) => {
      expectError(first(results), /did not answer within 300 ms \(LUMA_TIMEOUT_MS\)/);
      expect(luma.count(GET.path)).toBe(1);
    },
  },
  {
    name: "no answer within LUMA_TIMEOUT_MS on a POST: sent once, outcome unknown",
    serve: neverAnswer,
    options: async () => ({ config: { timeoutMs: 300 } }),
    act: onePost,
    check: (results, luma) => {
      expectUnknownOutcome(first(results));
      expect(textOf(first(results))).toMatch(/300 ms/);
      expect(luma.count(POST.path)).toBe(1);
    },
  },
  {
    name: "a server that stalls mid-body: an error within LUMA_TIMEOUT_MS, not a hang",
    serve: stallMidBody,
    options: async () => ({ config: { timeoutMs: 300 } }),
    check: (results) => expectError(first(results), /answer stalled/, /300 ms/),
  },
  {
    name: "an HTML page with 200: says the answer is not JSON",
    serve: html(200),
    check: (results, luma) => {
      expectError(first(results), /not JSON \(text\/html/);
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "an HTML 502 page on a GET: retried, then names the status",
    serve: html(502),
    check: (results, luma) => {
      expectError(first(results), /HTTP 502/);
      expect(luma.count()).toBe(3);
    },
  },
  {
    name: "a truncated body (Content-Length larger than sent, then close) on a GET: says it was cut off",
    serve: truncated,
    check: (results) => expectError(first(results), /cut off/),
  },
  {
    name: "a truncated body on a POST: sent once, outcome unknown",
    serve: truncated,
    act: onePost,
    check: (results, luma) => {
      expectUnknownOutcome(first(results));
      expect(luma.count(POST.path)).toBe(1);
    },
  },
  {
    name: "an empty 200 body: says so",
    serve: (_, res) => res.writeHead(200, { "content-type": "application/json" }).end(),
    check: (results) => expectError(first(results), /empty body/),
  },
  {
    name: "a body over LUMA_MAX_RESPONSE_BYTES (declared length): refused, names the cap",
    serve: (_, res) => json(res, 200, { entries: "x".repeat(5000) }),
    options: async () => ({ config: { maxResponseBytes: 1000 } }),
    check: (results, luma) => {
      expectError(first(results), /larger than the 1000-byte cap \(LUMA_MAX_RESPONSE_BYTES\)/);
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "a body over LUMA_MAX_RESPONSE_BYTES (chunked, no length): refused, names the cap",
    serve: (_, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 10; i++) res.write(`"${"x".repeat(500)}",`);
      res.end();
    },
    options: async () => ({ config: { maxResponseBytes: 1000 } }),
    check: (results) => expectError(first(results), /larger than the 1000-byte cap/),
  },
  {
    name: "an MCP cancellation mid-request: the HTTP request to Luma is aborted at once",
    serve: (_, res) => {
      setTimeout(() => json(res, 200, {}), 3000).unref();
    },
    act: async (h, luma) => {
      const controller = new AbortController();
      const call = h.call(GET.tool, GET.args, controller.signal);
      await until(() => luma.count() === 1, "Luma received the request");
      controller.abort();
      await expect(call).rejects.toThrow(/abort/i);
      await until(() => luma.requests[0]?.abandoned === true, "Luma saw the connection close", 2000);
      return [];
    },
    check: (_, luma) => {
      expect(luma.requests[0]?.abandoned).toBe(true);
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "an error body that echoes the request headers: the key is masked",
    serve: (req, res) => json(res, 400, { message: `bad request; you sent ${JSON.stringify(req.headers)}` }),
    check: (results, luma) => {
      expect(luma.requests[0]?.headers["x-luma-api-key"]).toBe("sk-live-SECRET-canary-123");
      expectError(first(results), /x-luma-api-key/, /\[redacted\]/);
      expect(JSON.stringify(results)).not.toContain("SECRET-canary");
    },
  },
  {
    name: "a success body that echoes the key: masked in the text",
    serve: (req: Seen, res) =>
      json(res, 200, { event: { id: "evt-1", echo: req.headers["x-luma-api-key"] } }),
    check: (results) => {
      expectOk(first(results));
      const [text] = first(results).content;
      expect(JSON.parse(text?.type === "text" ? text.text : "")).toEqual({
        event: { id: "evt-1", echo: "[redacted]" },
      });
      expect(JSON.stringify(results)).not.toContain("SECRET-canary");
    },
  },
  {
    name: "a 100 kB error message from Luma: quoted, but clipped",
    serve: (_, res) => json(res, 400, { message: "y".repeat(100_000) }),
    check: (results) => {
      expectError(first(results), /Luma says: "yyyy/);
      expect(textOf(first(results)).length).toBeLessThan(1000);
    },
  },
  {
    name: "two identical writes at once, the second sent while Luma still answers the first: only one reaches Luma",
    serve: (_, res) => {
      setTimeout(() => json(res, 200, {}), 300);
    },
    act: async (h) => Promise.all([h.call(POST.tool, POST.args), h.call(POST.tool, POST.args)]),
    check: (results, luma) => {
      expect(luma.count(POST.path)).toBe(1);
      expect(results.filter((result) => !result.isError)).toHaveLength(1);
      const refused = results.find((result) => result.isError) as CallToolResult;
      expectError(refused, /Not sent: an identical AddEventGuests is being sent right now/);
    },
  },
  {
    name: "a 302 with an empty body on a write: an error, not 'Done', and the Location is never followed",
    serve: (req, res) => {
      if (req.path === "/elsewhere") return json(res, 200, {});
      res.writeHead(302, { location: "/elsewhere", "content-type": "application/json" }).end("{}");
    },
    act: onePost,
    check: (results, luma) => {
      expectError(first(results), /HTTP 302/, /redirect is not followed/, /Nothing was done/);
      expect(textOf(first(results))).not.toMatch(/Done/);
      expect(luma.count("/elsewhere")).toBe(0);
    },
  },
  {
    name: "a 301, 307 or 308 on a GET: an error that names LUMA_BASE_URL, not data",
    serve: sequence(
      ...[301, 307, 308].map(
        (code): Handler =>
          (_, res) =>
            res.writeHead(code, { location: "https://elsewhere.example/v1" }).end(),
      ),
    ),
    act: async (h) => [
      await h.call(GET.tool, GET.args),
      await h.call(GET.tool, GET.args),
      await h.call(GET.tool, GET.args),
    ],
    check: (results, luma) => {
      for (const [i, code] of [301, 307, 308].entries()) {
        expectError(results[i] as CallToolResult, new RegExp(`HTTP ${code}`), /LUMA_BASE_URL/);
      }
      expect(luma.count()).toBe(3);
    },
  },
  {
    name: "a 303 on a write (done, see other): outcome unknown, names the read tool",
    serve: (_, res) => res.writeHead(303, { location: "/v1/events/get" }).end(),
    act: onePost,
    check: (results, luma) => {
      expectUnknownOutcome(first(results));
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "LUMA_MAX_RETRY_WAIT_MS bounds a call's whole wait: 429s with Retry-After 1 and a 1.2 s cap",
    serve: status(429, { "retry-after": "1" }),
    options: async () => ({ config: { maxRetryWaitMs: 1200 } }),
    act: async (h) => {
      const started = Date.now();
      const results = [await h.call(GET.tool, GET.args)];
      elapsed.ms = Date.now() - started;
      return results;
    },
    check: (results, luma) => {
      expectError(first(results), /rate limit/);
      // One wait of 1 s fits the cap; a second would not, so it is not started.
      expect(luma.count()).toBe(2);
      expect(elapsed.ms).toBeLessThan(1200 + 400);
    },
  },
  {
    name: "a write that times out before it reaches a connection: not sent, and its retry is not refused",
    serve: (_, res) => json(res, 200, {}),
    options: async (luma) => {
      const connect = buildConnector({});
      let connections = 0;
      return {
        config: { timeoutMs: 300 },
        dispatcher: new Agent({
          // The first three connections (the call and its two retries, since a request that never left may
          // be sent again) take 1.5 s to open: each attempt waits, unsent, past LUMA_TIMEOUT_MS.
          connect: (options, callback) => {
            const delay = connections++ < 3 ? 1500 : 0;
            setTimeout(() => connect({ ...options, port: String(luma.port) }, callback), delay);
          },
        }),
      };
    },
    act: async (h) => [await h.call(POST.tool, POST.args), await h.call(POST.tool, POST.args)],
    check: ([timedOut, retried], luma) => {
      expectError(timedOut as CallToolResult, /never left luma-api-mcp/, /Nothing reached Luma/);
      expect(textOf(timedOut as CallToolResult)).not.toMatch(/outcome is unknown|may have applied/);
      expectOk(retried as CallToolResult);
      expect(luma.count(POST.path)).toBe(1);
    },
  },
  {
    name: "a Retry-After of 999999999 s: capped at 600 s, and the answer says so",
    serve: status(429, { "retry-after": "999999999" }),
    act: async (h) => [await h.call(GET.tool, GET.args), await h.call("GetUserInfo")],
    check: ([blocked, next], luma) => {
      expectError(
        blocked as CallToolResult,
        /Wait 600 seconds \(Luma asked for 999999999 seconds; luma-api-mcp waits at most 600 seconds\)/,
      );
      expectError(next as CallToolResult, /Wait (599|600) seconds/);
      expect(luma.count()).toBe(1);
    },
  },
  {
    name: "an error message that echoes the key right at the 500-character cut: no part of the key is shown",
    serve: (req, res) =>
      json(res, 400, { message: `${"x".repeat(490)}${req.headers["x-luma-api-key"]} and more` }),
    check: (results) => {
      expectError(first(results), /\[redacted\]|x…/);
      expect(JSON.stringify(results)).not.toMatch(/sk-live|SECRET/);
    },
  },
  ...[405, 409, 410, 413, 415].map(
    (code): Fault => ({
      name: `HTTP ${code} on a write: its own advice, not "try again in a minute", outcome known`,
      serve: status(code),
      act: onePost,
      check: (results, luma) => {
        expectError(first(results), new RegExp(`HTTP ${code}`));
        expect(textOf(first(results))).not.toMatch(/try again in a minute|outcome is unknown/);
        expect(luma.count()).toBe(1);
      },
    }),
  ),
];

/** How long the last timed act took, for its check. */
const elapsed = { ms: 0 };

/** Runs one fault against a fresh stand-in and a fresh server: the calls' results, and the stand-in. */
export async function runFault(
  fault: Fault,
): Promise<{ results: CallToolResult[]; luma: StandIn; transcript: string[] }> {
  const luma = await startStandIn(fault.serve);
  const h = await connectTo(luma.url, (await fault.options?.(luma)) ?? {});
  try {
    const results = await (fault.act ?? one)(h, luma);
    return { results, luma, transcript: h.transcript };
  } finally {
    await h.close();
    await luma.close();
  }
}
