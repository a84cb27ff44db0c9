// HTTP mode among strangers (issue 19): what one caller sends can never change another caller's answers,
// state or memory. The built bin in HTTP mode against a Luma stand-in; the hostile caller and the victim are
// separate clients, each with its own credential.
import { spawnSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { connect as connectTcp } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BIN,
  connect,
  modernCall,
  type Replica,
  raw,
  type StandIn,
  startReplica,
  startStandIn,
  textOf,
} from "../support/http.js";
import { json, startStandIn as startLoopbackStandIn, until } from "../support/stand-in.js";

const TOKEN = "tok-strangers-shared-secret-0123456789";
const SERVER_KEY = "sk-strangers-server-key-5e1d";
const ANSWER_CHARS = 16_000_000;

let standIn: StandIn;
let replica: Replica;

beforeAll(async () => {
  standIn = await startStandIn();
  replica = await startReplica([], {
    LUMA_API_KEY: SERVER_KEY,
    LUMA_HTTP_TOKENS: TOKEN,
    LUMA_BASE_URL: standIn.url,
  });
});

afterAll(async () => {
  await replica?.stop();
  await standIn?.close();
});

describe("item 1: one caller's credential is masked in that caller's answers only", () => {
  // Each is a credential a stranger sends once; if it joined a process-wide mask list, it would rewrite
  // everyone's answers: a word of the victim's data, a JSON fragment, an ID prefix.
  it.each([
    ["a word of everyone's data", "Stand"],
    ["a JSON fragment", '"},{"'],
    ["an ID prefix", "cal-"],
  ])("a stranger's key that is %s leaves another caller's answers whole", async (_what, hostileKey) => {
    const stranger = await connect(replica.url, "modern", { "x-luma-api-key": hostileKey });
    try {
      await stranger.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
    } finally {
      await stranger.close();
    }
    const victim = await connect(replica.url, "modern", { authorization: `Bearer ${TOKEN}` });
    try {
      const result = await victim.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toContain("cal-standin");
      expect(textOf(result)).toContain("Stand-in calendar");
      expect(textOf(result)).not.toContain("[redacted]");
    } finally {
      await victim.close();
    }
  });

  it("a caller's own key that Luma echoes back is still masked in that caller's answer", async () => {
    const key = "sk-strangers-own-key-4242";
    const caller = await connect(replica.url, "modern", { "x-luma-api-key": key });
    try {
      const result = await caller.callTool({
        name: "LumaApi_GetEventAdminInfo",
        arguments: { event_id: "evt-echo" },
      });
      expect(textOf(result)).toContain("your key is [redacted]");
      expect(JSON.stringify(result)).not.toContain(key);
    } finally {
      await caller.close();
    }
  });

  it("a caller whose key is a JSON fragment still gets a well-formed answer", async () => {
    const caller = await connect(replica.url, "modern", { "x-luma-api-key": '"},{"' });
    try {
      const result = await caller.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toContain("cal-standin");
    } finally {
      await caller.close();
    }
  });
});

describe("item 8: one key, one budget; a token is never forwarded to Luma as a key", () => {
  it("this server's token sent as x-luma-api-key is refused (401) and never reaches Luma", async () => {
    const before = standIn.requests.length;
    const { body, headers } = modernCall("LumaApi_GetCalendar", {});
    const answer = await raw(replica.url, body, { ...headers, "x-luma-api-key": TOKEN });
    expect(answer.status).toBe(401);
    expect(answer.text).toMatch(/not a Luma key: send it as Authorization: Bearer/);
    expect(standIn.requests.slice(before).map((r) => r.key)).not.toContain(TOKEN);
  });

  it("the server's key sent as x-luma-api-key shares the token callers' budget", async () => {
    const small = await startReplica([], {
      LUMA_API_KEY: SERVER_KEY,
      LUMA_HTTP_TOKENS: TOKEN,
      LUMA_BASE_URL: standIn.url,
      LUMA_RATE_LIMIT_PER_MINUTE: "2",
      LUMA_MAX_RETRY_WAIT_MS: "1",
    });
    try {
      const call = async (headers: Record<string, string>) => {
        const request = modernCall("LumaApi_GetCalendar", {});
        const answer = await raw(small.url, request.body, { ...request.headers, ...headers });
        return answer.messages[0]?.result as { isError?: boolean; content: { text: string }[] };
      };
      expect((await call({ authorization: `Bearer ${TOKEN}` })).isError).toBeFalsy();
      expect((await call({ "x-luma-api-key": SERVER_KEY })).isError).toBeFalsy();
      const third = await call({ "x-luma-api-key": SERVER_KEY });
      expect(third.isError).toBe(true);
      expect(third.content[0]?.text).toMatch(/rate/i);
    } finally {
      await small.stop();
    }
  });
});

