// Every way a client (confused or hostile) can get OAuth wrong, each refused with nothing sent to Luma:
// a wrong PKCE verifier, a reused code, a redirect URI that does not match, a resource other than this
// server's /mcp, expired and revoked tokens, a reused refresh token (which revokes the whole grant), the
// consent form without its CSRF token, a wrong Luma key on the consent page (nothing stored), a Luma key
// that Luma stops accepting (the grant goes: 401 invalid_token), and a Luma key sent the keys-mode way.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modernCall, type Replica, raw } from "../support/http.js";
import {
  type Luma,
  launchBrowser,
  STATE_SECRET,
  startCallback,
  startLuma,
  startOAuthServer,
  storedTokenName,
} from "../support/oauth.js";
import {
  authorizationUrl,
  callWith,
  codeFor,
  exchange,
  pkce,
  refresh,
  register,
  tokensFor,
} from "../support/oauth-raw.js";

const KEY = "sk-carol-oauth-key-3333";
const LATER_REVOKED = "sk-dave-oauth-key-4444";

let luma: Luma;
let server: Replica & { origin: string; stateDir: string; port: number };
let browser: BrowserContext;
let callback: Awaited<ReturnType<typeof startCallback>>;

beforeAll(async () => {
  luma = await startLuma([KEY, LATER_REVOKED]);
  server = await startOAuthServer(luma);
  browser = await launchBrowser();
  callback = await startCallback();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await luma?.close();
  await callback?.close();
});

/** Runs `step` and checks that Luma received nothing meanwhile (the consent page's own key check aside). */
async function nothingReachesLuma<T>(step: () => Promise<T>): Promise<T> {
  const before = luma.requests.length;
  const result = await step();
  expect(luma.requests.slice(before).map((r) => r.path)).toEqual([]);
  return result;
}

function stateFile(): Record<string, { v: string | string[]; e?: number }> {
  return JSON.parse(readFileSync(join(server.stateDir, "oauth-state.json"), "utf8"));
}

/** How many people's keys are stored. */
function accounts(): number {
  return Object.keys(stateFile()).filter((name) => name.includes(":account:")).length;
}

