// Clients that identify themselves by a Client ID Metadata Document (an https URL whose JSON the server
// fetches): the SDK v2 client's flow with its metadata served over https on 127.0.0.1, allowed only under
// the test flag; without it, and for private and link-local addresses always, the document is never
// fetched. Also: a token that another deployment (another issuer) issued is refused here.
import type http from "node:http";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "../support/http.js";
import { textOf } from "../support/http.js";
import {
  CALENDAR,
  type Luma,
  launchBrowser,
  MemoryOAuthProvider,
  signIn,
  startCallback,
  startHttps,
  startLuma,
  startOAuthServer,
} from "../support/oauth.js";
import { authorizationUrl, callWith, pkce, tokensFor } from "../support/oauth-raw.js";

const KEY = "sk-erin-oauth-key-5555";

type Server = Replica & { origin: string };
let luma: Luma;
let flagged: Server;
let plain: Server;
let browser: BrowserContext;
let callback: Awaited<ReturnType<typeof startCallback>>;
let metadata: Awaited<ReturnType<typeof startHttps>>;
const fetched: string[] = [];
/** The redirect URIs the document lists (a test may change them). */
let listed: () => string[];

beforeAll(async () => {
  luma = await startLuma([KEY]);
  callback = await startCallback();
  listed = () => [callback.url];
  metadata = await startHttps((req: http.IncomingMessage, res: http.ServerResponse) => {
    fetched.push(req.url ?? "");
    if (req.url === "/oauth/slow.json") return void setTimeout(() => res.end("{}"), 4_000);
    const body = JSON.stringify({
      ...(req.url === "/oauth/big.json" ? { padding: "x".repeat(6_000) } : {}),
      client_id: `${metadata.url}${req.url}`,
      client_name: "CIMD test client",
      redirect_uris: listed(),
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=0" });
    res.end(body);
  });
  flagged = await startOAuthServer(luma, { LUMA_OAUTH_TEST_LOOPBACK_CLIENTS: "1" });
  plain = await startOAuthServer(luma);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([flagged?.stop(), plain?.stop()]);
  await Promise.all([luma?.close(), callback?.close(), metadata?.close()]);
});

describe("Client ID Metadata Documents", () => {
  it("the SDK client signs in with its metadata URL as client_id, and its tools/call reaches Luma with the key", async () => {
    const url = `${metadata.url}/oauth/client.json`;
    const provider = new MemoryOAuthProvider(callback.url, "ignored: the document names it", url);
    const { client, heading } = await signIn(`${flagged.origin}/mcp`, browser, provider, {
      key: KEY,
      access: "read",
    });
    expect(heading).toContain(CALENDAR);
    expect(provider.authorizationUrl?.searchParams.get("client_id")).toBe(url);
    expect(fetched).toContain("/oauth/client.json");
    const before = luma.requests.length;
    const result = await client.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
    expect(textOf(result)).toContain(CALENDAR);
    expect(luma.keys().slice(before)).toEqual([KEY]);
    await client.close();
  }, 60_000);

  it("the consent page names the document's client, marked not verified, with the host vouching for it", async () => {
    const url = `${metadata.url}/oauth/named.json`;
    const page = await browser.newPage();
    try {
      const client = { client_id: url, redirect: callback.url };
      await page.goto(authorizationUrl(flagged.origin, client, pkce().challenge).href);
      const card = (await page.textContent(".card")) ?? "";
      expect(card).toContain("CIMD test client");
      expect(card).toContain("name not verified");
      expect(card).toContain(new URL(metadata.url).host);
      expect(card).toContain(new URL(callback.url).host);
    } finally {
      await page.close();
    }
  }, 30_000);

  it("refuses a redirect URI the document does not list", async () => {
    const url = `${metadata.url}/oauth/other-redirect.json`;
    const client = { client_id: url, redirect: "https://attacker.example/callback" };
    const answer = await fetch(authorizationUrl(flagged.origin, client, pkce().challenge), {
      redirect: "manual",
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
  });

  it("fetches a document once for several sign-ins (cached), and refuses one over 5 KB or slower than 2.5 s", async () => {
    const url = `${metadata.url}/oauth/cached.json`;
    const client = { client_id: url, redirect: callback.url };
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(authorizationUrl(flagged.origin, client, pkce().challenge), {
        redirect: "manual",
      });
      expect(answer.status).toBe(303);
    }
    expect(fetched.filter((path) => path === "/oauth/cached.json")).toHaveLength(1);
    for (const path of ["/oauth/big.json", "/oauth/slow.json"]) {
      const started = Date.now();
      const big = { client_id: `${metadata.url}${path}`, redirect: callback.url };
      const answer = await fetch(authorizationUrl(flagged.origin, big, pkce().challenge), {
        redirect: "manual",
      });
      expect(answer.status, path).toBe(400);
      expect(await answer.text(), path).toContain("invalid_client");
      // Each fetch is cut at 2.5 s (oidc-provider may try the document again while answering the error).
      const tries = fetched.filter((seen) => seen === path).length;
      expect(tries, path).toBeGreaterThan(0);
      expect(Date.now() - started, path).toBeLessThan(tries * 2_500 + 1_400);
    }
  }, 30_000);

  it("never fetches a document from loopback without the test flag, nor from private or link-local addresses", async () => {
    const before = fetched.length;
    const cases = [
      [plain, `${metadata.url}/oauth/loopback.json`],
      [plain, "https://10.1.2.3/oauth/client.json"],
      [plain, "https://169.254.169.254/latest/client.json"],
      [flagged, "https://10.1.2.3/oauth/client.json"],
      [flagged, "https://169.254.169.254/latest/client.json"],
      [flagged, "https://[fe80::1]/client.json"],
    ] as const;
    for (const [server, url] of cases) {
      const started = Date.now();
      const client = { client_id: url, redirect: callback.url };
      const answer = await fetch(authorizationUrl(server.origin, client, pkce().challenge), {
        redirect: "manual",
      });
      expect(answer.status, url).toBe(400);
      expect(await answer.text(), url).toContain("invalid_client");
      // Refused before any connection is tried (an unroutable address would take the 2.5 s fetch timeout).
      expect(Date.now() - started, url).toBeLessThan(2_000);
    }
    expect(fetched.length).toBe(before);
  }, 30_000);
});

describe("another issuer", () => {
  it("refuses a token another deployment issued, though both share the state secret", async () => {
    const tokens = await tokensFor(plain.origin, browser, callback.url, KEY);
    expect((await callWith(plain.origin, tokens.access_token)).status).toBe(200);
    const before = luma.requests.length;
    const elsewhere = await callWith(flagged.origin, tokens.access_token);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.challenge).toContain('error="invalid_token"');
    expect(luma.requests.length).toBe(before);
  }, 60_000);
});
