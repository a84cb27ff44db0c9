// Where OAuth mode keeps registered clients, grants, hashed tokens and the encrypted Luma keys: in Redis
// with LUMA_REDIS_URL (every replica sees every grant), or in one file under LUMA_STATE_DIR that survives a
// restart (one process; replicas need Redis). Both expire entries on their own.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Redis as RedisClient } from "ioredis";
import { ConfigError } from "../../config.js";
import type { Log } from "../../log.js";

export interface Kv {
  get(key: string): Promise<string | undefined>;
  /** `ttlSeconds` undefined: kept until deleted. */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  /** Adds `member` to the set at `key`, which then lives at least `ttlSeconds`. */
  addToSet(key: string, member: string, ttlSeconds?: number): Promise<void>;
  members(key: string): Promise<string[]>;
  readonly where: string;
  close(): Promise<void>;
}

interface FileEntry {
  v: string | string[];
  /** Expiry, ms since the epoch. */
  e?: number;
}

const FILE_NAME = "oauth-state.json";
/** Writes are batched this long, so a token exchange (several upserts) is one file write. */
const FLUSH_MS = 25;

/** One JSON file, written whole (to a temporary name, then renamed) shortly after every change. */
export function fileKv(dir: string, log: Log): Kv {
  const path = join(dir, FILE_NAME);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError(`LUMA_STATE_DIR: cannot create ${dir} (${(error as Error).message}).`);
  }
  const entries = new Map<string, FileEntry>();
  try {
    const saved = JSON.parse(readFileSync(path, "utf8")) as Record<string, FileEntry>;
    for (const [key, entry] of Object.entries(saved)) entries.set(key, entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new ConfigError(`LUMA_STATE_DIR: cannot read ${path} (${(error as Error).message}).`);
    }
  }
  let timer: NodeJS.Timeout | undefined;
  let warned = false;
  const flush = () => {
    timer = undefined;
    const now = Date.now();
    const out: Record<string, FileEntry> = {};
    for (const [key, entry] of entries) {
      if (entry.e !== undefined && entry.e <= now) entries.delete(key);
      else out[key] = entry;
    }
    try {
      writeFileSync(`${path}.tmp`, JSON.stringify(out), { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      if (!warned)
        log(
          `LUMA_STATE_DIR: cannot write ${path} (${(error as Error).message}); grants live in memory only.`,
        );
      warned = true;
    }
  };
  const changed = () => {
    timer ??= setTimeout(flush, FLUSH_MS);
  };
  const live = (key: string): FileEntry | undefined => {
    const entry = entries.get(key);
    if (entry?.e !== undefined && entry.e <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const expiry = (ttl?: number) => (ttl === undefined ? undefined : Date.now() + ttl * 1000);
  return {
    get: async (key) => {
      const value = live(key)?.v;
      return typeof value === "string" ? value : undefined;
    },
    set: async (key, value, ttl) => {
      entries.set(key, { v: value, e: expiry(ttl) });
      changed();
    },
    del: async (...keys) => {
      for (const key of keys) entries.delete(key);
      changed();
    },
    addToSet: async (key, member, ttl) => {
      const entry = live(key);
      const set = Array.isArray(entry?.v) ? entry.v : [];
      if (!set.includes(member)) set.push(member);
      const until = expiry(ttl);
      entries.set(key, {
        v: set,
        e: until === undefined || entry?.e === undefined ? undefined : Math.max(until, entry.e),
      });
      changed();
    },
    members: async (key) => {
      const value = live(key)?.v;
      return Array.isArray(value) ? [...value] : [];
    },
    where: `in ${path} (this replica only)`,
    close: async () => {
      if (timer) {
        clearTimeout(timer);
        flush();
      }
    },
  };
}

/** Redis: plain strings and sets with EXPIRE; a command that fails rejects (the request then fails closed). */
export async function redisKv(url: string): Promise<Kv> {
  // Loaded with the first connection: only a server with LUMA_REDIS_URL needs it.
  const { Redis } = await import("../ioredis.js");
  const redis: RedisClient = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    enableOfflineQueue: true,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new ConfigError(
      `LUMA_REDIS_URL: cannot reach Redis for OAuth state (${(error as Error).message}).`,
    );
  }
  return {
    get: async (key) => (await redis.get(key)) ?? undefined,
    set: async (key, value, ttl) => {
      if (ttl === undefined) await redis.set(key, value);
      else await redis.set(key, value, "EX", Math.max(1, Math.ceil(ttl)));
    },
    del: async (...keys) => {
      if (keys.length) await redis.del(...keys);
    },
    addToSet: async (key, member, ttl) => {
      const multi = redis.multi().sadd(key, member);
      if (ttl !== undefined) multi.expire(key, Math.max(1, Math.ceil(ttl)), "GT");
      await multi.exec();
      // EXPIRE GT leaves a key without expiry alone; a new set gets its first expiry here.
      if (ttl !== undefined && (await redis.ttl(key)) < 0) await redis.expire(key, Math.ceil(ttl));
    },
    members: async (key) => redis.smembers(key),
    where: "in Redis (shared by every replica)",
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
