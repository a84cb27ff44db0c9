// HTTP mode's cache of callers' keys: bounded, least recently used first, never evicting a key a request is
// using, and a caller's key masked in that caller's answers only.
import { describe, expect, it, vi } from "vitest";
import { Accounts, keyId } from "../../src/http/accounts.js";
import { memoryState } from "../../src/http/state.js";
import { Secrets } from "../../src/log.js";
import { RateLimiter } from "../../src/luma/rate-limiter.js";
import { testConfig } from "../support/in-process.js";
import { mockLuma } from "../support/mock-luma.js";

function accounts(max: number) {
  const secrets = new Secrets();
  const luma = mockLuma();
  const cache = new Accounts(
    testConfig(),
    "https://public-api.luma.com",
    luma.agent,
    memoryState(),
    secrets,
    max,
  );
  return { cache, secrets };
}

describe("the cache of callers' keys", () => {
  it("keeps at most `max` keys, evicting the least recently used", () => {
    const { cache } = accounts(2);
    const two = cache.use("sk-key-two-2222");
    two.release();
    cache.use("sk-key-one-1111").release();
    cache.use("sk-key-one-1111").release(); // one is now the most recently used
    cache.use("sk-key-three-3333").release();
    expect(cache.size).toBe(2);
    expect(cache.use("sk-key-two-2222").account).not.toBe(two.account);
  });

  it("never evicts a key a request is still using", () => {
    const { cache } = accounts(1);
    const busy = cache.use("sk-key-busy-4444");
    cache.use("sk-key-other-5555").release();
    expect(cache.use("sk-key-busy-4444").account).toBe(busy.account);
  });

  it("masks a caller's key in that caller's answers only, never in the server's or another caller's", () => {
    const { cache, secrets } = accounts(10);
    const one = cache.use("sk-key-mine-1212").account;
    const other = cache.use("sk-key-else-3434").account;
    expect(one.secrets?.redact("sk-key-mine-1212")).toBe("[redacted]");
    expect(other.secrets?.contains("sk-key-mine-1212")).toBe(false);
    expect(secrets.contains("sk-key-mine-1212")).toBe(false);
    secrets.add("sk-server-own-5656");
    expect(one.secrets?.redact("sk-server-own-5656")).toBe("[redacted]");
  });

  it("gives the same key the same account, and another key its own", () => {
    const { cache } = accounts(10);
    const a = cache.use("sk-key-same-7777");
    const b = cache.use("sk-key-same-7777");
    const c = cache.use("sk-key-else-8888");
    expect(a.account).toBe(b.account);
    expect(c.account).not.toBe(a.account);
    expect(c.account.repeats).not.toBe(a.account.repeats);
  });
});

describe("item 19.2: strangers cannot wipe a key's state by sending many keys", () => {
  it("a key with a block, a spent budget or a remembered write stays; junk keys without state go", async () => {
    const { cache } = accounts(5);
    const victim = cache.use("sk-victim-key-0001");
    const write = "write-fingerprint";
    expect(await victim.account.repeats.begin(write)).toBeUndefined();
    await victim.account.repeats.settle(write, "accepted");
    victim.account.client.limiter.blockFor(60_000);
    victim.release();
    // 1,001 strangers, each sending one request with a junk key.
    for (let i = 0; i < 1_001; i++) cache.use(`sk-junk-${i}-key`).release();
    const again = cache.use("sk-victim-key-0001");
    expect(again.account).toBe(victim.account);
    expect(await again.account.repeats.begin(write)).toMatchObject({ outcome: "accepted" });
    await expect(again.account.client.limiter.acquire(Date.now() + 10)).rejects.toThrow();
    again.release();
    expect(cache.size).toBeLessThanOrEqual(5 + 1);
  });

  it("a key's state expires by time, and then the key may be evicted", () => {
    vi.useFakeTimers({ now: Date.parse("2026-12-03T12:00:00Z") });
    try {
      const { cache } = accounts(1);
      const key = cache.use("sk-expiring-key-01");
      key.account.client.limiter.blockFor(30_000);
      key.release();
      cache.use("sk-junk-a-key").release();
      const held = cache.use("sk-expiring-key-01");
      expect(held.account).toBe(key.account);
      held.release();
      vi.advanceTimersByTime(61_000);
      cache.use("sk-junk-b-key").release();
      expect(cache.use("sk-expiring-key-01").account).not.toBe(key.account);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the in-memory state: one state per key id, whoever asks for it (as in Redis)", () => {
  it("two askers of one key id share one budget and one repeat guard; another id has its own", async () => {
    const state = memoryState();
    const first = state.rate("key-a");
    const second = state.rate("key-a");
    expect(first.take(2)).toBe(0);
    expect(second.take(2)).toBe(0);
    expect(first.take(2)).toBeGreaterThan(0); // the budget of 2 a minute is spent by both together
    expect(state.rate("key-b").take(2)).toBe(0);
    expect(await state.repeats("key-a").begin("write")).toBeUndefined();
    await state.repeats("key-a").settle("write", "accepted");
    expect(await state.repeats("key-a").begin("write")).toMatchObject({ outcome: "accepted" });
    expect(await state.repeats("key-b").begin("write")).toBeUndefined();
  });

  it("drops a key whose state holds nothing any more, and keeps one that still does", () => {
    vi.useFakeTimers({ now: Date.parse("2026-12-03T12:00:00Z") });
    try {
      const state = memoryState();
      state.rate("blocked").block(120_000);
      expect(state.rate("spent").take(1)).toBe(0);
      vi.advanceTimersByTime(61_000);
      // The sweep runs on the next use: the spent minute is over, the block is not.
      expect(state.rate("spent").take(1)).toBe(0);
      expect(state.rate("blocked").take(100)).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the server's own key sent by a caller shares the server's budget (item 19.8), found by its id", async () => {
    const state = memoryState();
    const server = new RateLimiter(600, state.rate(keyId("sk-shared-own-key-1")));
    server.blockFor(60_000);
    const cache = new Accounts(
      testConfig(),
      "https://public-api.luma.com",
      mockLuma().agent,
      state,
      new Secrets(),
      10,
    );
    const caller = cache.use("sk-shared-own-key-1");
    await expect(caller.account.client.limiter.acquire(Date.now() + 10)).rejects.toThrow();
    caller.release();
    const stranger = cache.use("sk-another-key-0002");
    await expect(stranger.account.client.limiter.acquire(Date.now() + 10)).resolves.toBeUndefined();
    stranger.release();
  });
});
