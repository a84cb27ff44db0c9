// Sealed values: small JSON payloads signed with HMAC-SHA256, so a value handed to a client (a confirmation
// token, a round-trip request state) comes back unchanged or is refused. Each is sealed for one purpose: the
// purpose is part of what is signed, so a value sealed as one kind never opens as another (a question's
// request state is no confirmation token). With LUMA_STATE_SECRET every replica signs with the same key and
// accepts the others' values; without it each process makes its own key.
import { nodeCrypto } from "./node-crypto.js";

/** What a sealed value is for: a preview's confirmation token, or the request state of a question. */
export type Purpose = "confirmation token" | "request state";

export class Sealer {
  private madeKey: Buffer | undefined;

  constructor(private readonly secret?: string) {}

  /** Made on first use (see node-crypto.ts). */
  private get key(): Buffer {
    this.madeKey ??= this.secret
      ? nodeCrypto().createHash("sha256").update(`luma-api-mcp state\0${this.secret}`).digest()
      : nodeCrypto().randomBytes(32);
    return this.madeKey;
  }

  seal(purpose: Purpose, payload: Record<string, unknown>): string {
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.mac(purpose, body)}`;
  }

  /** The payload of a value this key sealed for `purpose`, or undefined for anything else. */
  open(purpose: Purpose, sealed: string): Record<string, unknown> | undefined {
    const [body, mac, extra] = sealed.split(".");
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.mac(purpose, body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !nodeCrypto().timingSafeEqual(given, expected)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
      return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(purpose: Purpose, body: string): string {
    return nodeCrypto()
      .createHmac("sha256", this.key)
      .update(purpose)
      .update("\0")
      .update(body)
      .digest("base64url");
  }
}
