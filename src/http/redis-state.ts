// Each key's rate budget, Luma's 429 blocks and the repeat guard (with its in-flight calls), kept in Redis
// so that every HTTP replica behind a load balancer sees the same ones. Every decision is one Lua script,
// run atomically by Redis on Redis's own clock (TIME), so replicas with skewed clocks still agree and two
// replicas never both take the last slot or both send the same write.
//
// Redis keys, all under `luma-api-mcp:<key id>:` (the id is a hash of the Luma key, never the key):
//   rate         sorted set: one member per request sent in the last minute, scored by its time (ms)
//   limits       hash: blocked (429 block until, ms), remaining and reset (Luma's own count, until reset)
//   repeat:<sha> hash: at, outcome (in_flight | accepted | unknown), warned (0 | 1)
//   people:<scope> sorted set: one member <uuid>:<people> per write that reached people, scored by its time
//                (ms); scope is "key" or "event:<event id>" (LUMA_CONFIRM_OVER's rolling count)
// Every key expires on its own (a minute, ten minutes), so nothing needs cleaning up.
import { randomUUID } from "node:crypto";
import type { Redis as RedisClient } from "ioredis";
import { type PeopleTally, TALLY_WINDOW_MS } from "../calls/confirm.js";
import { type Outcome, WINDOW_MS as REPEAT_WINDOW_MS, type Repeats } from "../calls/repeat-guard.js";
import { ConfigError } from "../config.js";
import type { Log, Secrets } from "../log.js";
import { UnsendableRequestError } from "../luma/errors.js";
import { WINDOW_MS as RATE_WINDOW_MS, type RateStore } from "../luma/rate-limiter.js";
import type { SharedState } from "./state.js";

const PREFIX = "luma-api-mcp:";
/** How long Luma's 429 block and count are kept: at least the longest block honoured (client.ts). */
const LIMITS_TTL_MS = 11 * 60_000;
/** Longest a Redis command may take before the call is answered without reaching Luma. */
const COMMAND_TIMEOUT_MS = 2_000;
/** When a step Redis did not answer (a settle, a claim's release) is tried again. */
const RETRY_DELAYS_MS = [1_000, 3_000, 8_000];
/** At most one log line about Redis failures per this many ms. */
const LOG_EVERY_MS = 10_000;

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS: rate, limits. ARGV: limit per minute, window ms, member. Answers 0 (slot taken) or ms to wait. */
const TAKE = `${NOW}
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local wait = 0
local limits = redis.call('HMGET', KEYS[2], 'blocked', 'remaining', 'reset')
local blocked = tonumber(limits[1] or '0')
if blocked - now > wait then wait = blocked - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local free = tonumber(oldest[2]) + window - now
  if free > wait then wait = free end
end
local remaining = tonumber(limits[2] or '')
local reset = tonumber(limits[3] or '0')
if remaining ~= nil and remaining <= 0 and now < reset and reset - now > wait then wait = reset - now end
if wait > 0 then return wait end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
if remaining ~= nil and now < reset then redis.call('HINCRBY', KEYS[2], 'remaining', -1) end
return 0`;

/** KEYS: limits. ARGV: ms, ttl. */
const BLOCK = `${NOW}
local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked') or '0')
if now + tonumber(ARGV[1]) > blocked then redis.call('HSET', KEYS[1], 'blocked', now + tonumber(ARGV[1])) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0`;

/** KEYS: limits. ARGV: remaining, reset in ms, ttl. */
const OBSERVE = `${NOW}
redis.call('HSET', KEYS[1], 'remaining', ARGV[1], 'reset', now + tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 0`;

/**
 * KEYS: repeat. ARGV: window ms, in-flight ms. Answers {at, outcome, now} when the call is refused (its twin
 * is in flight, or was made and not yet warned about: marked warned now), or {now} when it may go (recorded
 * in flight). An in-flight record lives only as long as one call can take, should its settle never arrive
 * (the replica died, or Redis stalled).
 */
