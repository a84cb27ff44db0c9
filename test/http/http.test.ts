// The built bin in HTTP mode against a Luma stand-in that counts what reaches it: both protocol eras with
// the SDK v2 client, whose key reaches Luma for whom, per-key state, every refusal at the door and every
// malformed request (each answered clearly, nothing reaching Luma, the server serving on), and keys and
// tokens in no log line and no answer.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TOOLS } from "../support/catalog.js";
import {
  connect,
  LEGACY,
  MODERN,
  modernCall,
  type RawAnswer,
  type Replica,
  raw,
  type StandIn,
  startReplica,
  startStandIn,
  textOf,
} from "../support/http.js";

const SERVER_KEY = "sk-canary-server-key-7f3a9c";
const TOKEN = "tok-canary-shared-secret-0123456789";
const USER_ONE = "sk-canary-user-one-1111";
const USER_TWO = "sk-canary-user-two-2222";
const CANARIES = [SERVER_KEY, TOKEN, USER_ONE, USER_TWO];

let standIn: StandIn;
let replica: Replica;
/** Every answer text any test saw, scanned for the canaries at the end. */
const seen: string[] = [];

const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
async function post(
  body: unknown,
  headers: Record<string, string> = {},
  method = "POST",
): Promise<RawAnswer> {
  const answer = await raw(replica.url, body, headers, method);
  seen.push(answer.text, JSON.stringify([...answer.headers]));
  return answer;
}
const list = { jsonrpc: "2.0", id: 7, method: "tools/list", params: {} };