describe("the token endpoint", () => {
  it("refuses a wrong PKCE verifier, then a second use of the code, and the reuse revokes what the code gave", async () => {
    const client = await register(server.origin, callback.url);
    const { verifier, challenge } = pkce();
    const code = await codeFor(browser, authorizationUrl(server.origin, client, challenge), KEY);
    const wrong = await nothingReachesLuma(() => exchange(server.origin, client, code, pkce().verifier));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("invalid_grant");
    // The failed attempt consumed nothing: the right verifier still works once...
    const good = await exchange(server.origin, client, code, verifier);
    expect(good.status).toBe(200);
    // ...and never twice; the replay revokes the grant, so the token it gave stops working.
    const again = await nothingReachesLuma(() => exchange(server.origin, client, code, verifier));
    expect(again.body.error).toBe("invalid_grant");
    const call = await nothingReachesLuma(() => callWith(server.origin, good.body.access_token as string));
    expect(call.status).toBe(401);
    expect(call.challenge).toContain('error="invalid_token"');
  }, 60_000);

  it("refuses a resource other than this server's /mcp, at the authorization and the token endpoint", async () => {
    const client = await register(server.origin, callback.url);
    const { verifier, challenge } = pkce();
    const elsewhere = authorizationUrl(server.origin, client, challenge, {
      resource: "https://evil.example/mcp",
    });
    const refused = await nothingReachesLuma(() => fetch(elsewhere, { redirect: "manual" }));
    // The error goes back to the (registered) redirect URI, with the issuer.
    const location = new URL(refused.headers.get("location") ?? "", server.origin);
    expect(location.searchParams.get("error")).toBe("invalid_target");
    expect(location.searchParams.get("iss")).toBe(server.origin);

    const code = await codeFor(browser, authorizationUrl(server.origin, client, challenge), KEY);
    const other = await nothingReachesLuma(() =>
      exchange(server.origin, client, code, verifier, { resource: "https://evil.example/mcp" }),
    );
    expect(other.body.error).toBe("invalid_target");
  }, 60_000);

  it("does not send to a redirect URI the client did not register, and takes PKCE S256 only", async () => {
    const client = await register(server.origin, callback.url);
    const { challenge } = pkce();
    const mismatch = authorizationUrl(server.origin, client, challenge, {
      redirect_uri: `${callback.url}/../elsewhere`,
    });
    const answer = await nothingReachesLuma(() => fetch(mismatch, { redirect: "manual" }));
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
    expect(await answer.text()).toContain("redirect_uri did not match");
    const plain = authorizationUrl(server.origin, client, "a".repeat(43), { code_challenge_method: "plain" });
    const plainAnswer = await nothingReachesLuma(() => fetch(plain, { redirect: "manual" }));
    expect(new URL(plainAnswer.headers.get("location") ?? "").searchParams.get("error")).toBe(
      "invalid_request",
    );
    const noPkce = authorizationUrl(server.origin, client, challenge, {
      code_challenge: undefined,
      code_challenge_method: undefined,
    });
    const bare = await nothingReachesLuma(() => fetch(noPkce, { redirect: "manual" }));
    expect(new URL(bare.headers.get("location") ?? "").searchParams.get("error")).toBe("invalid_request");
  }, 60_000);

  it("rotates refresh tokens; reusing an old one revokes the grant and every token it issued", async () => {
    const tokens = await tokensFor(server.origin, browser, callback.url, KEY);
    const next = await refresh(server.origin, tokens, tokens.refresh_token);
    expect(next.body).toMatchObject({ token_type: "Bearer" });
    expect(next.body.refresh_token).not.toBe(tokens.refresh_token);
    expect((await callWith(server.origin, next.body.access_token as string)).status).toBe(200);
    const replay = await nothingReachesLuma(() => refresh(server.origin, tokens, tokens.refresh_token));
    expect(replay.body.error).toBe("invalid_grant");
    const after = await nothingReachesLuma(() => callWith(server.origin, next.body.access_token as string));
    expect(after.status).toBe(401);
    const newest = await nothingReachesLuma(() =>
      refresh(server.origin, tokens, next.body.refresh_token as string),
    );
    expect(newest.body.error).toBe("invalid_grant");
  }, 60_000);

  it("takes a confidential client as claude.ai registers it (client_secret_post): its secret is needed and stored sealed", async () => {
    const client = await register(server.origin, callback.url, "Claude", "client_secret_post");
    expect(client.client_secret).toBeTruthy();
    const secret = client.client_secret as string;
    const { verifier, challenge } = pkce();
    const code = await codeFor(browser, authorizationUrl(server.origin, client, challenge), KEY);
    const without = await nothingReachesLuma(() => exchange(server.origin, client, code, verifier));
    expect(without.body.error).toBe("invalid_client");
    const wrong = await exchange(server.origin, client, code, verifier, { client_secret: `${secret}x` });
    expect(wrong.body.error).toBe("invalid_client");
    const good = await exchange(server.origin, client, code, verifier, { client_secret: secret });
    expect(good.status).toBe(200);
    expect((await callWith(server.origin, good.body.access_token as string)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readFileSync(join(server.stateDir, "oauth-state.json"), "utf8")).not.toContain(secret);
  }, 60_000);

  it("revokes a token on request (RFC 7009)", async () => {
    const tokens = await tokensFor(server.origin, browser, callback.url, KEY);
    const revoked = await fetch(`${server.origin}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.access_token, client_id: tokens.client_id }).toString(),
    });
    expect(revoked.status).toBe(200);
    const call = await nothingReachesLuma(() => callWith(server.origin, tokens.access_token));
    expect(call.status).toBe(401);
    expect(call.challenge).toContain('error="invalid_token"');
  }, 60_000);
});

describe("/mcp", () => {
  it("answers 401 with the resource metadata and scopes without a token, and for an unknown one", async () => {
    const call = modernCall("LumaApi_GetCalendar", {});
    for (const headers of [{}, { authorization: "Bearer not-a-token" }] as Record<string, string>[]) {
      const answer = await nothingReachesLuma(() =>
        raw(`${server.origin}/mcp`, call.body, { ...call.headers, ...headers }),
      );
      expect(answer.status).toBe(401);
      const challenge = answer.headers.get("www-authenticate") ?? "";
      expect(challenge).toContain(
        `resource_metadata="${server.origin}/.well-known/oauth-protected-resource/mcp"`,
      );
      expect(challenge).toContain('scope="luma:read luma:write"');
    }
  });

  it("takes no Luma key the keys-mode way, even a valid one", async () => {
    const call = modernCall("LumaApi_GetCalendar", {});
    for (const headers of [{ "x-luma-api-key": KEY }, { authorization: `Bearer ${KEY}` }] as Record<
      string,
      string
    >[]) {
      const answer = await nothingReachesLuma(() =>
        raw(`${server.origin}/mcp`, call.body, { ...call.headers, ...headers }),
      );
      expect(answer.status).toBe(401);
    }
  });

  it("refuses an expired access token, while the grants kept in LUMA_STATE_DIR outlive a restart", async () => {
    const expiring = await tokensFor(server.origin, browser, callback.url, KEY);
    const lasting = await tokensFor(server.origin, browser, callback.url, KEY);
    expect((await callWith(server.origin, expiring.access_token)).status).toBe(200);
    await server.stop();
    const state = stateFile();
    const name = Object.keys(state).find((key) => key.endsWith(storedTokenName(expiring.access_token)));
    const entry = state[name as string] as { v: string };
    const payload = JSON.parse(entry.v);
    payload.exp = Math.floor(Date.now() / 1000) - 60;
    entry.v = JSON.stringify(payload);
    writeFileSync(join(server.stateDir, "oauth-state.json"), JSON.stringify(state));
    server = await startOAuthServer(luma, { LUMA_STATE_DIR: server.stateDir }, [], server.port);
    const call = await nothingReachesLuma(() => callWith(server.origin, expiring.access_token));
    expect(call.status).toBe(401);
    expect(call.challenge).toContain('error="invalid_token"');
    expect((await callWith(server.origin, lasting.access_token)).status).toBe(200);
    expect((await refresh(server.origin, lasting, lasting.refresh_token)).status).toBe(200);
  }, 60_000);
});

describe("the consent page", () => {
  it("refuses the form without its CSRF token, and with another interaction's", async () => {
    const client = await register(server.origin, callback.url);
    const accountsBefore = accounts();
    const page = await browser.newPage();
    try {
      await page.goto(authorizationUrl(server.origin, client, pkce().challenge).href);
      const action = new URL((await page.getAttribute("form", "action")) as string, server.origin).href;
      const other = "A".repeat(43);
      for (const csrf of [undefined, other]) {
        const form: Record<string, string> = { step: "key", key: KEY, access: "write", action: "check" };
        if (csrf) form.csrf = csrf;
        const answer = await nothingReachesLuma(() =>
          page.request.post(action, { form, headers: { origin: server.origin } }),
        );
        expect(answer.status()).toBe(403);
      }
      // A cross-site post with the right token is refused too (its Origin is not this server).
      const csrf = (await page.getAttribute('input[name="csrf"]', "value")) as string;
      const cross = await nothingReachesLuma(() =>
        page.request.post(action, {
          form: { step: "key", key: KEY, access: "write", action: "check", csrf },
          headers: { origin: "https://evil.example" },
        }),
      );
      expect(cross.status()).toBe(403);
    } finally {
      await page.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(accounts()).toBe(accountsBefore);
  }, 60_000);

  it("says so when Luma refuses the key, and stores nothing", async () => {
    const client = await register(server.origin, callback.url);
    const accountsBefore = accounts();
    const page = await browser.newPage();
    try {
      await page.goto(authorizationUrl(server.origin, client, pkce().challenge).href);
      await page.fill("#key", "sk-not-a-key-of-luma-9999");
      await page.click('button[value="check"]');
      expect(await page.textContent(".error")).toContain("Luma did not accept this key");
      expect(await page.locator('button[value="allow"]').count()).toBe(0);
    } finally {
      await page.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(accounts()).toBe(accountsBefore);
    expect(JSON.stringify(stateFile())).not.toContain("sk-not-a-key-of-luma-9999");
  }, 60_000);

  it("keeps the key only encrypted and the tokens only hashed", async () => {
    const tokens = await tokensFor(server.origin, browser, callback.url, KEY);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = readFileSync(join(server.stateDir, "oauth-state.json"), "utf8");
    expect(text).toContain(":account:");
    for (const secret of [KEY, tokens.access_token, tokens.refresh_token, STATE_SECRET]) {
      expect(text).not.toContain(secret);
    }
  }, 60_000);
});

describe("a key Luma stops accepting", () => {
  it("revokes the grant at Luma's first 401 and the client gets 401 invalid_token, then nothing more is sent", async () => {
    const tokens = await tokensFor(server.origin, browser, callback.url, LATER_REVOKED);
    expect((await callWith(server.origin, tokens.access_token)).status).toBe(200);
    luma.valid.delete(LATER_REVOKED);
    const refused = await callWith(server.origin, tokens.access_token);
    expect(refused.status).toBe(401);
    expect(refused.challenge).toContain('error="invalid_token"');
    await nothingReachesLuma(async () => {
      expect((await callWith(server.origin, tokens.access_token)).status).toBe(401);
      expect((await refresh(server.origin, tokens, tokens.refresh_token)).body.error).toBe("invalid_grant");
    });
    expect(server.lines.join("\n")).not.toContain(LATER_REVOKED);
  }, 60_000);
});
