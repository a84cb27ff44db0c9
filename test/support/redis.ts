// A throwaway redis-server on a free port for the tests that share state between HTTP replicas, or why
// there is none (redis-server not installed: the Debian package, which .ci/run installs).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server (no persistence), or why there is none. */
export async function startRedis(): Promise<{ url: string; child: ChildProcess } | { skip: string }> {
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    return { skip: "redis-server is not installed (apt-get install redis-server; .ci/run does it)" };
  }
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5_000);
    child.stdout?.on("data", () => {
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    child.kill();
    return { skip: `redis-server did not start: ${output.slice(-300)}` };
  }
  return { url: `redis://127.0.0.1:${port}`, child };
}