describe("item 6: browser pages (CORS) from allowed origins", () => {
  let browserable: Replica;
  beforeAll(async () => {
    browserable = await startReplica([], {
      LUMA_SANDBOX: "1",
      LUMA_HTTP_ALLOWED_ORIGINS: "https://inspector.example.com",
    });
  });
  afterAll(() => browserable?.stop());

  it("a preflight from an allowed origin gets 204 with the MCP headers allowed, before any credential", async () => {
    const response = await fetch(browserable.url, {
      method: "OPTIONS",
      headers: {
        origin: "https://inspector.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, mcp-protocol-version, x-luma-api-key",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://inspector.example.com");
    const allowed = response.headers.get("access-control-allow-headers") ?? "";
    for (const name of ["content-type", "mcp-protocol-version", "x-luma-api-key", "authorization"])
      expect(allowed).toContain(name);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("a preflight from another origin is refused (403), without CORS headers", async () => {
    const response = await fetch(browserable.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.net", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("an allowed page's answers carry CORS headers and expose the MCP headers", async () => {
    const { body, headers } = modernCall("LumaApi_GetCalendar", {});
    const answer = await raw(browserable.url, body, { ...headers, origin: "https://inspector.example.com" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://inspector.example.com");
    expect(answer.headers.get("access-control-expose-headers")).toContain("mcp-protocol-version");
  });
});

describe("item 10: methods, hosts, ports and readiness", () => {
  it("TRACE /mcp gets 405 with Allow, not 500", async () => {
    const answer = await raw(replica.url, undefined, {}, "TRACE").catch(() => undefined);
    // fetch refuses to send TRACE itself, so it goes through node:http.
    const status = answer?.status ?? (await rawStatus(replica.url, "TRACE"));
    expect(status).toBe(405);
  });

  it("--host 127.0.0.2 announces a URL whose requests are served", async () => {
    const other = await startReplica(["--host", "127.0.0.2"], { LUMA_SANDBOX: "1" });
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/mcp$/);
      const { body, headers } = modernCall("LumaApi_GetCalendar", {});
      const answer = await raw(other.url, body, headers);
      expect(answer.status).toBe(200);
    } finally {
      await other.stop();
    }
  });

  it("a port in use is one line naming the port and the fix, exit 2", async () => {
    const port = new URL(replica.url).port;
    const run = spawnSync(process.execPath, [BIN, "--http", "--port", port, "--sandbox"], {
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
      timeout: 10_000,
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines.at(-1)).toMatch(
      new RegExp(`port ${port} is in use.*--port N or PORT \\(0 picks any free one\\)`),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("/readyz says ready in memory mode; /healthz stays the liveness answer", async () => {
    const ready = await fetch(new URL("/readyz", replica.url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect((await fetch(new URL("/healthz", replica.url))).status).toBe(200);
  });
});

describe("item 9: no caller can forge a log line", () => {
  it("a line break in a tool name is escaped in the log", async () => {
    const forged = "Nope\n[luma-api-mcp] stopping (SIGTERM)";
    const { body, headers } = modernCall(forged, {});
    await raw(replica.url, body, { ...headers, "mcp-name": "Nope", authorization: `Bearer ${TOKEN}` });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(replica.lines.filter((line) => line.startsWith("[luma-api-mcp] stopping"))).toEqual([]);
  });
});

/** The status of a bare `method` request through node:http (fetch will not send TRACE). */
function rawStatus(url: string, method: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

describe("item 5: a second SIGTERM while draining", () => {
  it("is a forced quit: a log line says calls are cut, and the exit code is 130, not 0", async () => {
    const slow = await startStandIn({ delayMs: 5_000 });
    const draining = await startReplica([], {
      LUMA_API_KEY: SERVER_KEY,
      LUMA_BASE_URL: slow.url,
      LUMA_HTTP_TOKENS: TOKEN,
    });
    try {
      const { body, headers } = modernCall("LumaApi_GetEventAdminInfo", { event_id: "evt-slow" });
      const call = raw(draining.url, body, { ...headers, authorization: `Bearer ${TOKEN}` }).catch(
        () => undefined,
      );
      const deadline = Date.now() + 5_000;
      while (slow.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      draining.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      expect(await draining.stop("SIGTERM")).toBe(130);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(draining.lines.join("\n")).toMatch(/forced quit \(SIGTERM while stopping\)/);
      await call;
    } finally {
      await draining.stop();
      await slow.close();
    }
  });
});

describe("item 3: clients that stop reading, and caps on connections and requests", () => {
  /** A Luma whose calendar answer is 16 MB: far more than loopback's socket buffers (a few MB) can hold. */
  let big: Awaited<ReturnType<typeof startLoopbackStandIn>>;
  let capped: Replica;
  beforeAll(async () => {
    const description = "x".repeat(ANSWER_CHARS);
    big = await startLoopbackStandIn((seen, res) =>
      setTimeout(
        () => json(res, 200, { id: "cal-big", name: "Big", description }),
        seen.path.includes("slow") || seen.query.toString().includes("slow") ? 1_500 : 0,
      ),
    );
    capped = await startReplica([], {
      LUMA_API_KEY: SERVER_KEY,
      LUMA_HTTP_TOKENS: TOKEN,
      LUMA_BASE_URL: big.url,
      LUMA_MAX_RESULT_CHARS: String(2 * ANSWER_CHARS),
      LUMA_MAX_RESPONSE_BYTES: String(2 * ANSWER_CHARS),
      LUMA_HTTP_SEND_TIMEOUT_MS: "1000",
      LUMA_HTTP_MAX_CONNECTIONS: "4",
      LUMA_HTTP_MAX_REQUESTS: "2",
    });
  });
  afterAll(async () => {
    await capped?.stop();
    await big?.close();
  });

  /** A raw connection that sends one tools/call and then reads nothing. */
  const nonReader = async (url: string, name = "LumaApi_GetCalendar", args: Record<string, unknown> = {}) => {
    const { hostname, port } = new URL(url);
    const socket = connectTcp({ host: hostname, port: Number(port) });
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.pause();
    const { body, headers } = modernCall(name, args);
    const text = JSON.stringify(body);
    const head = Object.entries({
      ...headers,
      host: `${hostname}:${port}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      authorization: `Bearer ${TOKEN}`,
      "content-length": String(Buffer.byteLength(text)),
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`POST /mcp HTTP/1.1\r\n${head}\r\n${text}`);
    return { socket };
  };

  it("a client that never reads its 16 MB answer is disconnected after LUMA_HTTP_SEND_TIMEOUT_MS", async () => {
    const { socket } = await nonReader(capped.url);
    await until(
      () => capped.lines.some((line) => /did not read its answer within 1000 ms/.test(line)),
      "the server closing the connection",
      6_000,
    );
    // Reading now: what the buffers held, then the end, well short of the whole answer.
    let received = 0;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
    });
    const ended = new Promise((resolve) => socket.once("close", resolve));
    socket.resume();
    await ended;
    expect(received).toBeLessThan(ANSWER_CHARS);
  });

  it("beyond LUMA_HTTP_MAX_REQUESTS a request gets 503 with Retry-After; beyond the connections cap too", async () => {
    const slowCall = () =>
      raw(capped.url, modernCall("LumaApi_GetEventAdminInfo", { event_id: "evt-slow" }).body, {
        ...modernCall("LumaApi_GetEventAdminInfo", { event_id: "evt-slow" }).headers,
        authorization: `Bearer ${TOKEN}`,
      });
    const inFlight = [slowCall(), slowCall()];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = await raw(capped.url, modernCall("LumaApi_GetCalendar", {}).body, {
      ...modernCall("LumaApi_GetCalendar", {}).headers,
      authorization: `Bearer ${TOKEN}`,
    });
    expect(third.status).toBe(503);
    expect(third.headers.get("retry-after")).toBe("1");
    expect(third.text).toMatch(/LUMA_HTTP_MAX_REQUESTS/);
    await Promise.all(inFlight);

    const idle = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const { hostname, port } = new URL(capped.url);
        const socket = connectTcp({ host: hostname, port: Number(port) });
        await new Promise((resolve) => socket.once("connect", resolve));
        return socket;
      }),
    );
    try {
      const over = await rawStatus(capped.url, "GET").catch(() => 0);
      expect(over).toBe(503);
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });

  it("SIGTERM does not wait the full grace for clients that do not read", async () => {
    const readers = await Promise.all([1, 2].map(() => nonReader(capped.url)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    expect(await capped.stop("SIGTERM")).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const reader of readers) reader.socket.destroy();
  });
});
