#!/usr/bin/env node
// HTTP memory and throughput beside their floors, in one run: raw node:http (no MCP), a bare SDK v2
// createMcpHandler serving one tool (bench/reference/) that answers at once, the same whose tool makes the
// one GET to the stand-in a luma-api-mcp read makes (undici), and luma-api-mcp --http against the stand-in,
// each loaded in turn with the same 2026-07-28 tools/call POSTs at the same concurrency, rounds interleaved
// so every subject sees the same machine load. After the load: each process's RSS, then its RSS and V8 heap
// after a full GC (bench/gc-hook.mjs, preloaded with --expose-gc into every subject, never into the product).
// `node bench/http-memory.mjs` alone (after `npm run build`); BENCH_BEFORE_BIN=<other dist/index.js> adds a
// second luma-api-mcp build to compare. `npm run bench` prints the same table in its HTTP part.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import { readMemory } from "../scripts/lib/stdio-client.mjs";
import { measured, run } from "./http.mjs";

const ROUNDS = Number(process.env.BENCH_HTTP_MEMORY_ROUNDS ?? 5);
const ROUND_CALLS = Number(process.env.BENCH_HTTP_MEMORY_CALLS ?? 4_000);
export const CONCURRENCY = 100;
const KEY = "bench-http-key";
const META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": { name: "luma-api-mcp-bench", version: "0.0.0" },
  "io.modelcontextprotocol/clientCapabilities": {},
};
const HOOK = fileURLToPath(new URL("./gc-hook.mjs", import.meta.url));
const reference = (name) => fileURLToPath(new URL(`./reference/${name}`, import.meta.url));

