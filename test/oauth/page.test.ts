// The consent page itself: its security headers (a CSP that allows no script and no framing), that a person
// can sign in with JavaScript off, that a hostile client name is shown as text, never as markup, and that
// the audit log names the grant that made a write, never the key.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Replica } from "../support/http.js";
import {
  CALENDAR,
  CHROMIUM,
  type Luma,
  launchBrowser,
  startCallback,
  startLuma,
  startOAuthServer,
} from "../support/oauth.js";
import { authorizationUrl, callWith, codeFor, exchange, pkce, register } from "../support/oauth-raw.js";

const KEY = "sk-grace-oauth-key-7777";

let luma: Luma;
let server: Replica & { origin: string };
let browser: BrowserContext;
let callback: Awaited<ReturnType<typeof startCallback>>;
let auditFile: string;

beforeAll(async () => {
  luma = await startLuma([KEY]);
  auditFile = join(mkdtempSync(join(tmpdir(), "luma-audit-")), "audit.jsonl");
  server = await startOAuthServer(luma, { LUMA_AUDIT_LOG: auditFile, LUMA_CONFIRM: "never" });
  browser = await launchBrowser();
  callback = await startCallback();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await luma?.close();
  await callback?.close();
});

describe("the consent page", () => {
  it("allows no script, no framing, no caching, and posts only to itself and the client's redirect", async () => {
    const client = await register(server.origin, callback.url);
    const page = await browser.newPage();
    try {
      const answer = await page.goto(authorizationUrl(server.origin, client, pkce().challenge).href);
      const headers = answer?.headers() ?? {};
      const csp = headers["content-security-policy"] ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`form-action 'self' ${new URL(callback.url).origin}`);
      expect(csp).not.toContain("script-src");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["cache-control"]).toBe("no-store");
      const html = await page.content();
      expect(html).not.toContain("<script");
      expect(html).toContain('name="viewport"');
      expect(await page.getAttribute("#key", "type")).toBe("password");
    } finally {
      await page.close();
    }
  }, 30_000);

  it("works with JavaScript off", async () => {
    const noScript = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "luma-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled: false,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const client = await register(server.origin, callback.url);
      const { verifier, challenge } = pkce();
      const code = await codeFor(noScript, authorizationUrl(server.origin, client, challenge), KEY, "read");
      const tokens = await exchange(server.origin, client, code, verifier);
      expect(tokens.body.scope).toBe("luma:read");
    } finally {
      await noScript.close();
    }
  }, 60_000);

  it("offers both accesses to a client that names no scope", async () => {
    const client = await register(server.origin, callback.url);
    const { verifier, challenge } = pkce();
    const url = authorizationUrl(server.origin, client, challenge, { scope: undefined });
    const code = await codeFor(browser, url, KEY, "write");
    const tokens = await exchange(server.origin, client, code, verifier);
    expect(tokens.body.scope?.split(" ").sort()).toEqual(["luma:read", "luma:write"]);
  }, 60_000);

  it("shows a hostile client name as text", async () => {
    const name = `<img src=x onerror="alert(1)">"><script>alert(2)</script>`;
    const client = await register(server.origin, callback.url, name);
    const page = await browser.newPage();
    try {
      await page.goto(authorizationUrl(server.origin, client, pkce().challenge).href);
      expect(await page.locator("main img, main script").count()).toBe(0);
      expect(await page.textContent(".who")).toBe(name);
    } finally {
      await page.close();
    }
  }, 30_000);
});

describe("the audit log", () => {
  it("names the grant of each write, never the key or the token", async () => {
    const client = await register(server.origin, callback.url);
    const { verifier, challenge } = pkce();
    const code = await codeFor(browser, authorizationUrl(server.origin, client, challenge), KEY, "write");
    const tokens = await exchange(server.origin, client, code, verifier);
    const token = tokens.body.access_token as string;
    expect((await callWith(server.origin, token)).text).toContain(CALENDAR);
    const write = await callWith(server.origin, token, "LumaApi_CreatePersonTag", {
      mode: "execute",
      request_body: { name: "volunteers", color: "blue" },
    });
    expect(write.status, write.text).toBe(200);
    expect(write.text, write.text).not.toContain("isError");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = readFileSync(auditFile, "utf8").trim().split("\n");
    const entry = JSON.parse(lines.at(-1) as string);
    expect(entry).toMatchObject({ tool: "CreatePersonTag", outcome: "accepted" });
    expect(entry.grant).toBeTruthy();
    expect(server.lines.some((line) => line.includes(`grant ${entry.grant} for client`))).toBe(true);
    const text = readFileSync(auditFile, "utf8");
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(token);
  }, 60_000);
});