/** A POST with its own Host header (fetch sets Host itself), as a DNS-rebinding page's request arrives. */
function withHost(host: string, body: unknown, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      replica.url,
      {
        method: "POST",
        headers: {
          ...headers,
          host,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on("end", () => {
          seen.push(text);
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            answerHeaders.set(name, String(value));
          resolve({
            status: response.statusCode ?? 0,
            headers: answerHeaders,
            text,
            messages: [JSON.parse(text)],
          });
        });
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

beforeAll(async () => {
  standIn = await startStandIn();
  replica = await startReplica([], {
    LUMA_API_KEY: SERVER_KEY,
    LUMA_HTTP_TOKENS: `other-token-0000000000000000,${TOKEN}`,
    LUMA_BASE_URL: standIn.url,
    LUMA_HTTP_ALLOWED_ORIGINS: "https://app.example.com",
    LUMA_HTTP_MAX_BODY_BYTES: "20000",
  });
});

afterAll(async () => {
  await replica?.stop();
  await standIn?.close();
});

describe("both protocol eras over HTTP, with the SDK v2 client", () => {
  it.each([
    ["legacy", LEGACY],
    ["modern", MODERN],
  ] as const)(
    "%s: a token bearer lists the tools and calls one with the server's key",
    async (era, version) => {
      const client = await connect(replica.url, era, bearer(TOKEN));
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe(version);
        const { tools } = await client.listTools();
        expect(tools).toHaveLength(DEFAULT_TOOLS.length);
        const before = standIn.requests.length;
        const result = await client.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
        seen.push(JSON.stringify(result));
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(textOf(result)).toContain("cal-standin");
        expect(standIn.requests.slice(before).map((r) => r.key)).toEqual([SERVER_KEY]);
      } finally {
        await client.close();
      }
    },
  );

  it("each caller's own key (x-luma-api-key, or a bearer without tokens) reaches Luma for that caller only", async () => {
    const one = await connect(replica.url, "legacy", { "x-luma-api-key": USER_ONE });
    const two = await connect(replica.url, "modern", { "x-luma-api-key": USER_TWO });
    try {
      const before = standIn.requests.length;
      const calls = [];
      for (let i = 0; i < 5; i++) {
        calls.push(
          one.callTool({ name: "LumaApi_GetEventAdminInfo", arguments: { event_id: `evt-one${i}` } }),
        );
        calls.push(
          two.callTool({ name: "LumaApi_GetEventAdminInfo", arguments: { event_id: `evt-two${i}` } }),
        );
      }
      for (const result of await Promise.all(calls)) expect(result.isError, textOf(result)).toBeFalsy();
      const sent = standIn.requests.slice(before);
      expect(sent).toHaveLength(10);
      for (const request of sent) {
        expect(request.key, request.path).toBe(request.path.includes("evt-one") ? USER_ONE : USER_TWO);
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("a key Luma echoes back is masked in the answer", async () => {
    const client = await connect(replica.url, "modern", { "x-luma-api-key": USER_ONE });
    try {
      const result = await client.callTool({
        name: "LumaApi_GetEventAdminInfo",
        arguments: { event_id: "evt-echo" },
      });
      seen.push(JSON.stringify(result));
      expect(textOf(result)).toContain("your key is [redacted]");
    } finally {
      await client.close();
    }
  });
});

describe("per-key state: rate budget and repeat guard are never shared between keys", () => {
  let small: Replica;
  beforeAll(async () => {
    small = await startReplica([], {
      LUMA_BASE_URL: standIn.url,
      LUMA_RATE_LIMIT_PER_MINUTE: "2",
      LUMA_MAX_RETRY_WAIT_MS: "1",
    });
  });
  afterAll(() => small?.stop());

  it("one key's spent budget refuses only that key's calls, unsent", async () => {
    const call = async (key: string, id: string) => {
      const { body, headers } = modernCall("LumaApi_GetEventAdminInfo", { event_id: id });
      const answer = await raw(small.url, body, { ...headers, "x-luma-api-key": key });
      seen.push(answer.text);
      return answer.messages[0]?.result as { isError?: boolean; content: { text: string }[] };
    };
    const before = standIn.requests.length;
    expect((await call(USER_ONE, "evt-a1")).isError).toBeFalsy();
    expect((await call(USER_ONE, "evt-a2")).isError).toBeFalsy();
    const third = await call(USER_ONE, "evt-a3");
    expect(third.isError).toBe(true);
    expect(third.content[0]?.text).toMatch(/rate limit/);
    // The other key has its own budget.
    expect((await call(USER_TWO, "evt-b1")).isError).toBeFalsy();
    expect((await call(USER_TWO, "evt-b2")).isError).toBeFalsy();
    expect((await call(USER_TWO, "evt-b3")).isError).toBe(true);
    expect(standIn.requests.slice(before).map((r) => r.path.replace(/.*event_id=/, ""))).toEqual([
      "evt-a1",
      "evt-a2",
      "evt-b1",
      "evt-b2",
    ]);
  });

  it("an identical write is held back for the key that sent it, not for another key", async () => {
    const args = { mode: "execute", request_body: { name: "per-key tag", color: "red" } };
    const call = async (key: string) => {
      const client = await connect(replica.url, "legacy", { "x-luma-api-key": key });
      try {
        const result = await client.callTool({ name: "LumaApi_CreatePersonTag", arguments: args });
        seen.push(JSON.stringify(result));
        return result;
      } finally {
        await client.close();
      }
    };
    const before = standIn.requests.length;
    expect((await call(USER_ONE)).isError).toBeFalsy();
    expect((await call(USER_TWO)).isError).toBeFalsy();
    const again = await call(USER_ONE);
    expect(again.isError).toBe(true);
    expect(textOf(again)).toMatch(/Not sent: an identical CreatePersonTag was sent/);
    expect(standIn.requests.slice(before).map((r) => r.key)).toEqual([USER_ONE, USER_TWO]);
  });
});

describe("refusals at the door: clear errors, nothing reaches Luma, the server serves on", () => {
  const cases: [string, () => Promise<RawAnswer>, number, RegExp][] = [
    ["no credential", () => post(list), 401, /No credential: send your Luma API key as x-luma-api-key/],
    ["a wrong key header (x-api-key)", () => post(list, { "x-api-key": USER_ONE }), 401, /No credential/],
    ["an unknown token", () => post(list, bearer("tok-not-one-of-ours-000000")), 401, /Unknown token/],
    ["Basic instead of Bearer", () => post(list, { authorization: "Basic dXNlcjpwYXNz" }), 401, /Bearer/],
    ["an empty x-luma-api-key", () => post(list, { "x-luma-api-key": " " }), 401, /x-luma-api-key must hold/],
    [
      "both a bearer and x-luma-api-key",
      () => post(list, { ...bearer(TOKEN), "x-luma-api-key": USER_ONE }),
      400,
      /Send one credential, not both/,
    ],
    [
      "a foreign browser Origin",
      () => post(list, { ...bearer(TOKEN), origin: "https://evil.example" }),
      403,
      /Origin "https:\/\/evil.example" may not call/,
    ],
    [
      "a foreign Host on a loopback bind",
      () => withHost("evil.example:8080", list, bearer(TOKEN)),
      403,
      /Host "evil.example:8080"/,
    ],
    [
      "a body over the cap",
      () => post({ ...list, params: { pad: "x".repeat(30_000) } }, bearer(TOKEN)),
      413,
      /Payload Too Large.*20000 bytes/,
    ],
    ["invalid JSON", () => post("{not json", bearer(TOKEN)), 400, /Parse error/],
    [
      "a text/plain body",
      () => post(list, { ...bearer(TOKEN), "content-type": "text/plain" }),
      415,
      /Unsupported Media Type/,
    ],
    ["GET /mcp", () => post(undefined, bearer(TOKEN), "GET"), 405, /Method not allowed/],
    ["DELETE /mcp", () => post(undefined, bearer(TOKEN), "DELETE"), 405, /Method not allowed/],
    [
      "a 2026 request without _meta",
      () => post(list, { ...bearer(TOKEN), "mcp-protocol-version": MODERN, "mcp-method": "tools/list" }),
      400,
      /_meta/,
    ],
    [
      "an unknown protocol version header",
      () => post(list, { ...bearer(TOKEN), "mcp-protocol-version": "1999-01-01" }),
      400,
      /Unsupported protocol version: 1999-01-01/,
    ],
    [
      "an unknown protocol version in the envelope",
      () => {
        const { body, headers } = modernCall("LumaApi_GetCalendar", {});
        const envelope = { ...body.params._meta, "io.modelcontextprotocol/protocolVersion": "2027-01-01" };
        return post(
          { ...body, params: { ...body.params, _meta: envelope } },
          { ...bearer(TOKEN), ...headers, "mcp-protocol-version": "2027-01-01" },
        );
      },
      400,
      /2027-01-01/,
    ],
    [
      "a 2026 batch",
      () => {
        const { body, headers } = modernCall("LumaApi_GetCalendar", {});
        return post([body, { ...body, id: 2 }], { ...bearer(TOKEN), ...headers });
      },
      400,
      /batches may not contain requests for protocol revision 2026-07-28/,
    ],
    [
      "a 2026 tools/call whose Mcp-Name disagrees with the body",
      () => {
        const { body, headers } = modernCall("LumaApi_GetCalendar", {});
        return post(body, { ...bearer(TOKEN), ...headers, "mcp-name": "LumaApi_CreateEvent" });
      },
      400,
      /disagree/,
    ],
  ];

  it.each(cases)("%s", async (_name, send, status, message) => {
    const before = standIn.requests.length;
    const answer = await send();
    expect(answer.status, answer.text).toBe(status);
    expect(answer.messages[0]?.error?.message ?? "", answer.text).toMatch(message);
    if (status === 401)
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm="luma-api-mcp"/);
    expect(standIn.requests.length).toBe(before);
    // The server serves on.
    const next = await post(modernCall("LumaApi_GetCalendar", {}).body, {
      ...bearer(TOKEN),
      ...modernCall("LumaApi_GetCalendar", {}).headers,
    });
    expect(next.status).toBe(200);
    expect(standIn.requests.length).toBe(before + 1);
  });

  it("an unknown token is said to be invalid in WWW-Authenticate", async () => {
    const answer = await post(list, bearer("tok-not-one-of-ours-000000"));
    expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="luma-api-mcp", error="invalid_token"');
  });

  it("a 2025 batch is answered whole; tools/call with array arguments gets -32602", async () => {
    const before = standIn.requests.length;
    const batch = await post([list, { jsonrpc: "2.0", id: 8, method: "ping" }], {
      ...bearer(TOKEN),
      "mcp-protocol-version": LEGACY,
    });
    expect(batch.status).toBe(200);
    expect(batch.messages.map((m) => m.id).sort()).toEqual([7, 8]);
    const { body, headers } = modernCall("LumaApi_GetCalendar", {});
    const bad = await post(
      { ...body, params: { ...body.params, arguments: ["x"] } },
      { ...bearer(TOKEN), ...headers },
    );
    expect(bad.messages[0]?.error?.code).toBe(-32602);
    expect(standIn.requests.length).toBe(before);
  });

  it("allowed browser origins pass: a listed one, and loopback pages on a loopback bind", async () => {
    for (const origin of ["https://app.example.com", "http://localhost:6274", "http://127.0.0.1:3000"]) {
      const answer = await post(list, { ...bearer(TOKEN), origin, "mcp-protocol-version": LEGACY });
      expect(answer.status, origin).toBe(200);
    }
  });

  it("an unknown path is 404; /healthz answers 200 without a credential and without touching Luma", async () => {
    const before = standIn.requests.length;
    expect((await raw(replica.url.replace("/mcp", "/other"), list)).status).toBe(404);
    const health = await fetch(replica.url.replace("/mcp", "/healthz"));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    expect(standIn.requests.length).toBe(before);
  });
});

describe("keys and tokens stay secret", () => {
  it("no key or token in any log line or answer", () => {
    expect(seen.length).toBeGreaterThan(20);
    const logs = replica.lines.join("\n");
    expect(logs).toContain("listening on");
    for (const canary of CANARIES) {
      expect(logs.includes(canary), `log has ${canary}`).toBe(false);
      expect(
        seen.filter((text) => text.includes(canary)),
        canary,
      ).toEqual([]);
    }
  });
});

describe("start-up", () => {
  it("warns when listening beyond loopback", async () => {
    const open = await startReplica(["--host", "0.0.0.0", "--sandbox"], {});
    try {
      expect(open.lines.join("\n")).toMatch(/WARNING: listening on 0\.0\.0\.0, so anyone who can reach/);
    } finally {
      await open.stop();
    }
  });

  it("the SIGTERM drain: the call in flight finishes, new requests get 503, exit code 0", async () => {
    const slow = await startStandIn({ delayMs: 1_500 });
    const draining = await startReplica([], { LUMA_BASE_URL: slow.url });
    try {
      const key = { "x-luma-api-key": USER_ONE };
      const inFlight = (() => {
        const { body, headers } = modernCall("LumaApi_GetEventAdminInfo", { event_id: "evt-slow" });
        return raw(draining.url, body, { ...key, ...headers });
      })();
      await new Promise((resolve) => setTimeout(resolve, 400));
      const exit = draining.stop("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await raw(draining.url, modernCall("LumaApi_GetCalendar", {}).body, {
        ...key,
        ...modernCall("LumaApi_GetCalendar", {}).headers,
      });
      expect(refused.status).toBe(503);
      expect(refused.messages[0]?.error?.message).toMatch(/shutting down/);
      const finished = await inFlight;
      expect(finished.status).toBe(200);
      expect(textOf(finished.messages[0]?.result)).toContain("cal-standin");
      expect(await exit).toBe(0);
      expect(slow.requests.map((r) => r.path)).toEqual(["/v1/events/get?event_id=evt-slow"]);
    } finally {
      await draining.stop();
      await slow.close();
    }
  });
});
