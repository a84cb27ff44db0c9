// Sealed tokens: small JSON payloads signed with HMAC-SHA256, so a value handed to a client (a confirmation
// token, a round-trip request state) comes back unchanged or is refused. With LUMA_STATE_SECRET every
// replica signs with the same key and accepts the others' tokens; without it each process makes its own key.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export class Sealer {
  private readonly key: Buffer;

  constructor(secret?: string) {
    this.key = secret
      ? createHash("sha256").update(`luma-api-mcp state\0${secret}`).digest()
      : randomBytes(32);
  }

  seal(payload: Record<string, unknown>): string {
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.mac(body)}`;
  }

  /** The payload of a token this key sealed, or undefined for anything else. */
  open(token: string): Record<string, unknown> | undefined {
    const [body, mac, extra] = token.split(".");
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
      return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}
