// Keeps every concurrent call of one server under Luma's per-minute budget. Luma answers a burst with 429
// and blocks the key for a whole minute, so waiting a little here is far cheaper than being blocked there.
// Three things can hold a request back: our own count of the last minute, Luma's own count
// (X-RateLimit-Remaining / X-RateLimit-Reset, which also sees the key's other clients), and a block Luma
// announced with 429 + Retry-After. A hold that ends before the call's wait deadline (LUMA_MAX_RETRY_WAIT_MS
// from the call's start, for all its waits together) is waited out; a longer one fails at once.
// The counts live in a RateStore: this process's memory, or Redis when HTTP replicas share one key's budget.
import { setTimeout as sleep } from "node:timers/promises";
import { RateLimitedError } from "./errors.js";

export const WINDOW_MS = 60_000;

/**
 * Where one key's budget is kept: in this process (MemoryRateStore), or shared by every replica of an HTTP
 * deployment (src/http/redis-state.ts). `take` is atomic: two holders never both get the last slot.
 */
export interface RateStore {
  /** Takes a slot now when one is free (answers 0), or answers how long until one may be, in ms. */
  take(limitPerMinute: number): number | Promise<number>;
  /** Luma answered 429: hold every request for `ms`. Never throws; a shared store reports its own failures. */
  block(ms: number): void;
  /** Luma's own count: `remaining` requests until `resetMs` from now. Never throws. */
  observe(remaining: number, resetMs: number): void;
  /** In memory only: whether any count or block still holds (a Redis budget expires on its own). */
  live?(): boolean;
}

export class RateLimiter {
  constructor(
    private readonly limitPerMinute: number,
    private readonly store: RateStore = new MemoryRateStore(),
  ) {}

  /**
   * Takes a slot for one HTTP request, waiting for it until `deadline` (epoch ms) at the latest; a slot
   * that frees later throws RateLimitedError at once.
   */
  async acquire(deadline: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = await this.store.take(this.limitPerMinute);
      if (wait <= 0) return;
      if (Date.now() + wait > deadline) throw new RateLimitedError(Math.ceil(wait / 1000));
      await sleep(wait, undefined, { signal });
    }
  }

  /** Luma answered 429: hold every request until then. */
  blockFor(ms: number): void {
    this.store.block(ms);
  }

  /** Takes Luma's own count from a response's X-RateLimit-Remaining and X-RateLimit-Reset headers. */
  observe(headers: Record<string, string | string[] | undefined>): void {
    const remaining = Number(headers["x-ratelimit-remaining"]);
    const resetMs = resetDelayMs(headers["x-ratelimit-reset"]);
    if (!Number.isFinite(remaining) || resetMs === undefined || resetMs <= 0) return;
    this.store.observe(remaining, Math.min(resetMs, WINDOW_MS));
  }
}

/** One process's budget for one key (stdio, and HTTP without LUMA_REDIS_URL). */
export class MemoryRateStore implements RateStore {
  /** Start times of the requests sent in the last minute, oldest first. */
  private readonly sent: number[] = [];
  /** Until when Luma told us (429 + Retry-After) not to send anything. */
  private blockedUntil = 0;
  /** Luma's own count of what the key may still send, valid until remoteResetAt. */
  private remoteRemaining = Number.POSITIVE_INFINITY;
  private remoteResetAt = 0;

  take(limitPerMinute: number): number {
    const now = Date.now();
    while (this.sent.length > 0 && (this.sent[0] as number) <= now - WINDOW_MS) this.sent.shift();
    let wait = this.blockedUntil - now;
    if (this.sent.length >= limitPerMinute) {
      wait = Math.max(wait, (this.sent[0] as number) + WINDOW_MS - now);
    }
    if (this.remoteRemaining <= 0 && now < this.remoteResetAt)
      wait = Math.max(wait, this.remoteResetAt - now);
    if (wait > 0) return wait;
    this.sent.push(now);
    if (now < this.remoteResetAt) this.remoteRemaining--;
    return 0;
  }

  block(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
  }

  observe(remaining: number, resetMs: number): void {
    this.remoteRemaining = remaining;
    this.remoteResetAt = Date.now() + resetMs;
  }

  live(): boolean {
    const now = Date.now();
    return (
      this.blockedUntil > now || now < this.remoteResetAt || this.sent.some((at) => at > now - WINDOW_MS)
    );
  }
}

/**
 * Luma documents no format for X-RateLimit-Reset; all three common ones are read: an epoch time in seconds
 * or milliseconds, or a delay in seconds.
 */
function resetDelayMs(header: string | string[] | undefined): number | undefined {
  const value = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(value) || value <= 0) return undefined;
  if (value > 1e12) return value - Date.now();
  if (value > 1e9) return value * 1000 - Date.now();
  return value * 1000;
}
