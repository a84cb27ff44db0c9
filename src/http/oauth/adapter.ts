// oidc-provider's storage adapter over a Kv (store.ts). Every id is stored only as its keyed hash, and the
// payload without its `jti` (which is the token or code itself for opaque tokens): whoever reads the store
// holds no token, code or session id. A session's id is needed back for findByUid, and a confidential
// client's secret for comparison, so those two are kept encrypted. Grants index their tokens, so revoking a grant (reuse of a rotated refresh token, a Luma 401,
// RFC 7009 revocation) removes every token it issued.
import type { OAuthKeys } from "./crypto.js";
import type { Kv } from "./store.js";

type Payload = Record<string, unknown> & { jti?: string; grantId?: string; uid?: string; consumed?: number };

/** The models whose entries belong to a grant (revokeByGrantId removes them). */
const GRANTABLE = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
]);

export function adapterClass(kv: Kv, keys: OAuthKeys, prefix: string) {
  const grantKey = (grantId: string) => `${prefix}grant-members:${keys.hashId(grantId)}`;
  const uidKey = (uid: string) => `${prefix}session-uid:${keys.hashId(uid)}`;

  return class Adapter {
    constructor(readonly model: string) {}

    key(id: string): string {
      return `${prefix}${this.model}:${keys.hashId(id)}`;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const { jti: _jti, ...rest } = payload;
      const stored: Payload = this.model === "Session" ? { ...rest, sealedId: keys.seal(id) } : rest;
      // A confidential client's secret is compared in the clear by oidc-provider: kept sealed, opened on find.
      if (this.model === "Client" && typeof stored.client_secret === "string") {
        stored.client_secret = `sealed:${keys.seal(stored.client_secret)}`;
      }
      const key = this.key(id);
      await kv.set(key, JSON.stringify(stored), expiresIn);
      if (GRANTABLE.has(this.model) && typeof payload.grantId === "string") {
        await kv.addToSet(grantKey(payload.grantId), key, expiresIn);
      }
      if (this.model === "Session" && typeof payload.uid === "string") {
        await kv.set(uidKey(payload.uid), key, expiresIn);
      }
    }

    private async load(key: string, id?: string): Promise<Payload | undefined> {
      const text = await kv.get(key);
      if (!text) return undefined;
      const { sealedId, ...payload } = JSON.parse(text) as Payload & { sealedId?: string };
      if (typeof payload.client_secret === "string" && payload.client_secret.startsWith("sealed:")) {
        payload.client_secret = keys.open(payload.client_secret.slice("sealed:".length));
      }
      const jti = id ?? (typeof sealedId === "string" ? keys.open(sealedId) : undefined);
      return jti === undefined ? payload : { ...payload, jti };
    }

    async find(id: string): Promise<Payload | undefined> {
      const payload = await this.load(this.key(id), id);
      if (!payload) return undefined;
      // Registered clients and grants keep their own id fields; tokens get theirs back.
      return this.model === "Client" || this.model === "Grant" ? payload : { ...payload, jti: id };
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const key = await kv.get(uidKey(uid));
      return key ? this.load(key) : undefined;
    }

    async findByUserCode(): Promise<undefined> {
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const key = this.key(id);
      const text = await kv.get(key);
      if (!text) return;
      const payload = JSON.parse(text) as Payload;
      payload.consumed = Math.floor(Date.now() / 1000);
      const exp = typeof payload.exp === "number" ? payload.exp - payload.consumed : undefined;
      await kv.set(key, JSON.stringify(payload), exp !== undefined && exp > 0 ? exp : undefined);
    }

    async destroy(id: string): Promise<void> {
      await kv.del(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const members = await kv.members(grantKey(grantId));
      await kv.del(...members, grantKey(grantId));
    }
  };
}
