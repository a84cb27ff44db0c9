// Replicas behind one public URL sharing a real redis-server (LUMA_REDIS_URL): a person signs in on
// replica A, the code is exchanged on B, and the token works on both; refreshing on A and reusing the old
// refresh token on B revokes the grant for both. Redis holds no key, token or code in the clear, and a
// deployment with another public URL on the same Redis sees none of these grants.
import { Redis } from "ioredis";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Replica, startReplica } from "../support/http.js";
import {
  type Luma,
  launchBrowser,
  STATE_SECRET,
  startCallback,
  startLuma,
  startOAuthServer,
} from "../support/oauth.js";
import {
  authorizationUrl,
  callWith,
  codeFor,
  exchange,
  pkce,
  refresh,
  register,
} from "../support/oauth-raw.js";
import { freePort, startRedis } from "../support/redis.js";

const KEY = "sk-frank-oauth-key-6666";

const redis = await startRedis();
const skip = "skip" in redis ? redis.skip : undefined;
if (skip) console.warn(`test/oauth/replicas.test.ts skipped: ${skip}`);

describe.skipIf(skip !== undefined)("OAuth replicas on one Redis", () => {
  let luma: Luma;
  let a: Replica & { origin: string };
  let b: Replica;
  let other: Replica & { origin: string };
  let browser: BrowserContext;
  let callback: Awaited<ReturnType<typeof startCallback>>;
  let origin: string;
  let bOrigin: string;

  beforeAll(async () => {
    if ("skip" in redis) return;
    luma = await startLuma([KEY]);
    callback = await startCallback();
    a = await startOAuthServer(luma, { LUMA_REDIS_URL: redis.url });
    origin = a.origin;
    // B answers on its own port, under the same public URL (as behind a load balancer).
    const port = await freePort();
    b = await startReplica(["--port", String(port)], {
      LUMA_HTTP_AUTH: "oauth",
      LUMA_PUBLIC_URL: origin,
      LUMA_STATE_SECRET: STATE_SECRET,
      LUMA_BASE_URL: luma.url,
      LUMA_REDIS_URL: redis.url,
    });
    bOrigin = `http://127.0.0.1:${port}`;
    other = await startOAuthServer(luma, { LUMA_REDIS_URL: redis.url });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop(), other?.stop()]);
    await Promise.all([luma?.close(), callback?.close()]);
    if (!("skip" in redis)) redis.child.kill();
  });

  it("both replicas keep their grants in Redis", () => {
    for (const replica of [a, b])
      expect(replica.lines.join("\n")).toMatch(/clients and grants kept in Redis/);
  });

  it("signed in on A, exchanged on B: the token works on both, with the person's key", async () => {
    const client = await register(origin, callback.url);
    const { verifier, challenge } = pkce();
    const code = await codeFor(browser, authorizationUrl(origin, client, challenge), KEY);
    const tokens = await exchange(bOrigin, client, code, verifier, { resource: `${origin}/mcp` });
    expect(tokens.status).toBe(200);
    const token = tokens.body.access_token as string;
    const before = luma.requests.length;
    expect((await callWith(bOrigin, token)).status).toBe(200);
    expect((await callWith(origin, token)).status).toBe(200);
    expect(luma.keys().slice(before)).toEqual([KEY, KEY]);

    // Rotation is shared too: refreshed on A, the old refresh token reused on B revokes the grant on both.
    const next = await refresh(origin, client, tokens.body.refresh_token as string);
    expect(next.status).toBe(200);
    const reuse = await refresh(bOrigin, client, tokens.body.refresh_token as string);
    expect(reuse.body.error).toBe("invalid_grant");
    const sent = luma.requests.length;
    expect((await callWith(origin, next.body.access_token as string)).status).toBe(401);
    expect((await callWith(bOrigin, next.body.access_token as string)).status).toBe(401);
    expect(luma.requests.length).toBe(sent);
  }, 60_000);

  it("Redis holds the key only encrypted and no token in the clear; another public URL sees no grant", async () => {
    const client = await register(origin, callback.url);
    const { verifier, challenge } = pkce();
    const code = await codeFor(browser, authorizationUrl(origin, client, challenge), KEY);
    const tokens = await exchange(origin, client, code, verifier);
    const token = tokens.body.access_token as string;
    const reader = new Redis((redis as { url: string }).url);
    try {
      const names = await reader.keys("luma-api-mcp:oauth:*");
      expect(names.some((name) => name.includes(":account:"))).toBe(true);
      const values = await Promise.all(
        names.map(async (name) =>
          (await reader.type(name)) === "set"
            ? (await reader.smembers(name)).join(" ")
            : await reader.get(name),
        ),
      );
      const dump = `${names.join(" ")} ${values.join(" ")}`;
      for (const secret of [KEY, token, tokens.body.refresh_token as string, code, STATE_SECRET]) {
        expect(dump).not.toContain(secret);
      }
    } finally {
      reader.disconnect();
    }
    const sent = luma.requests.length;
    const elsewhere = await callWith(other.origin, token);
    expect(elsewhere.status).toBe(401);
    expect(luma.requests.length).toBe(sent);
  }, 60_000);
});
