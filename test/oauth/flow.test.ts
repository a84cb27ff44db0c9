// The sign-in as people do it: the official SDK v2 client registers (DCR), is sent to the consent page, a
// person in Chromium hands over their Luma key and picks read only or read and write, and the client's
// tools/call then reaches Luma with that person's key; a read-only grant lists only the read tools and
// gets 403 insufficient_scope for a write.

import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TOOLS, READ_ONLY_TOOLS, wireNames } from "../support/catalog.js";
import { type Replica, raw, textOf } from "../support/http.js";
import {
  CALENDAR,
  type Luma,
  launchBrowser,
  MemoryOAuthProvider,
  signIn,
  startCallback,
  startLuma,
  startOAuthServer,
} from "../support/oauth.js";

const ALICE = "sk-alice-oauth-key-1111";
const BOB = "sk-bob-oauth-key-2222";
const READ_TOOL = "LumaApi_GetCalendar";
const WRITE_TOOL = wireNames(DEFAULT_TOOLS.filter((t) => t.annotations.readOnlyHint !== true))[0] as string;

let luma: Luma;
let server: Replica & { origin: string };
let browser: BrowserContext;
let callback: Awaited<ReturnType<typeof startCallback>>;

beforeAll(async () => {
  luma = await startLuma([ALICE, BOB]);
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

describe("discovery", () => {
  it("serves the Protected Resource Metadata at both paths and the Authorization Server Metadata", async () => {
    for (const path of [
      "/.well-known/oauth-protected-resource",
      "/.well-known/oauth-protected-resource/mcp",
    ]) {
      const prm = await (await fetch(`${server.origin}${path}`)).json();
      expect(prm).toMatchObject({
        resource: `${server.origin}/mcp`,
        authorization_servers: [server.origin],
        scopes_supported: ["luma:read", "luma:write"],
      });
    }
    const asm = (await (
      await fetch(`${server.origin}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(asm).toMatchObject({
      issuer: server.origin,
      code_challenge_methods_supported: ["S256"],
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
      registration_endpoint: `${server.origin}/oauth/register`,
      revocation_endpoint: `${server.origin}/oauth/revoke`,
    });
    expect(asm.token_endpoint_auth_methods_supported).toContain("none");
    expect(asm.scopes_supported).toEqual(expect.arrayContaining(["luma:read", "luma:write"]));
    const openid = (await (await fetch(`${server.origin}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
    };
    expect(openid.issuer).toBe(server.origin);
  });
});

describe("sign in with Dynamic Client Registration", () => {
  it("read and write: the consent page names the calendar, and tools/call reaches Luma with that person's key", async () => {
    const provider = new MemoryOAuthProvider(callback.url, "Alice's agent");
    const {
      client,
      heading,
      callback: landed,
    } = await signIn(`${server.origin}/mcp`, browser, provider, {
      key: ALICE,
      access: "write",
      // LUMA_DOCS_SCREENSHOTS=1 refreshes the pictures in docs/remote.md.
      ...(process.env.LUMA_DOCS_SCREENSHOTS
        ? { screenshots: ["docs/oauth-consent-key.png", "docs/oauth-consent-allow.png"] as [string, string] }
        : {}),
    });
    expect(heading).toContain(CALENDAR);
    // RFC 9207: the authorization response names its issuer; the state comes back.
    expect(landed.searchParams.get("iss")).toBe(server.origin);
    expect(landed.searchParams.get("state")).toBe(provider.lastState);
    expect(provider.saved?.scope?.split(" ").sort()).toEqual(["luma:read", "luma:write"]);
    expect(provider.saved?.refresh_token).toBeTruthy();
    // Access tokens are short-lived: an hour.
    expect(provider.saved?.expires_in).toBe(3600);
    const listed = await client.listTools();
    expect(listed.tools.map((t) => t.name)).toEqual(wireNames(DEFAULT_TOOLS));
    const before = luma.requests.length;
    const result = await client.callTool({ name: READ_TOOL, arguments: {} });
    expect(textOf(result)).toContain(CALENDAR);
    expect(luma.keys().slice(before)).toEqual([ALICE]);
    await client.close();
  }, 60_000);

  it("read only: lists only the read tools, a write gets 403 insufficient_scope and reaches nothing", async () => {
    const provider = new MemoryOAuthProvider(callback.url, "Bob's agent");
    const { client } = await signIn(`${server.origin}/mcp`, browser, provider, { key: BOB, access: "read" });
    expect(provider.saved?.scope).toBe("luma:read");
    const listed = await client.listTools();
    expect(listed.tools.map((t) => t.name)).toEqual(wireNames(READ_ONLY_TOOLS));
    const before = luma.requests.length;
    const read = await client.callTool({ name: READ_TOOL, arguments: {} });
    expect(textOf(read)).toContain(CALENDAR);
    expect(luma.keys().slice(before)).toEqual([BOB]);

    const token = provider.saved?.access_token as string;
    const sent = luma.requests.length;
    const write = await raw(
      `${server.origin}/mcp`,
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: WRITE_TOOL, arguments: {} } },
      { authorization: `Bearer ${token}`, "mcp-protocol-version": "2025-11-25" },
    );
    expect(write.status).toBe(403);
    const challenge = write.headers.get("www-authenticate") ?? "";
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="luma:read luma:write"');
    expect(challenge).toContain(
      `resource_metadata="${server.origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(luma.requests.length).toBe(sent);
    await client.close();
  }, 60_000);
});
