// HTTP mode's cache of callers' keys: bounded, least recently used first, never evicting a key a request is
// using, and a key stays masked exactly as long as something holds it.
import { describe, expect, it } from "vitest";
import { Accounts } from "../../src/http/accounts.js";
import { memoryState } from "../../src/http/state.js";
import { Secrets } from "../../src/log.js";
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
  it("keeps at most `max` keys, evicting the least recently used, and unmasks an evicted key", () => {
    const { cache, secrets } = accounts(2);
    cache.use("sk-key-one-1111").release();
    cache.use("sk-key-two-2222").release();
    cache.use("sk-key-one-1111").release(); // one is now the most recently used
    cache.use("sk-key-three-3333").release();
    expect(cache.size).toBe(2);
    expect(secrets.contains("sk-key-two-2222")).toBe(false);
    expect(secrets.contains("sk-key-one-1111")).toBe(true);
    expect(secrets.contains("sk-key-three-3333")).toBe(true);
  });

  it("never evicts a key a request is still using", () => {
    const { cache, secrets } = accounts(1);
    const busy = cache.use("sk-key-busy-4444");
    cache.use("sk-key-other-5555").release();
    expect(secrets.contains("sk-key-busy-4444")).toBe(true);
    busy.release();
    cache.use("sk-key-third-6666").release();
    expect(secrets.contains("sk-key-busy-4444")).toBe(false);
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

describe("Secrets.remove", () => {
  it("unmasks a secret only when its last holder lets it go", () => {
    const secrets = new Secrets();
    secrets.add("sk-held-twice-9999");
    secrets.add("sk-held-twice-9999");
    secrets.remove("sk-held-twice-9999");
    expect(secrets.redact("sk-held-twice-9999")).toBe("[redacted]");
    secrets.remove("sk-held-twice-9999");
    expect(secrets.contains("sk-held-twice-9999")).toBe(false);
  });
});
