// The OAuth steps one at a time, in plain HTTP, so that a test can get one of them wrong on purpose (the
// hostile or confused client): registration, the authorization request with PKCE, the token exchange,
// refresh and revocation.
import { createHash, randomBytes } from "node:crypto";
import type { BrowserContext } from "playwright-core";
import { modernCall, raw } from "./http.js";

export interface Registered {
  client_id: string;
  redirect: string;
  /** A confidential client's (client_secret_post), as claude.ai's connectors register. */
  client_secret?: string;
}

export async function register(
  origin: string,
  redirect: string,
  name = "Raw client",
  authMethod = "none",
): Promise<Registered> {
  const response = await fetch(`${origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: [redirect],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: authMethod,
      scope: "luma:read luma:write",
    }),
  });
  if (response.status !== 201) throw new Error(`registration: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { client_id: string; client_secret?: string };
  return {
    client_id: body.client_id,
    redirect,
    ...(body.client_secret ? { client_secret: body.client_secret } : {}),
  };
}

export function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizationUrl(
  origin: string,
  client: { client_id: string; redirect: string },
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): URL {
  const url = new URL(`${origin}/oauth/authorize`);
  const params: Record<string, string | undefined> = {
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: client.redirect,
    code_challenge: challenge,
    code_challenge_method: "S256",
    scope: "luma:read luma:write",
    state: randomBytes(8).toString("hex"),
    resource: `${origin}/mcp`,
    ...overrides,
  };
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** The person consents in the browser; resolves with the code from the redirect. */
export async function codeFor(
  browser: BrowserContext,
  url: URL,
  key: string,
  access: "read" | "write" = "write",
): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(url.href);
    await page.fill("#key", key);
    if (access === "write") await page.check('input[name="access"][value="write"]');
    await page.click('button[value="check"]');
    await page.click('button[value="allow"]');
    await page.waitForURL(/\/callback\?/);
    const code = new URL(page.url()).searchParams.get("code");
    if (!code) throw new Error(`no code: ${page.url()}`);
    return code;
  } finally {
    await page.close();
  }
}

export interface TokenAnswer {
  status: number;
  body: {
    access_token?: string;
    refresh_token?: string;
    scope?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
}

export async function tokenRequest(origin: string, form: Record<string, string>): Promise<TokenAnswer> {
  const response = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as TokenAnswer["body"] };
}

export function exchange(
  origin: string,
  client: Registered,
  code: string,
  verifier: string,
  extra: Record<string, string> = {},
) {
  return tokenRequest(origin, {
    grant_type: "authorization_code",
    code,
    code_verifier: verifier,
    client_id: client.client_id,
    redirect_uri: client.redirect,
    resource: `${origin}/mcp`,
    ...extra,
  });
}

export function refresh(origin: string, client: Registered, refreshToken: string) {
  return tokenRequest(origin, {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: client.client_id,
    resource: `${origin}/mcp`,
  });
}

/** Signs in all the way and returns the tokens. */
export async function tokensFor(
  origin: string,
  browser: BrowserContext,
  redirect: string,
  key: string,
  access: "read" | "write" = "write",
) {
  const client = await register(origin, redirect);
  const { verifier, challenge } = pkce();
  const code = await codeFor(browser, authorizationUrl(origin, client, challenge), key, access);
  const answer = await exchange(origin, client, code, verifier);
  if (answer.status !== 200) throw new Error(`token: ${JSON.stringify(answer.body)}`);
  return {
    ...client,
    ...answer.body,
    access_token: answer.body.access_token as string,
    refresh_token: answer.body.refresh_token as string,
  };
}

/** A 2026-07-28 tools/call (GetCalendar by default) with `token`, as raw HTTP. */
export async function callWith(
  origin: string,
  token: string,
  name = "LumaApi_GetCalendar",
  args: Record<string, unknown> = {},
) {
  const call = modernCall(name, args);
  const answer = await raw(`${origin}/mcp`, call.body, { ...call.headers, authorization: `Bearer ${token}` });
  return {
    status: answer.status,
    challenge: answer.headers.get("www-authenticate") ?? "",
    text: answer.text,
  };
}