/** `node --expose-gc --import gc-hook <args>`; resolves once it says where it listens. */
function start(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", HOOK, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    let url;
    const waiting = [];
    const early = (code) => reject(new Error(`${args.join(" ")} exited with ${code}: ${log}`));
    child.on("error", reject);
    child.on("exit", early);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      log += chunk;
      for (const match of chunk.matchAll(/^bench-memory (\{.*\})$/gm))
        waiting.shift()?.(JSON.parse(match[1]));
      if (url) return;
      url = /listening on (http:\/\/\S+\/mcp)/.exec(log)?.[1];
      if (!url) return;
      child.off("exit", early);
      resolve({
        url,
        pid: child.pid,
        /** Memory after a full GC, from inside the process (bytes). */
        collected: () =>
          new Promise((done) => {
            waiting.push(done);
            child.kill("SIGUSR2");
          }),
        close: () =>
          new Promise((done) => {
            child.once("exit", done);
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** The subjects: floors first, then each luma-api-mcp build (`bins`: label -> dist/index.js). */
export function subjects(bins, standIn) {
  const luma = (bin) => () =>
    start([bin, "--http", "--port", "0"], {
      LUMA_BASE_URL: standIn.url,
      LUMA_RATE_LIMIT_PER_MINUTE: "100000000",
    });
  return [
    { label: "raw node:http (no MCP)", tool: "ping", start: () => start([reference("raw-http.mjs")]) },
    {
      label: "bare SDK v2 createMcpHandler, one tool",
      tool: "ping",
      start: () => start([reference("sdk-http-one-tool.mjs")]),
    },
    {
      label: "bare SDK v2 createMcpHandler, the tool GETs the stand-in (undici)",
      tool: "ping",
      start: () => start([reference("sdk-http-one-tool.mjs")], { LUMA_BASE_URL: standIn.url }),
    },
    ...Object.entries(bins).map(([label, bin]) => ({
      label,
      tool: "LumaApi_GetEventAdminInfo",
      arguments: { event_id: "evt-bench" },
      start: luma(bin),
    })),
  ];
}

export async function httpMemoryFigures(list) {
  const live = [];
  try {
    for (const subject of list) {
      const server = await subject.start();
      const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128, pipelining: 1 });
      let failed = 0;
      const headers = {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2026-07-28",
        "mcp-method": "tools/call",
        "mcp-name": subject.tool,
        "x-luma-api-key": KEY,
      };
      const call = async (i) => {
        const body = JSON.stringify({
          jsonrpc: "2.0",
          id: i,
          method: "tools/call",
          params: { name: subject.tool, arguments: subject.arguments ?? {}, _meta: META },
        });
        const response = await request(server.url, { method: "POST", dispatcher: agent, headers, body });
        const answer = await response.body.json();
        if (response.statusCode !== 200 || answer.error || answer.result?.isError) failed++;
      };
      live.push({
        subject,
        server,
        agent,
        call,
        failed: () => failed,
        rates: [],
        cpu: [],
        rss: [],
        idle: undefined,
      });
    }
    for (const one of live) {
      await run(10, 500, one.call); // warm-up
      one.idle = await readMemory(one.server.pid);
    }
    for (let round = 0; round < ROUNDS; round++) {
      // A different subject goes first each round.
      for (let k = 0; k < live.length; k++) {
        const one = live[(round + k) % live.length];
        const result = await measured(one.server.pid, CONCURRENCY, ROUND_CALLS, one.call);
        one.rates.push(result.perSecond);
        one.cpu.push(result.cpuPerCall);
        one.rss.push((await readMemory(one.server.pid)).rss);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const figures = [];
    for (const one of live) {
      if (one.failed()) throw new Error(`${one.subject.label}: ${one.failed()} calls failed`);
      const after = await readMemory(one.server.pid);
      const collected = await one.server.collected();
      const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
      figures.push({
        label: one.subject.label,
        perSecond: median(one.rates),
        /** The server process's CPU time per call (ms): its cost, whatever else loads the machine. */
        cpuPerCall: median(one.cpu),
        idleRss: one.idle.rss,
        /** RSS right after each of its rounds, the median: one reading depends on where GC stood. */
        rss: median(one.rss),
        last: after.rss,
        peak: after.peak,
        gcRss: collected.rss / 2 ** 20,
        heapUsed: collected.heapUsed / 2 ** 20,
        heapTotal: collected.heapTotal / 2 ** 20,
      });
    }
    return { rounds: ROUNDS, calls: ROUND_CALLS, figures };
  } finally {
    for (const one of live) {
      await one.agent.close();
      await one.server.close();
    }
  }
}

/** The table's lines (Markdown). */
export function httpMemoryTable({ rounds, calls, figures }) {
  const [, sdk, sdkGet] = figures;
  const fmt = (value, digits = 1) => value.toFixed(digits);
  const percent = (value, of) => `${fmt((100 * value) / of, 0)}%`;
  return [
    `| Subject (${CONCURRENCY} concurrent; ${rounds} interleaved rounds of ${calls} calls) | Calls/s (median round) | vs SDK / vs SDK + GET | Server CPU per call (vs SDK + GET) | RSS idle / after a round (median) / at the end / peak | After full GC: RSS / heap used / heap total |`,
    "|---|---|---|---|---|---|",
    ...figures.map(
      (f) =>
        `| ${f.label} | ${fmt(f.perSecond, 0)} | ${percent(f.perSecond, sdk.perSecond)} / ${percent(f.perSecond, sdkGet.perSecond)} | ${fmt(f.cpuPerCall * 1000, 0)} µs (${percent(f.cpuPerCall, sdkGet.cpuPerCall)}) | ${fmt(f.idleRss)} / ${fmt(f.rss)} / ${fmt(f.last)} / ${fmt(f.peak)} MB | ${fmt(f.gcRss)} / ${fmt(f.heapUsed)} / ${fmt(f.heapTotal)} MB |`,
    ),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startStandIn } = await import("./stand-in-process.mjs");
  const { privateCopyOfBuild } = await import("../scripts/lib/stdio-client.mjs");
  const standIn = await startStandIn();
  const bins = { "luma-api-mcp --http (stand-in Luma)": privateCopyOfBuild() };
  if (process.env.BENCH_BEFORE_BIN)
    bins["luma-api-mcp --http, BENCH_BEFORE_BIN"] = process.env.BENCH_BEFORE_BIN;
  try {
    for (const line of httpMemoryTable(await httpMemoryFigures(subjects(bins, standIn)))) console.log(line);
  } finally {
    standIn.close();
  }
}
