// Scale-out on a real Redis: two HTTP replicas (two server processes) with LUMA_REDIS_URL share one key's
// rate budget and repeat guard. Starts its own redis-server on a free port; skips, saying why, only where
// redis-server cannot start (not installed: the Debian package redis-server, which .ci/run installs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedisState } from "../../src/http/redis-state.js";
import type { SharedState } from "../../src/http/state.js";
import { Secrets } from "../../src/log.js";
import {
  connect,
  modernCall,
  type Replica,
  raw,
  type StandIn,
  startReplica,
  startStandIn,
  textOf,
} from "../support/http.js";
import { freePort, startRedis } from "../support/redis.js";

const KEY = "sk-canary-shared-replicas-3333";

const redis = await startRedis();
const skip = "skip" in redis ? redis.skip : undefined;
if (skip) console.warn(`test/http/redis.test.ts skipped: ${skip}`);

describe.skipIf(skip !== undefined)("two replicas sharing Redis (LUMA_REDIS_URL)", () => {
  let standIn: StandIn;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    if ("skip" in redis) return;
    standIn = await startStandIn();
    const env = {
      LUMA_BASE_URL: standIn.url,
      LUMA_REDIS_URL: redis.url,
      LUMA_RATE_LIMIT_PER_MINUTE: "3",
      LUMA_MAX_RETRY_WAIT_MS: "1",
    };
    [a, b] = await Promise.all([startReplica([], env), startReplica([], env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await standIn?.close();
    if (!("skip" in redis)) redis.child.kill();
  });

  const read = async (replica: Replica, id: string) => {
    const { body, headers } = modernCall("LumaApi_GetEventAdminInfo", { event_id: id });
    const answer = await raw(replica.url, body, { ...headers, "x-luma-api-key": KEY });
    return answer.messages[0]?.result as { isError?: boolean; content: { text: string }[] };
  };

  it("both replicas say their state is in Redis", () => {
    for (const replica of [a, b]) expect(replica.lines.join("\n")).toMatch(/per-key state in Redis/);
  });

  it("the budget is shared: three calls spread over both pass, the fourth on either is refused unsent", async () => {
    const before = standIn.requests.length;
    expect((await read(a, "evt-r1")).isError).toBeFalsy();
    expect((await read(b, "evt-r2")).isError).toBeFalsy();
    expect((await read(a, "evt-r3")).isError).toBeFalsy();
    for (const replica of [b, a]) {
      const refused = await read(replica, "evt-r4");
      expect(refused.isError).toBe(true);
      expect(refused.content[0]?.text).toMatch(/Luma's rate limit is reached/);
    }
    expect(standIn.requests.slice(before).map((r) => r.path.replace(/.*event_id=/, ""))).toEqual([
      "evt-r1",
      "evt-r2",
      "evt-r3",
    ]);
  });

  it("another key's budget is its own, also in Redis", async () => {
    const { body, headers } = modernCall("LumaApi_GetEventAdminInfo", { event_id: "evt-other" });
    const answer = await raw(b.url, body, { ...headers, "x-luma-api-key": "sk-canary-another-key-4444" });
    expect(answer.messages[0]?.result).toBeDefined();
    expect(answer.messages[0]?.result?.isError).toBeFalsy();
  });

  it("an identical write sent to replica B after replica A is refused, unsent", async () => {
    // A fresh key: the budget of KEY is spent.
    const headers = { "x-luma-api-key": "sk-canary-writer-key-5555" };
    const args = { mode: "execute", request_body: { name: "replicated tag", color: "blue" } };
    const first = await connect(a.url, "legacy", headers);
    const second = await connect(b.url, "modern", headers);
    try {
      const before = standIn.requests.length;
      const sent = await first.callTool({ name: "LumaApi_CreatePersonTag", arguments: args });
      expect(sent.isError, textOf(sent)).toBeFalsy();
      const repeated = await second.callTool({ name: "LumaApi_CreatePersonTag", arguments: args });
      expect(repeated.isError).toBe(true);
      expect(textOf(repeated)).toMatch(
        /Not sent: an identical CreatePersonTag was sent less than a minute ago/,
      );
      expect(standIn.requests.length).toBe(before + 1);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it("while a write is in flight on replica A, the same write on replica B is refused", async () => {
    const slow = await startStandIn({ delayMs: 1_000 });
    const env = { LUMA_BASE_URL: slow.url, LUMA_REDIS_URL: "skip" in redis ? "" : redis.url };
    const [c, d] = await Promise.all([startReplica([], env), startReplica([], env)]);
    try {
      const headers = { "x-luma-api-key": "sk-canary-inflight-key-6666" };
      // The stand-in answers a body that says "slow" after a second.
      const args = { mode: "execute", request_body: { name: "slow tag", color: "red" } };
      const one = await connect(c.url, "modern", headers);
      const two = await connect(d.url, "modern", headers);
      const first = one.callTool({ name: "LumaApi_CreatePersonTag", arguments: args });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await two.callTool({ name: "LumaApi_CreatePersonTag", arguments: args });
      expect(textOf(second)).toMatch(/is being sent right now/);
      expect((await first).isError, textOf(await first)).toBeFalsy();
      expect(slow.requests).toHaveLength(1);
      await Promise.all([one.close(), two.close()]);
    } finally {
      await Promise.all([c.stop(), d.stop()]);
      await slow.close();
    }
  });

  it("LUMA_CONFIRM=always: a preview's token works on the other replica (LUMA_STATE_SECRET), and only once", async () => {
    const env = {
      LUMA_BASE_URL: standIn.url,
      LUMA_REDIS_URL: "skip" in redis ? "" : redis.url,
      LUMA_CONFIRM: "always",
      LUMA_STATE_SECRET: "a state secret every replica shares",
    };
    const [c, d] = await Promise.all([startReplica([], env), startReplica([], env)]);
    const headers = { "x-luma-api-key": "sk-canary-confirm-key-7777" };
    const one = await connect(c.url, "legacy", headers);
    const two = await connect(d.url, "modern", headers);
    try {
      const args = { tag_identifier: "tag-doomed" };
      // The preview reads the tag's name (a GET); only writes are counted.
      const writes = () => standIn.requests.filter((request) => request.method === "POST").length;
      const before = writes();
      const preview = await one.callTool({ name: "LumaApi_DeletePersonTag", arguments: args });
      expect(textOf(preview)).toMatch(/^Not sent yet/);
      const token = /confirmation_token: "([^"]+)"/.exec(textOf(preview))?.[1] as string;
      const sent = await two.callTool({
        name: "LumaApi_DeletePersonTag",
        arguments: { ...args, confirmation_token: token },
      });
      expect(sent.isError, textOf(sent)).toBeFalsy();
      const replayed = await one.callTool({
        name: "LumaApi_DeletePersonTag",
        arguments: { ...args, confirmation_token: token },
      });
      expect(textOf(replayed)).toMatch(/already used/);
      expect(writes()).toBe(before + 1);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await Promise.all([c.stop(), d.stop()]);
    }
  });

  it("warns at start that replicas without one LUMA_STATE_SECRET refuse each other's confirmations (item 19.7)", () => {
    for (const replica of [a, b]) {
      expect(replica.lines.join("\n")).toMatch(
        /WARNING: LUMA_REDIS_URL is set but LUMA_STATE_SECRET is not: .*refused on another/,
      );
    }
  });

  it("no key in any replica's log", () => {
    const logs = [...a.lines, ...b.lines].join("\n");
    expect(logs).not.toMatch(/sk-canary/);
  });
});

describe("an unreachable LUMA_REDIS_URL", () => {
  it("stops the start with a clear message (exit 2), naming no secret", async () => {
    const port = await freePort();
    const password = "redis-canary-password-7777";
    await expect(
      startReplica([], { LUMA_REDIS_URL: `redis://:${password}@127.0.0.1:${port}`, LUMA_SANDBOX: "1" }),
    ).rejects.toThrow(/exited with 2 before listening:[\s\S]*LUMA_REDIS_URL: cannot reach Redis/);
    await startReplica([], {
      LUMA_REDIS_URL: `redis://:${password}@127.0.0.1:${port}`,
      LUMA_SANDBOX: "1",
    }).catch((error: Error) => expect(error.message).not.toContain(password));
  });
});

describe.skipIf(skip !== undefined)("a Redis that stalls (SIGSTOP) and comes back (issue 19 item 4)", () => {
  let stalling: Awaited<ReturnType<typeof startRedis>>;
  let state: SharedState;
  const lines: string[] = [];

  beforeAll(async () => {
    stalling = await startRedis();
    if ("skip" in stalling) throw new Error(stalling.skip);
    state = await connectRedisState(stalling.url, (line) => lines.push(line), new Secrets(), 1_500);
  });

  afterAll(async () => {
    await state?.close();
    if (stalling && !("skip" in stalling)) {
      stalling.child.kill("SIGCONT");
      stalling.child.kill();
    }
  });

  const pause = () => !("skip" in stalling) && stalling.child.kill("SIGSTOP");
  const resume = () => !("skip" in stalling) && stalling.child.kill("SIGCONT");

  it("an in-flight record whose settle never came lives one call's length, not the 10-minute window", async () => {
    const repeats = state.repeats("stall-key");
    expect(await repeats.begin("call-1")).toBeUndefined();
    // No settle: the replica died, or Redis stalled while it settled.
    expect(await repeats.begin("call-1")).toMatchObject({ outcome: "in_flight" });
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(await repeats.begin("call-1")).toBeUndefined();
    await repeats.settle("call-1", undefined);
  });

  it("a settle Redis did not answer is done once Redis is back: the identical retry goes", async () => {
    const repeats = state.repeats("stall-key");
    expect(await repeats.begin("call-2")).toBeUndefined();
    pause();
    await repeats.settle("call-2", undefined); // the call gave up: nothing was sent
    resume();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await repeats.begin("call-2")).toBeUndefined();
    await repeats.settle("call-2", undefined);
  });

  it("a confirmation token checked while Redis stalled is not burnt: it works once Redis is back", async () => {
    const expires = Date.now() + 60_000;
    pause();
    await expect(state.claimOnce("nonce-stalled", expires)).rejects.toThrow(/nothing was sent/);
    resume();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await state.claimOnce("nonce-stalled", expires)).toBe(true);
    expect(await state.claimOnce("nonce-stalled", expires)).toBe(false);
  });

  it("readiness says when Redis does not answer, and recovers", async () => {
    expect(await state.ready()).toBeUndefined();
    pause();
    expect(await state.ready()).toMatch(/does not answer/);
    resume();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await state.ready()).toBeUndefined();
  });
});
