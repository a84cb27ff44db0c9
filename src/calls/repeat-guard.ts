// Stops the commonest way an agent double-books: sending the same non-idempotent write twice, because it
// retried blindly or lost track of an earlier answer. An identical call within the window is refused once,
// with what happened the first time and the read tool that shows it; the same call made again after that
// goes through, so a deliberate repeat costs one extra call and no extra parameter in every tool's schema.
// While an identical call is still waiting for Luma's answer, every repeat is refused.
import { nodeCrypto } from "../node-crypto.js";
import { WIRE_PREFIX } from "../tools/contract.js";

export const WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 1_000;

/**
 * What became of the earlier identical call: still waiting for Luma's answer, accepted, or unknown
 * (timeout, 5xx).
 */
export type Outcome = "in_flight" | "accepted" | "unknown";

export interface Earlier {
  at: number;
  outcome: Outcome;
  warned: boolean;
}

/** Why a call is held back: its identical twin, and the clock that judged it (the store's, for Redis). */
export interface Held {
  at: number;
  outcome: Outcome;
  now: number;
}

/**
 * What tools/call needs of a repeat guard: this process's RepeatGuard, or one shared by every replica of an
 * HTTP deployment (src/http/redis-state.ts), whose answers come asynchronously. `begin` is atomic: of two
 * identical calls at once, one goes and the other is held back (the pipeline words why, refusalText).
 * `settle` never throws.
 */
export interface Repeats {
  begin(key: string): Held | undefined | Promise<Held | undefined>;
  settle(key: string, outcome: "accepted" | "unknown" | undefined): void | Promise<void>;
  /** In memory only: whether any call is still remembered (a Redis guard expires on its own). */
  live?(): boolean;
}

/** The refusal for a call whose identical twin is `earlier` (in flight, or made and not yet warned about). */
export function refusalText(
  earlier: Pick<Earlier, "at" | "outcome">,
  now: number,
  tool: { name: string; readWith?: string },
): string {
  const check = tool.readWith ? ` Check with ${WIRE_PREFIX}${tool.readWith} first.` : "";
  if (earlier.outcome === "in_flight") {
    return `Not sent: an identical ${tool.name} is being sent right now and Luma has not answered it yet; sending it again would do it twice. Wait for that call's answer.${check}`;
  }
  const minutes = Math.round((now - earlier.at) / 60_000);
  const ago = minutes < 1 ? "less than a minute ago" : `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const what = earlier.outcome === "accepted" ? "Luma accepted it" : "its outcome is unknown";
  return `Not sent: an identical ${tool.name} was sent ${ago} and ${what}; sending it again would do it twice (another event, coupon or email).${check} If it should be done again, call again with the same arguments.`;
}

export class RepeatGuard implements Repeats {
  private readonly earlier = new Map<string, Earlier>();

  constructor(private readonly windowMs = WINDOW_MS) {}

  /** The key of one call: the tool and its body, whatever the order of the body's fields. */
  static key(tool: string, body: unknown): string | undefined {
    let json: string;
    try {
      json = canonicalJson(body);
    } catch {
      return undefined; // Too deep to encode: the client refuses to send it anyway.
    }
    return nodeCrypto().createHash("sha256").update(tool).update("\0").update(json).digest("base64url");
  }

  /**
   * Before sending: the identical call that holds this one back (in flight, or made and not yet warned
   * about); otherwise undefined, and the call counts as in flight until `settle`.
   */
  begin(key: string): Held | undefined {
    const now = Date.now();
    this.forgetBefore(now - this.windowMs);
    const earlier = this.earlier.get(key);
    if (earlier?.outcome === "in_flight") return { at: earlier.at, outcome: earlier.outcome, now };
    if (earlier && !earlier.warned) {
      earlier.warned = true;
      return { at: earlier.at, outcome: earlier.outcome, now };
    }
    this.remember(key, "in_flight");
    return undefined;
  }

  /** After sending: what came of it; `undefined` forgets the call (Luma refused it, or it never left). */
  settle(key: string, outcome: "accepted" | "unknown" | undefined): void {
    this.earlier.delete(key);
    if (outcome) this.remember(key, outcome);
  }

  live(): boolean {
    this.forgetBefore(Date.now() - this.windowMs);
    return this.earlier.size > 0;
  }

  private remember(key: string, outcome: Outcome): void {
    this.earlier.delete(key);
    this.earlier.set(key, { at: Date.now(), outcome, warned: false });
    if (this.earlier.size > MAX_REMEMBERED) this.earlier.delete(this.earlier.keys().next().value as string);
  }

  private forgetBefore(cutoff: number): void {
    // Insertion order is time order (remember re-inserts), so the oldest come first. A call still in flight
    // is kept, however long it takes.
    for (const [key, earlier] of this.earlier) {
      if (earlier.at >= cutoff) break;
      if (earlier.outcome !== "in_flight") this.earlier.delete(key);
    }
  }
}

/** JSON with object keys sorted, so {a, b} and {b, a} are the same call. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}
