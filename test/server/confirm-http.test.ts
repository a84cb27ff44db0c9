// Confirmation over HTTP as a hostile or replaying caller sees it: the built bin, two replicas sharing Redis,
// and raw 2026-07-28 requests that re-send an answered input request, or carry another caller's token.
// A person's yes sends one write, for the caller it was asked for, on whichever replica it lands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connect,
  ENVELOPE,
  MODERN,
  type Replica,
  raw,
  type StandIn,
  startReplica,
  startStandIn,
  textOf,
} from "../support/http.js";
import { startRedis } from "../support/redis.js";

const KEY_A = "sk-canary-caller-a-1111";
const KEY_B = "sk-canary-caller-b-2222";
const SECRET = "a state secret every replica shares, 32+";
const TOOL = "LumaApi_DeletePersonTag";
const DELETE = "/v1/calendars/contact-tags/delete";
const yes = { confirm: { action: "accept", content: { confirm: true } } };

/** A raw 2026-07-28 tools/call, from a client that declares form elicitation (or not). */
function call(args: Record<string, unknown>, extra: Record<string, unknown> = {}, canAsk = true) {
  const envelope = {
    ...ENVELOPE,
    "io.modelcontextprotocol/clientCapabilities": canAsk ? { elicitation: { form: {} } } : {},
  };
  return {
    body: {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: TOOL, arguments: args, ...extra, _meta: envelope },
    },
    headers: { "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": TOOL },
  };
}

async function send(url: string, key: string, request: ReturnType<typeof call>) {
  const answer = await raw(url, request.body, { ...request.headers, "x-luma-api-key": key });
  return answer.messages[0]?.result ?? {};
}
const resultText = (result: Record<string, unknown>) => textOf(result);

const redis = await startRedis();
const skip = "skip" in redis ? redis.skip : undefined;
if (skip) console.warn(`test/server/confirm-http.test.ts skipped: ${skip}`);

