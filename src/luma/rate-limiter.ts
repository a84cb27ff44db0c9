// Keeps every concurrent call of one server under Luma's per-minute budget. Luma answers a burst with 429
// and blocks the key for a whole minute, so waiting a little here is far cheaper than being blocked there.
import { setTimeout as sleep } from "node:timers/promises";
import { RateLimitedError } from "./errors.js";

const WINDOW_MS = 60_000;

export class RateLimiter {
  /** Start times of the requests sent in the last minute, oldest first. */
  private readonly sent: number[] = [];
  /** Until when Luma told us (429 or X-RateLimit-Remaining: 0) not to send anything. */
  private blockedUntil = 0;

  constructor(
    private readonly limitPerMinute: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Waits for a slot; fails at once when the wait would be longer than maxWaitMs or Luma has blocked us. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.blockedUntil) throw new RateLimitedError(Math.ceil((this.blockedUntil - now) / 1000));
      while (this.sent.length > 0 && (this.sent[0] as number) <= now - WINDOW_MS) this.sent.shift();
      if (this.sent.length < this.limitPerMinute) {
        this.sent.push(now);
        return;
      }
      const wait = (this.sent[0] as number) + WINDOW_MS - now;
      if (wait > this.maxWaitMs) throw new RateLimitedError(Math.ceil(wait / 1000));
      await sleep(wait, undefined, { signal });
    }
  }

  /** Luma blocks the key: refuse every call until then instead of hitting Luma again. */
  blockFor(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
  }

  /** Adapts to Luma's own count, which also sees the key's other clients. */
  observe(headers: Record<string, string | string[] | undefined>): void {
    const remaining = Number(headers["x-ratelimit-remaining"]);
    const reset = Number(headers["x-ratelimit-reset"]);
    if (!Number.isFinite(remaining) || remaining > 0 || !Number.isFinite(reset) || reset <= 0) return;
    // Luma documents neither form: a large number is an epoch time (s), a small one a delay (s).
    const resetMs = reset > 1e9 ? reset * 1000 - Date.now() : reset * 1000;
    if (resetMs > 0) this.blockFor(Math.min(resetMs, WINDOW_MS));
  }
}
