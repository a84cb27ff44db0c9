// LUMA_HTTP_AUTH=oauth: this server is its own OAuth 2.1 authorization server (Luma has none), so that
// claude.ai, ChatGPT and the mobile apps, which connect to remote MCP servers only through OAuth, can use it.
// oidc-provider (OpenID-certified) does every protocol step: Dynamic Client Registration (RFC 7591),
// Client ID Metadata Documents, authorization code with PKCE S256, resource indicators (RFC 8707: tokens are
// bound to this server's /mcp), `iss` in the authorization response (RFC 9207), refresh-token rotation (a
// reused one revokes its grant) and revocation (RFC 7009). This module adds what is ours: the consent page,
// where a person hands over their Luma key once (checked with Luma, stored encrypted); the Protected
// Resource Metadata (RFC 9728, through the MCP SDK's helper); and the gate of /mcp, which turns a bearer into
// that person's Luma account, or into the 401/403 with the challenge the MCP authorization spec asks for.
//
// The serving code needs two calls: `route` for every path but /mcp, and `admit` for /mcp.
import { lookup } from "node:dns/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BlockList, isIP } from "node:net";
import {
  type AuthInfo,
  bearerAuthChallengeResponse,
  buildOAuthProtectedResourceMetadata,
  getOAuthProtectedResourceMetadataUrl,
  OAuthError,
  OAuthErrorCode,
  verifyBearerToken,
} from "@modelcontextprotocol/server";
import { Agent, type Dispatcher } from "undici";
import type { Account } from "../../calls/call.js";
import type { Config } from "../../config.js";
import type { Log, Secrets } from "../../log.js";
import { LumaClient, type LumaRequest } from "../../luma/client.js";
import { LumaApiError } from "../../luma/errors.js";
import type { ToolSummary } from "../../tools/define.js";
import { keyId } from "../accounts.js";
import type { SharedState } from "../state.js";
import { adapterClass } from "./adapter.js";
import { type ClientView, confirmPage, keyPage, messagePage, pageHeaders } from "./consent.js";
import { oauthKeys } from "./crypto.js";
import { fileKv, type Kv, redisKv } from "./store.js";

export const SCOPE_READ = "luma:read";
export const SCOPE_WRITE = "luma:write";
export const SCOPES = [SCOPE_READ, SCOPE_WRITE] as const;
/** Access tokens live an hour; the refresh token (rotated at each use) keeps a grant going for 30 days. */
export const ACCESS_TOKEN_TTL_S = 3_600;
export const GRANT_TTL_S = 30 * 24 * 3_600;
const CONSENT_PATH = "/oauth/consent/";
const MAX_FORM_BYTES = 8_192;
const MAX_CACHED_GRANTS = 1_000;
/** A key that passed Luma's check waits this long for the person's "Allow". */
const PENDING_TTL_S = 600;

export interface OAuthDeps {
  config: Config;
  secrets: Secrets;
  log: Log;
  /** Luma's base URL (the sandbox's with --sandbox) and the pool to it. */
  baseUrl: string;
  dispatcher: Dispatcher;
  /** Each key's rate budget and repeat guard, as in keys mode (by key id, shared by the key's grants). */
  state: SharedState;
  /** The served tools: a read-only grant may call those with readOnlyHint only. */
  tools: readonly ToolSummary[];
}

export interface Admitted {
  authInfo: AuthInfo;
  /** Call with the MCP handler's answer: when Luma refused the key meanwhile, it becomes a 401. */
  finish(response: Response): Response;
}

export type Admission = { refused: Response } | Admitted;

export interface OAuthFrontDoor {
  /** Answers the OAuth, consent and discovery routes; resolves false for any other path. */
  route(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Who calls /mcp, from the request's headers and body: their account, or the 401/403 answer. */
  admit(headers: IncomingMessage["headers"], body: Buffer | undefined): Promise<Admission>;
  readonly where: string;
  close(): Promise<void>;
}

interface StoredAccount {
  /** The Luma key, sealed with AES-256-GCM under a key derived from LUMA_STATE_SECRET. */
  key: string;
  calendar: string;
}

interface Pending extends StoredAccount {
  write: boolean;
}

/** Addresses a Client ID Metadata Document may never be fetched from (SSRF): loopback, private, link-local. */
const FORBIDDEN = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 3],
] as const)
  FORBIDDEN.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  FORBIDDEN.addSubnet(net, bits, "ipv6");

function forbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return FORBIDDEN.check(mapped, "ipv4");
  return FORBIDDEN.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Whether a CIMD URL's host is on this machine or a private network (by its literal address or its DNS answers). */
export async function privateHost(hostname: string): Promise<boolean> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (isIP(bare)) return forbiddenAddress(bare);
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  try {
    const addresses = await lookup(bare, { all: true, verbatim: true });
    return addresses.length === 0 || addresses.some((a) => forbiddenAddress(a.address));
  } catch {
    return true;
  }
}

function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = String(req.headers["content-type"] ?? "");
  if (!type.startsWith("application/x-www-form-urlencoded")) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** The tool names of the JSON-RPC tools/call requests in an /mcp body (one message or a 2025 batch). */
function calledTools(body: Buffer | undefined): string[] {
  if (!body || body.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return [];
  }
  return [parsed].flat().flatMap((message) => {
    const m = message as { method?: unknown; params?: { name?: unknown } } | null;
    return m && m.method === "tools/call" && typeof m.params?.name === "string" ? [m.params.name] : [];
  });
}

export async function startOAuth(deps: OAuthDeps): Promise<OAuthFrontDoor> {
  const { config, log, secrets } = deps;
  const issuer = config.publicUrl as string;
  const resource = `${issuer}/mcp`;
  const resourceUrl = new URL(resource);
  const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(resourceUrl);
  const keys = oauthKeys(config.stateSecret as string);
  const kv: Kv = config.redisUrl
    ? await redisKv(config.redisUrl)
    : fileKv(config.stateDir ?? ".luma-api-mcp", log);
  // One namespace per issuer: replicas behind one public URL share grants, another deployment on the same
  // Redis sees none of them.
  const prefix = `luma-api-mcp:oauth:${keys.hashId(issuer).slice(0, 12)}:`;
  const accountKey = (id: string) => `${prefix}account:${id}`;
  const pendingKey = (uid: string) => `${prefix}pending:${keys.hashId(uid)}`;
  const writeTools = new Set(
    deps.tools.filter((t) => t.annotations.readOnlyHint !== true).map((t) => t.wireName),
  );

  const { default: Provider, errors, interactionPolicy } = await import("oidc-provider");
  const policy = interactionPolicy.base();
  // Every authorization asks for the Luma key again: a browser session at this server is worth nothing,
  // and a second person on the same browser never inherits the first one's calendar.
  policy
    .get("login")
    ?.checks.add(
      new interactionPolicy.Check("luma_key", "the Luma key is asked for each authorization", (ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const testLoopback = config.oauthTestLoopbackClients;
  const loopbackAgent = testLoopback ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined;

  const provider = new Provider(issuer, {
    adapter: adapterClass(kv, keys, prefix),
    clients: [],
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      // No ID token is ever issued; the one signing key (crypto.ts) is Ed25519.
      id_token_signed_response_alg: "EdDSA",
    },
    // Public clients (none) and, as claude.ai's connectors register, confidential ones (client_secret_post,
    // anthropics/claude-ai-mcp#1043); PKCE is required of both.
    clientAuthMethods: ["none", "client_secret_post", "client_secret_basic"],
    responseTypes: ["code"],
    // Also the Authorization Server's scopes, so that clients may name them when they register.
    scopes: [...SCOPES],
    pkce: { required: () => true },
    cookies: { keys: keys.cookieKeys },
    jwks: { keys: [keys.signingJwk] },
    claims: {},
    routes: {
      authorization: "/oauth/authorize",
      token: "/oauth/token",
      registration: "/oauth/register",
      revocation: "/oauth/revoke",
      jwks: "/oauth/jwks",
      end_session: "/oauth/logout",
      introspection: "/oauth/introspect",
      userinfo: "/oauth/userinfo",
      pushed_authorization_request: "/oauth/par",
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: 60,
      RefreshToken: GRANT_TTL_S,
      Grant: GRANT_TTL_S,
      Session: 3_600,
      Interaction: PENDING_TTL_S,
    },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    expiresWithSession: async () => false,
    findAccount: async (_ctx, sub) =>
      (await kv.get(accountKey(sub))) ? { accountId: sub, claims: async () => ({ sub }) } : undefined,
    interactions: { url: async (_ctx, interaction) => `${CONSENT_PATH}${interaction.uid}`, policy },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      registration: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`resource must be ${resource}`);
          return {
            scope: SCOPES.join(" "),
            audience: resource,
            accessTokenTTL: ACCESS_TOKEN_TTL_S,
            accessTokenFormat: "opaque",
          };
        },
      },
      clientIdMetadataDocument: {
        enabled: true,
        ack: "draft-02",
        allowFetch: async (_ctx, clientId) => {
          const { hostname } = new URL(clientId);
          if (testLoopback && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(hostname)) return true;
          return !(await privateHost(hostname));
        },
      },
    },
    ...(loopbackAgent
      ? {
          // Tests only: the metadata document is served on 127.0.0.1 with a self-signed certificate.
          fetch: (url: string | URL | Request, options?: RequestInit) => {
            const host = new URL(url instanceof Request ? url.url : url).hostname;
            const local = /^(127\.0\.0\.1|localhost|\[::1\])$/.test(host);
            return fetch(url, { ...options, ...(local ? { dispatcher: loopbackAgent } : {}) } as RequestInit);
          },
        }
      : {}),
  });
  // Behind the TLS proxy of an https deployment, the request's scheme comes from X-Forwarded-Proto.
  if (issuer.startsWith("https:")) provider.proxy = true;
  provider.on("server_error", (_ctx, error) => log(`oauth: ${error.message}`));
  const callback = provider.callback();

  // Accounts of grants in use, each with its own Luma client; found by grant id.
  interface Entry {
    key: string;
    /** The key as stored (sealed): the same sealed value means the same key, without decrypting it again. */
    sealed: string;
    account: Account;
    busy: number;
    revoked: boolean;
  }
  const entries = new Map<string, Entry>();

  const revokeGrant = async (grantId: string, accountId: string | undefined, why: string) => {
    const grant = await provider.Grant.find(grantId).catch(() => undefined);
    await Promise.allSettled([
      grant?.destroy(),
      new (adapterClass(kv, keys, prefix))("AccessToken").revokeByGrantId(grantId),
      accountId ? kv.del(accountKey(accountId)) : undefined,
    ]);
    const entry = entries.get(grantId);
    if (entry) entry.revoked = true;
    log(`oauth: grant ${grantId} revoked (${why})`);
  };

  const evict = () => {
    for (const [id, entry] of entries) {
      if (entries.size <= MAX_CACHED_GRANTS) break;
      if (entry.busy > 0) continue;
      entries.delete(id);
    }
  };

  /** The grant's account; decrypts its key only when not cached yet (throws when it cannot). */
  const accountOf = (grantId: string, accountId: string, sealed: string): Entry => {
    const cached = entries.get(grantId);
    if (cached && !cached.revoked && cached.sealed === sealed) {
      entries.delete(grantId);
      entries.set(grantId, cached);
      return cached;
    }
    if (cached) entries.delete(grantId);
    const key = keys.open(sealed);
    const id = keyId(key);
    const entry: Entry = { key, sealed, busy: 0, revoked: false } as Entry;
    // A Luma 401 for a stored key means the person deleted or rotated it: the grant goes, so the client
    // signs in again instead of failing call after call.
    class GrantClient extends LumaClient {
      override async request(req: LumaRequest): Promise<unknown> {
        try {
          return await super.request(req);
        } catch (error) {
          if (error instanceof LumaApiError && error.status === 401) {
            await revokeGrant(grantId, accountId, "Luma refused the stored key");
          }
          throw error;
        }
      }
    }
    const own = secrets.withOwn(key);
    const client = new GrantClient({
      ...config,
      apiKey: key,
      baseUrl: deps.baseUrl,
      secrets: own,
      dispatcher: deps.dispatcher,
      rateStore: deps.state.rate(id),
    });
    // Keyed by the key's id as in keys mode: the key's budget, repeat guard, people count and confirmation
    // tokens are the same whichever grant (or header) carries it.
    entry.account = {
      client,
      secrets: own,
      repeats: deps.state.repeats(id),
      id,
      tally: deps.state.tally(id),
      grant: grantId,
    };
    entries.set(grantId, entry);
    evict();
    return entry;
  };

  const verifier = {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const invalid = (why: string) => new OAuthError(OAuthErrorCode.InvalidToken, why);
      const at = await provider.AccessToken.find(token);
      if (!at?.grantId || !at.accountId) throw invalid("The access token is unknown, expired or revoked");
      const grant = await provider.Grant.find(at.grantId);
      const stored = await kv.get(accountKey(at.accountId));
      if (!grant || !stored) throw invalid("The grant of this access token was revoked; sign in again");
      const audience = Array.isArray(at.aud) ? at.aud[0] : at.aud;
      return {
        token: keys.hashId(token),
        clientId: at.clientId ?? "",
        scopes: (at.scope ?? "").split(" ").filter(Boolean),
        expiresAt: at.exp,
        ...(typeof audience === "string" && URL.canParse(audience) ? { resource: new URL(audience) } : {}),
        extra: { grantId: at.grantId, accountId: at.accountId, stored },
      };
    },
  };

  const challenge = (error: unknown) =>
    bearerAuthChallengeResponse(error, { requiredScopes: [...SCOPES], resourceMetadataUrl });

  const admit = async (headers: IncomingMessage["headers"], body: Buffer | undefined): Promise<Admission> => {
    if (headers["x-luma-api-key"] !== undefined) {
      return {
        refused: challenge(
          new OAuthError(
            OAuthErrorCode.InvalidToken,
            "This server takes OAuth access tokens only (sign in through your MCP client); x-luma-api-key is not accepted",
          ),
        ),
      };
    }
    let authInfo: AuthInfo;
    try {
      authInfo = await verifyBearerToken(headers.authorization, {
        verifier,
        expectedResource: resourceUrl,
        resourceMetadataUrl,
      });
    } catch (error) {
      if (!(error instanceof OAuthError)) log(`oauth: token check failed: ${(error as Error).message}`);
      return { refused: challenge(error) };
    }
    const scopes = new Set(authInfo.scopes);
    const canWrite = scopes.has(SCOPE_WRITE);
    const denied = calledTools(body).find((name) =>
      writeTools.has(name) ? !canWrite : !canWrite && !scopes.has(SCOPE_READ),
    );
    if (denied !== undefined) {
      // The step-up challenge: the client may ask the person for read-and-write access.
      return {
        refused: bearerAuthChallengeResponse(
          new OAuthError(
            OAuthErrorCode.InsufficientScope,
            `${denied.slice(0, 100)} changes your calendar and this grant is read-only; sign in again and choose read and write`,
          ),
          { requiredScopes: [...SCOPES], resourceMetadataUrl },
        ),
      };
    }
    const { grantId, accountId, stored } = authInfo.extra as {
      grantId: string;
      accountId: string;
      stored: string;
    };
    let entry: Entry;
    try {
      entry = accountOf(grantId, accountId, (JSON.parse(stored) as StoredAccount).key);
    } catch {
      await revokeGrant(
        grantId,
        accountId,
        "its stored key cannot be decrypted (LUMA_STATE_SECRET changed?)",
      );
      return {
        refused: challenge(
          new OAuthError(OAuthErrorCode.InvalidToken, "The grant was revoked; sign in again"),
        ),
      };
    }
    entry.busy++;
    let released = false;
    return {
      // This request's token decides the access, not the grant's cached account.
      authInfo: { ...authInfo, extra: { account: { ...entry.account, readOnly: !canWrite }, grantId } },
      finish(response) {
        if (!released) {
          released = true;
          entry.busy--;
          evict();
        }
        if (!entry.revoked) return response;
        return challenge(
          new OAuthError(
            OAuthErrorCode.InvalidToken,
            "Luma no longer accepts the key of this grant; sign in again",
          ),
        );
      },
    };
  };

  const protectedResource = JSON.stringify(
    buildOAuthProtectedResourceMetadata({
      oauthMetadata: {
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        response_types_supported: ["code"],
      },
      resourceServerUrl: resourceUrl,
      scopesSupported: [...SCOPES],
      resourceName: "Luma (luma-api-mcp)",
    }),
  );

  const clientView = async (clientId: string, redirectUri: string | undefined): Promise<ClientView> => {
    const client = await provider.Client.find(clientId);
    let redirectHost = "an unknown address";
    try {
      const url = new URL(redirectUri ?? "");
      redirectHost = url.host || url.protocol;
    } catch {
      // stays unknown
    }
    const name =
      typeof client?.clientName === "string" && client.clientName.trim()
        ? client.clientName.trim().slice(0, 80)
        : "An unnamed app";
    return {
      name,
      redirectHost,
      ...(clientId.startsWith("https://") ? { metadataHost: new URL(clientId).host } : {}),
    };
  };

  const consent = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let details: Awaited<ReturnType<typeof provider.interactionDetails>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return sendText(
        res,
        400,
        messagePage(
          "This sign-in link has expired",
          "It was opened in another browser, used already, or is older than ten minutes. Start again from your app.",
        ),
        pageHeaders(),
      );
    }
    const { uid, params } = details;
    const clientId = String(params.client_id);
    const redirectUri = typeof params.redirect_uri === "string" ? params.redirect_uri : undefined;
    const client = await clientView(clientId, redirectUri);
    const headers = pageHeaders(redirectUri);
    const action = `${CONSENT_PATH}${uid}`;
    const requested = new Set(String(params.scope ?? "").split(" "));
    const writeAsked = requested.has(SCOPE_WRITE);
    const serverHost = new URL(issuer).host;
    const csrf = keys.csrf(uid);
    const keyStep = (status: number, error?: string) =>
      sendText(
        res,
        status,
        keyPage({ client, serverHost, csrf, action, writeAsked, ...(error ? { error } : {}) }),
        headers,
      );

    if (req.method === "GET") return keyStep(200);
    if (req.method !== "POST")
      return sendText(res, 405, messagePage("Not allowed", "Use the form."), {
        ...headers,
        allow: "GET, POST",
      });
    // The form posts from this origin only; a browser always sends Origin on a cross-site POST.
    const origin = req.headers.origin;
    const form = await readForm(req);
    if (
      !form ||
      (origin !== undefined && origin !== issuer) ||
      !keys.csrfValid(uid, form.get("csrf") ?? "")
    ) {
      return sendText(
        res,
        403,
        messagePage(
          "This form was not sent from this page",
          "Nothing was stored. Start again from your app.",
        ),
        headers,
      );
    }
    if (form.get("action") === "deny") {
      await kv.del(pendingKey(uid));
      return provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The person declined." },
        { mergeWithLastSubmission: false },
      );
    }
    if (form.get("step") === "confirm" && form.get("action") === "allow") {
      const text = await kv.get(pendingKey(uid));
      if (!text) return keyStep(400, "That took too long: enter the key again.");
      await kv.del(pendingKey(uid));
      const pending = JSON.parse(text) as Pending;
      const accountId = `acct_${keys.hashId(`${uid}:${Date.now()}:${Math.random()}`).slice(0, 32)}`;
      await kv.set(
        accountKey(accountId),
        JSON.stringify({ key: pending.key, calendar: pending.calendar }),
        GRANT_TTL_S,
      );
      const grant = new provider.Grant({ accountId, clientId });
      const chosen = pending.write ? [SCOPE_READ, SCOPE_WRITE] : [SCOPE_READ];
      grant.addResourceScope(resource, chosen.join(" "));
      grant.addOIDCScope(chosen.join(" "));
      // Asked for and not chosen is rejected, not pending: otherwise the consent prompt would come back.
      const rejected = [...requested].filter(
        (s) => (SCOPES as readonly string[]).includes(s) && !chosen.includes(s),
      );
      if (rejected.length) {
        grant.rejectResourceScope(resource, rejected.join(" "));
        grant.rejectOIDCScope(rejected.join(" "));
      }
      // No ID token is issued: a client that asks for openid anyway gets the grant without it.
      if (requested.has("openid")) grant.rejectOIDCScope("openid");
      const grantId = await grant.save();
      log(`oauth: grant ${grantId} for client ${JSON.stringify(client.name)} (${chosen.join(" ")})`);
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    }
    const key = (form.get("key") ?? "").trim();
    const write = writeAsked && form.get("access") === "write";
    if (key === "" || key.length > 512 || /[^!-~]/.test(key)) {
      return keyStep(
        400,
        "That does not look like a Luma API key: copy it again, without spaces or line breaks.",
      );
    }
    const checker = new LumaClient({
      ...config,
      apiKey: key,
      baseUrl: deps.baseUrl,
      secrets: secrets.withOwn(key),
      dispatcher: deps.dispatcher,
      maxRetryWaitMs: 5_000,
    });
    let calendar: string;
    try {
      const answer = (await checker.request({ method: "GET", path: "/v1/calendars/get" })) as {
        name?: unknown;
      };
      calendar =
        typeof answer?.name === "string" && answer.name.trim()
          ? answer.name.trim().slice(0, 120)
          : "your calendar";
    } catch (error) {
      const refused = error instanceof LumaApiError && (error.status === 401 || error.status === 403);
      return keyStep(
        refused ? 400 : 502,
        refused
          ? "Luma did not accept this key. Nothing was stored. Check that you copied the whole key, and that it is still listed in Luma."
          : "Luma could not be reached to check the key. Nothing was stored. Try again in a moment.",
      );
    }
    const pending: Pending = { key: keys.seal(key), calendar, write };
    await kv.set(pendingKey(uid), JSON.stringify(pending), PENDING_TTL_S);
    return sendText(res, 200, confirmPage({ client, serverHost, csrf, action, calendar, write }), headers);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "/").split("?")[0] as string;
    if (
      path === "/.well-known/oauth-protected-resource" ||
      path === "/.well-known/oauth-protected-resource/mcp"
    ) {
      sendText(res, 200, protectedResource, {
        "content-type": "application/json",
        "access-control-allow-origin": "*",
        "cache-control": "max-age=3600",
      });
      return true;
    }
    if (path === "/.well-known/oauth-authorization-server") {
      // RFC 8414's path, the same document oidc-provider serves as OpenID discovery.
      req.url = `/.well-known/openid-configuration${(req.url ?? "").slice(path.length)}`;
      await callback(req, res);
      return true;
    }
    if (path.startsWith(CONSENT_PATH)) {
      await consent(req, res);
      return true;
    }
    if (path === "/oauth/authorize" && req.method === "GET") {
      // A client that names no scope asks for all of them, and the person chooses on the consent page
      // (oidc-provider would otherwise grant nothing and answer access_denied).
      const url = new URL(req.url ?? "/", issuer);
      if (!url.searchParams.get("scope")) {
        url.searchParams.set("scope", SCOPES.join(" "));
        req.url = `${url.pathname}${url.search}`;
      }
    }
    if (path === "/.well-known/openid-configuration" || path.startsWith("/oauth/")) {
      await callback(req, res);
      return true;
    }
    return false;
  };

  log(`oauth: issuer ${issuer}, resource ${resource}; clients and grants kept ${kv.where}`);
  return {
    route,
    admit,
    where: kv.where,
    close: async () => {
      await Promise.allSettled([kv.close(), loopbackAgent?.close()]);
    },
  };
}
