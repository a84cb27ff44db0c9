// Where the HTTP mode keeps each key's rate budget and repeat guard: in this process, or, with
// LUMA_REDIS_URL, in Redis, shared by every replica (src/http/redis-state.ts, loaded only then, so neither
// stdio nor a single replica pays for the Redis client).

import { memoryClaims, memoryTally, type PeopleTally } from "../calls/confirm.js";
import type { ClaimOnce } from "../calls/confirm-setup.js";
import { RepeatGuard, type Repeats } from "../calls/repeat-guard.js";
import type { Log, Secrets } from "../log.js";
import { MemoryRateStore, type RateStore } from "../luma/rate-limiter.js";

export interface SharedState {
  /** A key's rate budget; `id` is the key's hash (accounts.ts), never the key. */
  rate(id: string): RateStore;
  /** A key's repeat guard. */
  repeats(id: string): Repeats;
  /** A key's count of the people its writes reached lately (LUMA_CONFIRM_OVER, see calls/confirm.ts). */
  tally(id: string): PeopleTally;
  /** Marks a confirmation token or an answered question used (see calls/confirm.ts), for every replica. */
  claimOnce: ClaimOnce;
  /** Undefined when calls can be served, else why not (for /readyz). */
  ready(): Promise<string | undefined>;
  /** Says where the state lives, for the start-up line. */
  readonly where: string;
  close(): Promise<void>;
}

/** How often the in-memory state drops the keys whose state no longer holds anything. */
const SWEEP_EVERY_MS = 10_000;

interface KeyState {
  rate: MemoryRateStore;
  repeats: RepeatGuard;
  tally: PeopleTally;
}

/**
 * Each key's state in this process's memory: lost on restart, not seen by other replicas. As in Redis, a
 * key id has one state, whoever asks for it (a caller's x-luma-api-key, an OAuth grant, the server's own
 * key), and it expires by time: what is handed out looks the state up on each use, so dropping a key whose
 * state holds nothing any more loses nothing.
 */
export function memoryState(): SharedState {
  const keys = new Map<string, KeyState>();
  let swept = Date.now();
  const of = (id: string): KeyState => {
    const now = Date.now();
    if (now - swept >= SWEEP_EVERY_MS) {
      swept = now;
      for (const [key, state] of keys) {
        if (!state.rate.live() && !state.repeats.live() && !state.tally.live?.()) keys.delete(key);
      }
    }
    let state = keys.get(id);
    if (!state) {
      state = { rate: new MemoryRateStore(), repeats: new RepeatGuard(), tally: memoryTally() };
      keys.set(id, state);
    }
    return state;
  };
  return {
    rate: (id) => ({
      take: (limit) => of(id).rate.take(limit),
      block: (ms) => of(id).rate.block(ms),
      observe: (remaining, resetMs) => of(id).rate.observe(remaining, resetMs),
      live: () => keys.get(id)?.rate.live() ?? false,
    }),
    repeats: (id) => ({
      begin: (key) => of(id).repeats.begin(key),
      settle: (key, outcome) => of(id).repeats.settle(key, outcome),
      live: () => keys.get(id)?.repeats.live() ?? false,
    }),
    tally: (id) => ({
      totals: (scopes) => of(id).tally.totals(scopes),
      add: (scopes, people) => of(id).tally.add(scopes, people),
      live: () => keys.get(id)?.tally.live?.() ?? false,
    }),
    claimOnce: memoryClaims(),
    where: "in memory (this replica only)",
    ready: async () => undefined,
    close: async () => {},
  };
}

/** The state for LUMA_REDIS_URL, or in memory without it; throws with a clear message when Redis is unreachable. */
export async function openState(
  redisUrl: string | undefined,
  log: Log,
  secrets: Secrets,
  inFlightMs: number,
): Promise<SharedState> {
  if (!redisUrl) return memoryState();
  const { connectRedisState } = await import("./redis-state.js");
  return connectRedisState(redisUrl, log, secrets, inFlightMs);
}
