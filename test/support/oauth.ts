// OAuth mode as people use it: the built server with LUMA_HTTP_AUTH=oauth, a Luma stand-in that knows which
// keys are valid, the official SDK v2 client's OAuth flow (Dynamic Client Registration, or a Client ID
// Metadata Document served over https on 127.0.0.1), and Debian's Chromium, driven by playwright-core,
// filling in the consent page the way a person would.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Client,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from "@modelcontextprotocol/client";
import { type BrowserContext, chromium } from "playwright-core";
import { oauthKeys } from "../../src/http/oauth/crypto.js";
import { privateHost } from "../../src/http/oauth/index.js";
import { type Replica, startReplica } from "./http.js";
import { freePort } from "./redis.js";
import { json, type Seen, type StandIn, startStandIn } from "./stand-in.js";

/** The stored entry's name of an access token: how the server finds it, from which the token cannot be read back. */
export function storedTokenName(token: string): string {
  return `AccessToken:${oauthKeys(STATE_SECRET).hashId(token)}`;
}

export const STATE_SECRET = "test-state-secret-0123456789abcdef-oauth";
export const CALENDAR = "Stand-in calendar";
export const CHROMIUM = "/usr/bin/chromium";

export interface Luma extends StandIn {
  /** Keys Luma accepts; any other key gets 401. */
  valid: Set<string>;
  /** The keys requests carried, in order. */
  keys(): string[];
}

/** A Luma that answers 401 for unknown keys and a small object (a calendar named CALENDAR) otherwise. */
export async function startLuma(valid: string[]): Promise<Luma> {
  const keys = new Set(valid);
  const keyOf = (seen: Seen) => String(seen.headers["x-luma-api-key"] ?? "");
  const luma = await startStandIn((seen, res) => {
    if (!keys.has(keyOf(seen))) return json(res, 401, { message: "Invalid API key" });
    json(res, 200, { id: "cal-standin", name: CALENDAR, entries: [], has_more: false });
  });
  return Object.assign(luma, { valid: keys, keys: () => luma.requests.map(keyOf) });
}

/** The built server in OAuth mode on a port known beforehand (it is part of the issuer). */
export async function startOAuthServer(
  luma: { url: string },
  env: Record<string, string> = {},
  args: string[] = [],
  fixedPort?: number,
): Promise<Replica & { origin: string; stateDir: string; port: number }> {
  const port = fixedPort ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const stateDir = env.LUMA_STATE_DIR ?? mkdtempSync(join(tmpdir(), "luma-oauth-"));
  const replica = await startReplica(["--port", String(port), ...args], {
    LUMA_HTTP_AUTH: "oauth",
    LUMA_PUBLIC_URL: origin,
    LUMA_STATE_SECRET: STATE_SECRET,
    LUMA_STATE_DIR: stateDir,
    LUMA_BASE_URL: luma.url,
    ...env,
  });
  return Object.assign(replica, { origin, stateDir, port });
}

/** An https server on 127.0.0.1 with a fresh self-signed certificate (for a Client ID Metadata Document). */
export async function startHttps(handler: http.RequestListener) {
  const dir = mkdtempSync(join(tmpdir(), "luma-cimd-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  const server = https.createServer(
    { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
    handler,
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Where the browser lands after consent: records the query, answers a plain page. */
export async function startCallback() {
  const hits: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    hits.push(new URL(req.url ?? "/", "http://127.0.0.1").searchParams);
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("You can close this window.");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The SDK's OAuth client provider, in memory, as an app would implement it. */
export class MemoryOAuthProvider implements OAuthClientProvider {
  info: Awaited<ReturnType<OAuthClientProvider["clientInformation"]>>;
  saved: Awaited<ReturnType<OAuthClientProvider["tokens"]>>;
  verifier = "";
  discovery: OAuthDiscoveryState | undefined;
  authorizationUrl: URL | undefined;
  /** The state of the last authorization request, to compare with what comes back. */
  lastState = "";
  constructor(
    readonly redirect: string,
    readonly name = "Test MCP client",
    readonly clientMetadataUrl?: string,
  ) {}
  get redirectUrl() {
    return this.redirect;
  }
  get clientMetadata() {
    return {
      client_name: this.name,
      redirect_uris: [this.redirect],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  state() {
    this.lastState = randomBytes(16).toString("hex");
    return this.lastState;
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: NonNullable<MemoryOAuthProvider["info"]>) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: NonNullable<MemoryOAuthProvider["saved"]>) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  /** Kept beside the verifier, so the SDK checks that the code comes back from the server it was asked of. */
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
}

/** Headless Chromium with a fresh profile (its own --user-data-dir), a phone-sized window, nothing phoning home. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), "luma-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Consent {
  key: string;
  access: "read" | "write";
  /** Saves screenshots of the two steps (key, then confirmation) with these two paths. */
  screenshots?: [string, string];
}

/**
 * A person on the consent page: types the key, picks the access, checks the key, reads the calendar's name
 * and allows. Resolves with the calendar shown on the confirmation step and the page's final URL.
 */
export async function consent(browser: BrowserContext, authorizationUrl: URL, how: Consent) {
  const page = await browser.newPage();
  try {
    await page.goto(authorizationUrl.href);
    await page.fill("#key", how.key);
    if (how.access === "write") await page.check('input[name="access"][value="write"]');
    if (how.screenshots) await page.screenshot({ path: how.screenshots[0], fullPage: true });
    await page.click('button[value="check"]');
    if (!(await page.locator('button[value="allow"]').count())) {
      throw new Error(
        `no confirmation step; the page says: ${(await page.textContent("main"))?.slice(0, 500)}`,
      );
    }
    const confirm = await page.textContent("h1");
    if (how.screenshots) await page.screenshot({ path: how.screenshots[1], fullPage: true });
    await page.click('button[value="allow"]');
    await page.waitForURL(/\/callback\?/);
    return { heading: confirm ?? "", url: new URL(page.url()) };
  } finally {
    await page.close();
  }
}

/**
 * The SDK v2 client's whole flow against `url`: connect (401, discovery, registration or CIMD,
 * redirect), the person consents in Chromium, finishAuth with the code, connect again.
 */
export async function signIn(
  url: string,
  browser: BrowserContext,
  provider: MemoryOAuthProvider,
  how: Consent,
): Promise<{ client: Client; heading: string; callback: URL }> {
  const first = new Client({ name: "oauth-test", version: "0.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  await first.connect(transport).then(
    () => {
      throw new Error("connected without signing in");
    },
    (error: unknown) => {
      if (!(error instanceof UnauthorizedError)) throw error;
    },
  );
  if (!provider.authorizationUrl) throw new Error("the client was not sent to the authorization page");
  const { heading, url: callback } = await consent(browser, provider.authorizationUrl, how);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.search}`);
  await transport.finishAuth(code, callback.searchParams.get("iss") ?? undefined);
  await first.close().catch(() => {});
  const client = new Client({ name: "oauth-test", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: provider }));
  return { client, heading, callback };
}

export { Client, oauthKeys, privateHost, StreamableHTTPClientTransport, UnauthorizedError };
