// Every secret OAuth mode derives from LUMA_STATE_SECRET, so that all replicas share them and nothing else
// needs distributing: the key that encrypts stored Luma keys (AES-256-GCM), the key that hashes token and
// code ids before they are stored (HMAC-SHA256: a stolen store holds no usable token), the cookie signing
// keys, the CSRF key of the consent form, and the Ed25519 signing key oidc-provider wants for its JWKS.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

const SALT = "luma-api-mcp oauth v1";

function derive(secret: string, purpose: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, SALT, purpose, bytes));
}

export interface OAuthKeys {
  /** Encrypts a Luma key for storage; the result names neither the key nor its length exactly. */
  seal(plain: string): string;
  /** Decrypts what `seal` made; throws when it was tampered with or made under another secret. */
  open(sealed: string): string;
  /** The stored name of a token, code or session id: a keyed hash, from which the id cannot be recovered. */
  hashId(id: string): string;
  /** The consent form's CSRF token for one interaction. */
  csrf(uid: string): string;
  csrfValid(uid: string, token: string): boolean;
  cookieKeys: string[];
  /** oidc-provider's signing key (it signs nothing this server hands out, but must have one), as a JWK. */
  signingJwk: Record<string, unknown>;
}

export function oauthKeys(secret: string): OAuthKeys {
  const sealKey = derive(secret, "luma key encryption");
  const hashKey = derive(secret, "token hashing");
  const csrfKey = derive(secret, "consent csrf");
  // PKCS#8 DER of an Ed25519 private key: this fixed prefix, then the 32-byte seed.
  const der = Buffer.concat([
    Buffer.from("302e020100300506032b657004220420", "hex"),
    derive(secret, "signing key"),
  ]);
  const jwk = createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ format: "jwk" });
  const csrf = (uid: string) => createHmac("sha256", csrfKey).update(uid).digest("base64url");
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", sealKey, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed) {
      if (!sealed.startsWith("v1.")) throw new Error("unknown sealed format");
      const raw = Buffer.from(sealed.slice(3), "base64url");
      const decipher = createDecipheriv("aes-256-gcm", sealKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
    hashId: (id) => createHmac("sha256", hashKey).update(id).digest("base64url"),
    csrf,
    csrfValid(uid, token) {
      const want = Buffer.from(csrf(uid));
      const got = Buffer.from(token);
      return want.length === got.length && timingSafeEqual(want, got);
    },
    cookieKeys: [derive(secret, "cookies").toString("base64url")],
    signingJwk: { ...jwk, kid: createHmac("sha256", hashKey).update("kid").digest("hex").slice(0, 16) },
  };
}
