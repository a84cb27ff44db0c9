// The OAuth part of `npm run bench`: what checking an OAuth access token costs per call. The same
// GetEventAdminInfo as bench/http.mjs, at 1, 10 and 100 concurrent clients, once through a server in keys
// mode (the key in x-luma-api-key) and once through a server in OAuth mode (a bearer token, signed in
// beforehand through the consent form in plain HTTP); overhead = OAuth latency − keys latency, p50 and p99.
// Grants are kept in the state file (no Redis), as a single replica would.

import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { LEVELS, measured, percentile, run, startHttpServer } from "./http.mjs";

const KEY = "bench-oauth-key";
const TOOL = "LumaApi_GetEventAdminInfo";
const META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": { name: "luma-api-mcp-bench", version: "0.0.0" },
  "io.modelcontextprotocol/clientCapabilities": {},
};
const BASE_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2026-07-28",
  "mcp-method": "tools/call",
  "mcp-name": TOOL,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A browser's part, in plain HTTP: registration, the consent form (with its cookies and CSRF token), the code, the token. */
async function signIn(origin) {
  const redirect = "http://127.0.0.1:9/callback";
  const jar = new Map();
  const send = async (url, init = {}) => {
    const response = await fetch(new URL(url, origin), {
      redirect: "manual",
      ...init,
      headers: { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const registered = await fetch(`${origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: "bench",
      redirect_uris: [redirect],
      token_endpoint_auth_method: "none",
    }),
  });
  const { client_id } = await registered.json();
  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${origin}/oauth/authorize`);
  for (const [name, value] of Object.entries({
    response_type: "code",
    client_id,
    redirect_uri: redirect,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    scope: "luma:read luma:write",
    state: "bench",
    resource: `${origin}/mcp`,
  }))
    authorize.searchParams.set(name, value);
  const consentUrl = (await send(authorize)).headers.get("location");
  const page = await (await send(consentUrl)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  const post = (form) =>
    send(consentUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ csrf, ...form }).toString(),
    });
  await (await post({ step: "key", key: KEY, access: "write", action: "check" })).text();
  let next = (await post({ step: "confirm", action: "allow" })).headers.get("location");
  while (next && !next.startsWith(redirect)) next = (await send(next)).headers.get("location");
  const code = new URL(next).searchParams.get("code");
  const token = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      client_id,
      redirect_uri: redirect,
      resource: `${origin}/mcp`,
    }).toString(),
  });
  const { access_token } = await token.json();
  if (!access_token) throw new Error("bench: the OAuth sign-in gave no access token");
  return access_token;
}

export async function oauthFigures(bin, standIn) {
  const common = { LUMA_BASE_URL: standIn.url, LUMA_RATE_LIMIT_PER_MINUTE: "100000000" };
  const stateDir = mkdtempSync(join(tmpdir(), "luma-bench-oauth-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const keys = await startHttpServer(bin, common);
  const oauth = await startHttpServer(
    bin,
    {
      ...common,
      LUMA_HTTP_AUTH: "oauth",
      LUMA_PUBLIC_URL: origin,
      LUMA_STATE_SECRET: randomBytes(32).toString("hex"),
      LUMA_STATE_DIR: stateDir,
    },
    port,
  );
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128, pipelining: 1 });
  let failed = 0;
  const caller = (url, credential) => async (i) => {
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: i,
      method: "tools/call",
      params: { name: TOOL, arguments: { event_id: "evt-bench" }, _meta: META },
    });
    const response = await request(url, {
      method: "POST",
      dispatcher: agent,
      headers: { ...BASE_HEADERS, ...credential },
      body,
    });
    const answer = await response.body.json();
    if (response.statusCode !== 200 || answer.error || answer.result?.isError) failed++;
  };
  try {
    const token = await signIn(origin);
    const viaKey = caller(keys.url, { "x-luma-api-key": KEY });
    const viaToken = caller(oauth.url, { authorization: `Bearer ${token}` });
    await run(10, 500, viaKey);
    await run(10, 500, viaToken);
    const levels = [];
    for (const { clients, calls } of LEVELS) {
      const key = await measured(keys.pid, clients, calls, viaKey);
      const bearer = await measured(oauth.pid, clients, calls, viaToken);
      levels.push({
        clients,
        calls,
        keysP50: percentile(key.times, 50),
        keysP99: percentile(key.times, 99),
        oauthP50: percentile(bearer.times, 50),
        oauthP99: percentile(bearer.times, 99),
        oauthPerSecond: bearer.perSecond,
        keysCpu: key.cpuPerCall,
        oauthCpu: bearer.cpuPerCall,
      });
    }
    if (failed) throw new Error(`${failed} calls failed in the OAuth bench`);
    return { levels };
  } finally {
    await agent.close();
    await Promise.all([keys.close(), oauth.close()]);
    rmSync(stateDir, { recursive: true, force: true });
  }
}