const BEGIN = `${NOW}
local earlier = redis.call('HMGET', KEYS[1], 'at', 'outcome', 'warned')
if earlier[1] then
  if earlier[2] == 'in_flight' then return {earlier[1], earlier[2], tostring(now)} end
  if earlier[3] == '0' and tonumber(earlier[1]) >= now - tonumber(ARGV[1]) then
    redis.call('HSET', KEYS[1], 'warned', '1')
    return {earlier[1], earlier[2], tostring(now)}
  end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'at', now, 'outcome', 'in_flight', 'warned', '0')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {tostring(now)}`;

/** KEYS: a claim. ARGV: the value its SET wrote. Deletes the claim only if it is still that one. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** KEYS: repeat. ARGV: outcome ('' forgets the call), window ms. */
const SETTLE = `${NOW}
redis.call('DEL', KEYS[1])
if ARGV[1] ~= '' then
  redis.call('HSET', KEYS[1], 'at', now, 'outcome', ARGV[1], 'warned', '0')
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/**
 * KEYS: the scopes' people sets. ARGV: window ms, people to add (0: only count), member. Answers each
 * scope's total within the window, after adding.
 */
const TALLY = `${NOW}
local window = tonumber(ARGV[1])
local add = tonumber(ARGV[2])
local totals = {}
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if add > 0 then
    redis.call('ZADD', key, now, ARGV[3] .. ':' .. add)
    redis.call('PEXPIRE', key, window)
  end
  local sum = 0
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    sum = sum + tonumber(string.match(member, ':(%d+)$'))
  end
  totals[i] = sum
