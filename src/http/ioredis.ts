// ioredis, loaded by the Redis state (redis-state.ts) and the OAuth store (oauth/store.ts) with their first
// connection, when LUMA_REDIS_URL is set. A module of src/, so the build treats it as one of its lazy modules.
import * as ioredis from "ioredis";

/** ioredis is CommonJS: its class is the module itself (bundled), or its named export (from source). */
export const Redis = (ioredis.Redis ??
  (ioredis as unknown as { default: typeof ioredis.Redis }).default) as typeof ioredis.Redis;
