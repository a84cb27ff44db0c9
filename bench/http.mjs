// The HTTP part of `npm run bench`: the built server with --http against the stand-in Luma, one
// GetEventAdminInfo per request on the 2026-07-28 wire (a stateless POST with the _meta envelope, the
// caller's key in x-luma-api-key), at 1, 10 and 100 concurrent clients. Each level also sends the same
// number of requests straight to the stand-in at the same concurrency: overhead = server latency minus
// direct latency, at p50 and p99. Then 100k calls at 100 concurrent, with the server's RSS before and after.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "undici";
import { readMemory } from "../scripts/lib/stdio-client.mjs";

export const LEVELS = [
  { clients: 1, calls: Number(process.env.BENCH_HTTP_CALLS_1 ?? 1_000) },
  { clients: 10, calls: Number(process.env.BENCH_HTTP_CALLS_10 ?? 5_000) },
  { clients: 100, calls: Number(process.env.BENCH_HTTP_CALLS_100 ?? 5_000) },
];
const SOAK_CALLS = Number(process.env.BENCH_HTTP_SOAK_CALLS ?? 100_000);
const KEY = "bench-http-key";
const META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": { name: "luma-api-mcp-bench", version: "0.0.0" },
  "io.modelcontextprotocol/clientCapabilities": {},
};
const TOOL = "LumaApi_GetEventAdminInfo";
const HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2026-07-28",
  "mcp-method": "tools/call",
  "mcp-name": TOOL,
  "x-luma-api-key": KEY,
};

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** `node <bin> --http --port <port>` with `env`; resolves to its URL and pid once it listens. */
export function startHttpServer(bin, env, port = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "--http", "--port", String(port)], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    let listening = false;
    const early = (code) => reject(new Error(`--http exited with ${code}: ${log}`));
    child.on("error", reject);
    child.on("exit", early);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const url = /listening on (http:\/\/\S+\/mcp)/.exec(log)?.[1];
      if (url && !listening) {
        listening = true;
        child.off("exit", early);
        resolve({
          url,
          pid: child.pid,
          close: () =>
            new Promise((done) => {
              child.once("exit", done);
              child.kill("SIGTERM");
            }),
        });
      }
    });
  });
}

/** `calls` requests made by `clients` concurrent loops of `send(i)`; answers each latency in ms. */
export async function run(clients, calls, send) {
  const times = [];
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const i = next++;
      const started = process.hrtime.bigint();
      await send(i);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { times, perSecond: calls / seconds };
}

/** A process's CPU time so far (user + system), in ms, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Runs `send` like run(), and also answers the server's CPU time per call (robust on a busy machine). */
export async function measured(pid, clients, calls, send) {
  const before = cpuMs(pid);
  const result = await run(clients, calls, send);
  const after = cpuMs(pid);
  return {
    ...result,
    cpuPerCall: before === undefined || after === undefined ? NaN : (after - before) / calls,
  };
}

export async function httpFigures(bin, standIn) {
  const server = await startHttpServer(bin, {
    LUMA_BASE_URL: standIn.url,
    LUMA_RATE_LIMIT_PER_MINUTE: "100000000",
  });
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128, pipelining: 1 });
  let failed = 0;
  const call = async (i) => {
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: i,
      method: "tools/call",
      params: { name: TOOL, arguments: { event_id: "evt-bench" }, _meta: META },
    });
    const response = await request(server.url, { method: "POST", dispatcher: agent, headers: HEADERS, body });
    const answer = await response.body.json();
    if (response.statusCode !== 200 || answer.error || answer.result?.isError) failed++;
  };
  const direct = async () => {
    const response = await request(`${standIn.url}/v1/events/get?event_id=evt-bench`, {
      dispatcher: agent,
      headers: { "x-luma-api-key": KEY, accept: "application/json" },
    });
    await response.body.json();
  };
  try {
    await run(10, 500, call); // warm-up
    const levels = [];
    for (const { clients, calls } of LEVELS) {
      const through = await run(clients, calls, call);
      const straight = await run(clients, calls, direct);
      levels.push({
        clients,
        calls,
        perSecond: through.perSecond,
        p50: percentile(through.times, 50) - percentile(straight.times, 50),
        p99: percentile(through.times, 99) - percentile(straight.times, 99),
        callP50: percentile(through.times, 50),
        callP99: percentile(through.times, 99),
      });
    }
    const before = await readMemory(server.pid);
    const soak = await run(100, SOAK_CALLS, call);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await readMemory(server.pid);
    if (failed) throw new Error(`${failed} HTTP calls failed`);
    return { levels, soak: { calls: SOAK_CALLS, perSecond: soak.perSecond, before, after } };
  } finally {
    await agent.close();
    await server.close();
  }
}