end
return totals`;

type Script = (...args: (string | number)[]) => Promise<unknown>;
interface Scripts {
  lumaTake: Script;
  lumaBlock: Script;
  lumaObserve: Script;
  lumaBegin: Script;
  lumaSettle: Script;
  lumaRelease: Script;
  lumaTally: Script;
}

const unavailable = (what: string) =>
  new UnsendableRequestError(
    `The shared state store (LUMA_REDIS_URL) did not answer while ${what}; nothing was sent to Luma. Try again in a moment.`,
  );

/** Connects to Redis (failing with a clear message when it cannot) and answers each key's stores there. */
export async function connectRedisState(
  url: string,
  log: Log,
  secrets: Secrets,
  /** How long one call can take (longestCallMs): an unsettled in-flight record lives that long. */
  inFlightMs: number,
): Promise<SharedState> {
  // Loaded with the first connection: only a server with LUMA_REDIS_URL needs it.
  const { Redis } = await import("./ioredis.js");
  const redis: RedisClient = new Redis(url, {
    lazyConnect: true,
    // A call must not wait for a Redis that is away: it is answered at once, nothing sent to Luma.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    commandTimeout: COMMAND_TIMEOUT_MS,
  });
  let lastLog = 0;
  const report = (what: string, error: unknown) => {
    const now = Date.now();
    if (now - lastLog < LOG_EVERY_MS) return;
    lastLog = now;
    log(`redis: ${what}: ${secrets.redact(error instanceof Error ? error.message : String(error))}`);
  };
  redis.on("error", (error: unknown) => report("connection", error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError(
      `LUMA_REDIS_URL: cannot reach Redis (${secrets.redact(error instanceof Error ? error.message : String(error))}).`,
    );
  }
  redis.defineCommand("lumaTake", { numberOfKeys: 2, lua: TAKE });
  redis.defineCommand("lumaBlock", { numberOfKeys: 1, lua: BLOCK });
  redis.defineCommand("lumaObserve", { numberOfKeys: 1, lua: OBSERVE });
  redis.defineCommand("lumaBegin", { numberOfKeys: 1, lua: BEGIN });
  redis.defineCommand("lumaSettle", { numberOfKeys: 1, lua: SETTLE });
  redis.defineCommand("lumaRelease", { numberOfKeys: 1, lua: RELEASE });
  // Its number of keys comes first in each call.
  redis.defineCommand("lumaTally", { lua: TALLY });
  const scripts = redis as unknown as Scripts;
  let closed = false;
  const key = (id: string, name: string) => `${PREFIX}${id}:${name}`;

  const rate = (id: string): RateStore => ({
    take: async (limitPerMinute) => {
      try {
        const wait = await scripts.lumaTake(
          key(id, "rate"),
          key(id, "limits"),
          limitPerMinute,
          RATE_WINDOW_MS,
          randomUUID(),
        );
        return Number(wait);
      } catch (error) {
        report("rate budget", error);
        throw unavailable("checking the rate budget");
      }
    },
    block: (ms) => {
      scripts.lumaBlock(key(id, "limits"), Math.ceil(ms), LIMITS_TTL_MS).catch((e) => report("429 block", e));
    },
    observe: (remaining, resetMs) => {
      scripts
        .lumaObserve(key(id, "limits"), Math.floor(remaining), Math.ceil(resetMs), LIMITS_TTL_MS)
        .catch((e) => report("rate count", e));
    },
  });

  const repeats = (id: string): Repeats => ({
    begin: async (callKey) => {
      let answer: unknown;
      try {
        answer = await scripts.lumaBegin(key(id, `repeat:${callKey}`), REPEAT_WINDOW_MS, inFlightMs);
      } catch (error) {
        report("repeat guard", error);
        throw unavailable("checking for an identical earlier call");
      }
      const [at, outcome, now] = answer as string[];
      if (outcome === undefined || now === undefined) return undefined;
      return { at: Number(at), outcome: outcome as Outcome, now: Number(now) };
    },
    settle: async (callKey, outcome) => {
      const settle = () => scripts.lumaSettle(key(id, `repeat:${callKey}`), outcome ?? "", REPEAT_WINDOW_MS);
      try {
        await settle();
      } catch (error) {
        // Redis stalled: tried again once it may answer, so no false "in flight" record outlives the call
        // (at worst it expires after one call's length).
        report("repeat guard (settle)", error);
        retryLater(settle);
      }
    },
  });

  const tally = (id: string): PeopleTally => {
    const run = async (scopes: readonly string[], people: number) => {
      try {
        const keys = scopes.map((scope) => key(id, `people:${scope}`));
        const totals = await scripts.lumaTally(keys.length, ...keys, TALLY_WINDOW_MS, people, randomUUID());
        return (totals as unknown[]).map(Number);
      } catch (error) {
        report("people count", error);
        throw unavailable("counting the people written lately (LUMA_CONFIRM_OVER)");
      }
    };
    return {
      totals: (scopes) => run(scopes, 0),
      add: async (scopes, people) => {
        await run(scopes, people).catch(() => {});
      },
    };
  };

  /**
   * SET NX with the token's own expiry: the first replica to see a token's nonce claims it. When Redis does
   * not answer, the call is refused unsent, and the claim (should the SET still land once Redis wakes) is
   * released, only if it is this claim's: the token then works when sent again.
   */
  const claimOnce = async (nonce: string, expires: number): Promise<boolean> => {
    const ttl = Math.max(1, expires - Date.now());
    const claim = `${PREFIX}token:${nonce}`;
    const mine = randomUUID();
    try {
      return (await redis.set(claim, mine, "PX", ttl, "NX")) === "OK";
    } catch (error) {
      report("confirmation token", error);
      retryLater(() => scripts.lumaRelease(claim, mine));
      throw unavailable("checking the confirmation token");
    }
  };

  /** Runs `step` again after 1, then 3, then 8 seconds, until it succeeds (Redis stalled, then came back). */
  const retryLater = (step: () => Promise<unknown>, attempt = 0) => {
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay === undefined || closed) return;
    setTimeout(() => void step().catch(() => retryLater(step, attempt + 1)), delay).unref();
  };

  return {
    rate,
    repeats,
    tally,
    claimOnce,
    where: "in Redis (LUMA_REDIS_URL), shared by every replica",
    ready: async () => {
      try {
        await redis.ping();
        return undefined;
      } catch (error) {
        report("readiness", error);
        return "the shared state store (LUMA_REDIS_URL) does not answer";
      }
    },
    close: async () => {
      closed = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
