// Who is calling, over HTTP in keys mode: the credential a request's headers carry (the caller's own Luma
// key, this server's token, or a refusal), and the 401 challenge that names the realm. OAuth mode decides
// this in src/http/oauth/ instead (its gate runs after the body is read, in src/http/serve.ts).
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** Longest credential taken; a longer header is a mistake (or an attack), refused before anything else. */
const MAX_CREDENTIAL_CHARS = 512;
/** The realm named in WWW-Authenticate. */
export const REALM = "luma-api-mcp";
/** What a request's headers ask for: the server's own key, the caller's own key, or a refusal. */
export type Credential =
  | { kind: "server" }
  | { kind: "own"; key: string }
  | { kind: "refused"; status: 400 | 401; message: string; invalidToken?: boolean };

/**
 * The one rule for credentials (docs/http.md, "Keys and tokens"):
 * - `x-luma-api-key: K` is always the caller's own Luma key K.
 * - `Authorization: Bearer B`: with LUMA_HTTP_TOKENS set, B must be one of the tokens, and selects the
 *   server's LUMA_API_KEY (any other B is refused: an unknown token); without tokens, B is the caller's own
 *   Luma key.
 * - Both headers at once are refused (which one was meant is unclear), and so is neither, unless the
 *   server runs against its sandbox, where an anonymous request uses the sandbox's key.
 */
export function credentialOf(
  headers: { authorization?: string | undefined; lumaKey?: string | undefined },
  tokens: readonly string[],
  anonymous: boolean,
): Credential {
  const { authorization, lumaKey } = headers;
  if (authorization !== undefined && lumaKey !== undefined) {
    return {
      kind: "refused",
      status: 400,
      message:
        "Send one credential, not both: x-luma-api-key (your Luma key) or Authorization: Bearer (a token, or your key).",
    };
  }
  if (lumaKey !== undefined) {
    const key = lumaKey.trim();
    if (key === "" || key.length > MAX_CREDENTIAL_CHARS || /[^!-~]/.test(key)) {
      return { kind: "refused", status: 401, message: "x-luma-api-key must hold your Luma API key." };
    }
    // This server's token is not a Luma key: forwarding it to Luma would hand the server's secret out.
    if (tokens.some((token) => sameSecret(token, key))) {
      return {
        kind: "refused",
        status: 401,
        message:
          "That is one of this server's LUMA_HTTP_TOKENS, not a Luma key: send it as Authorization: Bearer <token>.",
      };
    }
    return { kind: "own", key };
  }
  if (authorization !== undefined) {
    const bearer = /^Bearer +([!-~]+) *$/i.exec(authorization)?.[1];
    if (!bearer || bearer.length > MAX_CREDENTIAL_CHARS) {
      return {
        kind: "refused",
        status: 401,
        message: `Authorization must read "Bearer <${tokens.length ? "token" : "your Luma API key"}>".`,
      };
    }
    if (tokens.length === 0) return { kind: "own", key: bearer };
    if (tokens.some((token) => sameSecret(token, bearer))) return { kind: "server" };
    return {
      kind: "refused",
      status: 401,
      invalidToken: true,
      message:
        "Unknown token: the bearer is not one of this server's LUMA_HTTP_TOKENS. To use your own Luma key, send it as x-luma-api-key.",
    };
  }
  if (anonymous) return { kind: "server" };
  return {
    kind: "refused",
    status: 401,
    message: `No credential: send your Luma API key as x-luma-api-key${
      tokens.length
        ? ", or this server's token as Authorization: Bearer <token>"
        : " or Authorization: Bearer <key>"
    }.`,
  };
}

/** Compares two secrets in time that does not depend on where they differ. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The credential of a request's headers (see credentialOf). */
export function requestCredential(
  headers: IncomingHttpHeaders,
  tokens: readonly string[],
  anonymous: boolean,
): Credential {
  return credentialOf(
    { authorization: headers.authorization, lumaKey: headerValue(headers["x-luma-api-key"]) },
    tokens,
    anonymous,
  );
}

/** The WWW-Authenticate challenge of a refused credential (401 only). */
export function challengeOf(credential: Credential & { kind: "refused" }): Record<string, string> {
  if (credential.status !== 401) return {};
  return {
    "www-authenticate": `Bearer realm="${REALM}"${credential.invalidToken ? ', error="invalid_token"' : ""}`,
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}
