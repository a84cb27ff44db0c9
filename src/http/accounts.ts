// The callers' own Luma keys in HTTP mode: one LumaClient (its rate budget, 429 blocks) and one repeat guard
// per key, so nothing is ever shared or mixed between keys, in a bounded least-recently-used cache. Entries
// are found by a hash of the key (its id), which is also all that ever names a key in logs and in Redis;
// the key itself lives only inside its client and its own masking child of the server's secrets, so it is
// masked in that caller's answers and never in anyone else's.
import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";
import type { Account } from "../calls/call.js";
import type { Config } from "../config.js";
import type { Secrets } from "../log.js";
import { LumaClient } from "../luma/client.js";
import type { RateStore } from "../luma/rate-limiter.js";
import type { SharedState } from "./state.js";

/** How many callers' keys are kept at once (beyond those with live state); the least recently used goes first. */
export const MAX_CACHED_KEYS = 1_000;

/** A key's id: a hash, the same on every replica, from which the key cannot be recovered. */
export function keyId(key: string): string {
  return createHash("sha256").update("luma-api-mcp key\0").update(key).digest("hex").slice(0, 32);
}

interface Entry {
  account: Account;
  /** The key's rate budget, kept here to ask whether it still holds anything. */
  rate: RateStore;
  /** Requests using it right now: an entry in use is never evicted. */
  busy: number;
}

export interface Lease {
  id: string;
  account: Account;
  release(): void;
}

export class Accounts {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly config: Config,
    private readonly baseUrl: string,
    private readonly dispatcher: Dispatcher,
    private readonly state: SharedState,
    private readonly secrets: Secrets,
    private readonly max = MAX_CACHED_KEYS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The account of `key` for one request; `release` when its response is done. */
  use(key: string): Lease {
    const id = keyId(key);
    let entry = this.entries.get(id);
    if (entry) this.entries.delete(id);
    else entry = this.create(key, id);
    this.entries.set(id, entry);
    entry.busy++;
    this.evict();
    const held = entry;
    let released = false;
    return {
      id,
      account: entry.account,
      release: () => {
        if (released) return;
        released = true;
        held.busy--;
        this.evict();
      },
    };
  }

  private create(key: string, id: string): Entry {
    const secrets = this.secrets.withOwn(key);
    const rate = this.state.rate(id);
    const client = new LumaClient({
      ...this.config,
      apiKey: key,
      baseUrl: this.baseUrl,
      secrets,
      dispatcher: this.dispatcher,
      rateStore: rate,
    });
    return {
      rate,
      account: { client, secrets, repeats: this.state.repeats(id), id, tally: this.state.tally(id) },
      busy: 0,
    };
  }

  /**
   * Beyond `max` keys, the least recently used go first, but never one in use or one whose state still
   * holds something (a spent budget, a 429 block, a remembered write, a people count): that state expires
   * by time, as it does in Redis, so strangers sending many keys cannot wipe it. Past `max`, the cache
   * holds only keys with live state, each for at most its longest window (10 minutes).
   */
  private evict(): void {
    if (this.entries.size <= this.max) return;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.max) break;
      if (entry.busy > 0 || live(entry)) continue;
      this.entries.delete(id);
    }
  }
}

/** Whether a key's in-memory state still holds anything; a shared (Redis) state is never held here. */
function live(entry: Entry): boolean {
  return Boolean(entry.rate.live?.() || entry.account.repeats.live?.() || entry.account.tally?.live?.());
}
