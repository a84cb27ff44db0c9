// Preloaded into each subject of bench/http-memory.mjs (node --expose-gc --import), never into the product:
// on SIGUSR2 it runs a full GC and writes the process's memory on stderr as one `bench-memory {...}` line.
import { getHeapStatistics } from "node:v8";

process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const { malloced_memory: malloced } = getHeapStatistics();
  process.stderr.write(
    `bench-memory ${JSON.stringify({ rss, heapTotal, heapUsed, external, arrayBuffers, malloced })}\n`,
  );
});