describe.skipIf(skip !== undefined)("confirmation over HTTP, two replicas sharing Redis", () => {
  let standIn: StandIn;
  let a: Replica;
  let b: Replica;
  const deletes = () => standIn.requests.filter((r) => r.path.startsWith(DELETE));

  beforeAll(async () => {
    if ("skip" in redis) return;
    standIn = await startStandIn();
    const env = {
      LUMA_BASE_URL: standIn.url,
      LUMA_REDIS_URL: redis.url,
      LUMA_CONFIRM: "always",
      LUMA_STATE_SECRET: SECRET,
    };
    [a, b] = await Promise.all([startReplica([], env), startReplica([], env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await standIn?.close();
    if (!("skip" in redis)) redis.child.kill();
  });

  it("an answered input request replayed to both replicas sends once", async () => {
    const args = { tag_identifier: "tag-replayed" };
    const asked = await send(a.url, KEY_A, call(args));
    expect(asked.resultType).toBe("input_required");
    const requestState = asked.requestState as string;
    const answered = call(args, { inputResponses: yes, requestState });
    const results = [];
    for (const replica of [a, b, a, b]) results.push(await send(replica.url, KEY_A, answered));
    expect(deletes()).toHaveLength(1);
    expect(results[0]?.isError, resultText(results[0] ?? {})).toBeFalsy();
    for (const replay of results.slice(1)) {
      expect(replay.isError).toBe(true);
      expect(resultText(replay)).toMatch(/^Not sent: this answer was already used/);
    }
  });

  it("caller A's confirmation token sends nothing for caller B", async () => {
    const args = { tag_identifier: "tag-token-a" };
    const preview = await send(a.url, KEY_A, call(args, {}, false));
    const token = /confirmation_token: "([^"]+)"/.exec(resultText(preview))?.[1] as string;
    expect(token).toBeTruthy();
    const stolen = await send(b.url, KEY_B, call({ ...args, confirmation_token: token }, {}, false));
    expect(stolen.isError).toBe(true);
    expect(resultText(stolen)).toMatch(/issued to another caller/);
    expect(deletes().filter((r) => r.body.includes("tag-token-a"))).toHaveLength(0);
    const own = await send(b.url, KEY_A, call({ ...args, confirmation_token: token }, {}, false));
    expect(own.isError, resultText(own)).toBeFalsy();
    expect(deletes().filter((r) => r.body.includes("tag-token-a"))).toHaveLength(1);
  });

  it("caller A's answered input request sends nothing for caller B", async () => {
    const args = { tag_identifier: "tag-state-a" };
    const asked = await send(a.url, KEY_A, call(args));
    const answered = call(args, { inputResponses: yes, requestState: asked.requestState });
    const stolen = await send(b.url, KEY_B, answered);
    expect(stolen.isError).toBe(true);
    expect(resultText(stolen)).toMatch(/another caller/);
    expect(deletes().filter((r) => r.body.includes("tag-state-a"))).toHaveLength(0);
  });

  it("a question's requestState is no confirmation token, and a token is no requestState", async () => {
    const args = { tag_identifier: "tag-swapped" };
    const asked = await send(a.url, KEY_A, call(args));
    const asToken = await send(
      a.url,
      KEY_A,
      call({ ...args, confirmation_token: asked.requestState }, {}, false),
    );
    expect(asToken.isError).toBe(true);
    expect(resultText(asToken)).toMatch(/not a token this server issued/);
    const preview = await send(a.url, KEY_A, call(args, {}, false));
    const token = /confirmation_token: "([^"]+)"/.exec(resultText(preview))?.[1] as string;
    const asState = await send(a.url, KEY_A, call(args, { inputResponses: yes, requestState: token }));
    expect(asState.isError).toBe(true);
    expect(deletes().filter((r) => r.body.includes("tag-swapped"))).toHaveLength(0);
  });

  it("the people one key writes are counted across replicas: the call past LUMA_CONFIRM_OVER is previewed (item 11)", async () => {
    if ("skip" in redis) return;
    const env = {
      LUMA_BASE_URL: standIn.url,
      LUMA_REDIS_URL: redis.url,
      LUMA_CONFIRM_OVER: "15",
      LUMA_STATE_SECRET: SECRET,
    };
    const [c, d] = await Promise.all([startReplica([], env), startReplica([], env)]);
    const headers = { "x-luma-api-key": "sk-canary-tally-key-3333" };
    const one = await connect(c.url, "legacy", headers);
    const two = await connect(d.url, "modern", headers);
    const adds = () => standIn.requests.filter((r) => r.path.startsWith("/v1/events/guests/add"));
    const add = (client: typeof one, from: number) =>
      client.callTool({
        name: "LumaApi_AddEventGuests",
        arguments: {
          mode: "execute",
          request_body: {
            event_id: "evt-tally",
            guests: Array.from({ length: 10 }, (_, i) => ({ email: `t${from + i}@example.com` })),
          },
        },
      });
    try {
      const first = await add(one, 0);
      expect(first.isError, textOf(first)).toBeFalsy();
      const second = await add(two, 10);
      expect(textOf(second)).toMatch(/^Not sent yet: .*reaches 20 people, over LUMA_CONFIRM_OVER \(15\)/);
      expect(adds()).toHaveLength(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await Promise.all([c.stop(), d.stop()]);
    }
  });

  it("a 2025 client that declared elicitation cannot be asked over stateless HTTP: LUMA_CONFIRM=always previews", async () => {
    const client = await connect(
      a.url,
      "legacy",
      { "x-luma-api-key": KEY_A },
      { action: "accept", content: { confirm: true } },
    );
    try {
      const result = await client.callTool({ name: TOOL, arguments: { tag_identifier: "tag-legacy" } });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toMatch(/^Not sent yet: this needs the user's yes \(LUMA_CONFIRM is always\)/);
      expect(deletes().filter((r) => r.body.includes("tag-legacy"))).toHaveLength(0);
    } finally {
      await client.close();
    }
  });
});
