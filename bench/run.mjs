#!/usr/bin/env node
// `npm run bench`: cold start, per-call overhead, throughput, memory and tool-list size of the built server,
// each figure a median over repeated runs, with its baseline measured in the same run. Prints one Markdown
// table (docs/performance.md holds the last one) and the machine it ran on, then the HTTP mode's table
// (bench/http.mjs: calls/s and overhead at 1, 10 and 100 concurrent clients, RSS over 100k calls).
//
// All traffic stays on 127.0.0.1 (a stand-in Luma, bench/stand-in.mjs), and every phase is bounded in count;
// the whole run is stopped after BENCH_TIME_LIMIT_MS. Needs `npm run build` first.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Agent, request } from "undici";
import { privateCopyOfBuild, startServer } from "../scripts/lib/stdio-client.mjs";
import { httpFigures } from "./http.mjs";
import { measureToolList, TOKEN_BUDGET } from "./tool-list.mjs";

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const CALL_RUNS = Number(process.env.BENCH_CALL_RUNS ?? 400);
const LOAD_CALLS = Number(process.env.BENCH_LOAD_CALLS ?? 3000);
const IN_FLIGHT = 100;
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_MS ?? 300_000);

setTimeout(() => {
  console.error(`bench: over ${TIME_LIMIT_MS} ms, stopped.`);
  process.exit(1);
}, TIME_LIMIT_MS).unref();

const bin = privateCopyOfBuild();
const launch = { bin, clientName: "luma-api-mcp-bench" };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (from, to) => Number(to - from) / 1e6;
const fmt = (value, digits = 0) => value.toFixed(digits);

function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync("/proc/cpuinfo", "utf8");
    } catch {
      return "";
    }
  })();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown CPU";
  return `${availableParallelism()} cores (nproc), ${model}, Node ${process.version}, ${process.platform}`;
}

/** `node -e 0`: spawn to exit. */
function bareNode() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolve(ms(started, process.hrtime.bigint())));
  });
}

/** Spawn to initialize answered, and to tools/list answered. */
async function coldStart(args) {
  const server = startServer(args, { LUMA_API_KEY: "bench-dummy-key" }, launch);
  try {
    const init = await server.initialize();
    const list = await server.request("tools/list", {});
    return { init: server.since(init.at), list: server.since(list.at) };
  } finally {
    await server.close();
  }
}

async function coldStarts() {
  const bare = [];
  const plain = { init: [], list: [] };
  const sandbox = { init: [], list: [] };
  for (let i = 0; i < COLD_RUNS; i++) {
    bare.push(await bareNode());
    const a = await coldStart([]);
    plain.init.push(a.init);
    plain.list.push(a.list);
    const b = await coldStart(["--sandbox"]);
    sandbox.init.push(b.init);
    sandbox.list.push(b.list);
  }
  return {
    bare: median(bare),
    plain: { init: median(plain.init), list: median(plain.list) },
    sandbox: { init: median(sandbox.init), list: median(sandbox.list) },
  };
}

function startStandIn() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL("./stand-in.mjs", import.meta.url).pathname], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    child.on("error", reject);
    child.stdout.setEncoding("utf8");
    child.stdout.once("data", (line) =>
      resolve({ url: JSON.parse(line).url, close: () => child.stdin.end() }),
    );
  });
}

function isError(answer) {
  return answer.message.error !== undefined || answer.message.result?.isError === true;
}

/**
 * The same request through the server (tools/call) and straight to the stand-in (undici, keep-alive),
 * alternating one of each, so both see the same machine load. Overhead = median(call) - median(direct).
 * `make(i)` gives the i-th call's arguments and direct request (writes differ per call: the server refuses
 * an identical non-idempotent write once, see src/calls/repeat-guard.ts).
 */
async function perCall(server, standIn, tool, make) {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const send = async (direct) => {
    const response = await request(`${standIn.url}${direct.path}`, {
      method: direct.method,
      dispatcher: agent,
      headers: { "x-luma-api-key": "bench", accept: "application/json", "content-type": "application/json" },
      body: direct.body,
    });
    await response.body.json();
  };
  const callTimes = [];
  const directTimes = [];
  for (let i = 0; i < CALL_RUNS + 50; i++) {
    const { args, direct } = make(i);
    let t = process.hrtime.bigint();
    const answer = await server.callTool(tool, args);
    const callTime = ms(t, process.hrtime.bigint());
    if (isError(answer)) throw new Error(`${tool} failed: ${answer.line}`);
    t = process.hrtime.bigint();
    await send(direct);
    const directTime = ms(t, process.hrtime.bigint());
    if (i >= 50) {
      callTimes.push(callTime);
      directTimes.push(directTime);
    }
  }
  await agent.close();
  return { call: median(callTimes), direct: median(directTimes) };
}

/** LOAD_CALLS calls with IN_FLIGHT outstanding at all times on one session. */
async function throughput(server) {
  let sent = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (sent < LOAD_CALLS) {
      sent++;
      if (isError(await server.callTool("LumaApi_GetCalendar"))) failed++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = ms(started, process.hrtime.bigint()) / 1000;
  if (failed) throw new Error(`${failed} of ${LOAD_CALLS} calls failed under load`);
  return LOAD_CALLS / seconds;
}

async function serverFigures() {
  const standIn = await startStandIn();
  const server = startServer(
    [],
    { LUMA_API_KEY: "bench-key", LUMA_BASE_URL: standIn.url, LUMA_RATE_LIMIT_PER_MINUTE: "100000" },
    launch,
  );
  try {
    await server.initialize();
    await server.request("tools/list", {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterStart = await server.memory();
    const read = await perCall(server, standIn, "LumaApi_GetEventAdminInfo", () => ({
      args: { event_id: "evt-bench" },
      direct: { method: "GET", path: "/v1/events/get?event_id=evt-bench" },
    }));
    const write = await perCall(server, standIn, "LumaApi_CreatePersonTag", (i) => {
      const body = { name: `bench ${String(i).padStart(4, "0")}`, color: "red" };
      return {
        args: { mode: "execute", request_body: body },
        direct: { method: "POST", path: "/v1/calendars/contact-tags/create", body: JSON.stringify(body) },
      };
    });
    const callsPerSecond = await throughput(server);
    const underLoad = await server.memory();
    return { afterStart, read, write, callsPerSecond, underLoad };
  } finally {
    await server.close();
    standIn.close();
  }
}

const cold = await coldStarts();
const figures = await serverFigures();
const httpStarted = Date.now();
const http = await (async () => {
  const standIn = await startStandIn();
  try {
    return await httpFigures(bin, standIn);
  } finally {
    standIn.close();
  }
})();
const httpSeconds = (Date.now() - httpStarted) / 1000;
const full = await measureToolList([], launch);
const readOnly = await measureToolList(["--read-only"], launch);

const ratio = (value) => `${fmt(value / cold.bare, 2)}×`;
const overhead = ({ call, direct }) =>
  `${fmt(call - direct, 3)} ms (call ${fmt(call, 3)} − direct ${fmt(direct, 3)})`;
const rows = [
  ["bare `node -e 0` (spawn to exit)", `${fmt(cold.bare)} ms`, "baseline"],
  ["cold start to `initialize` answered", `${fmt(cold.plain.init)} ms (${ratio(cold.plain.init)})`, ""],
  ["cold start to `tools/list` answered", `${fmt(cold.plain.list)} ms (${ratio(cold.plain.list)})`, "≤ 2.5×"],
  [
    "cold start `--sandbox` to `initialize` answered",
    `${fmt(cold.sandbox.init)} ms (${ratio(cold.sandbox.init)})`,
    "",
  ],
  [
    "cold start `--sandbox` to `tools/list` answered",
    `${fmt(cold.sandbox.list)} ms (${ratio(cold.sandbox.list)})`,
    "≤ 2.5×",
  ],
  ["per-call overhead, GetEventAdminInfo (GET)", overhead(figures.read), "< 1 ms"],
  ["per-call overhead, CreatePersonTag (body validated)", overhead(figures.write), "< 1 ms"],
  [`throughput, ${IN_FLIGHT} calls in flight, one session`, `${fmt(figures.callsPerSecond)} calls/s`, ""],
  [
    "memory after start (RSS / peak)",
    `${fmt(figures.afterStart.rss, 1)} / ${fmt(figures.afterStart.peak, 1)} MB`,
    "< 80 MB",
  ],
  [
    "memory after the load (RSS / peak)",
    `${fmt(figures.underLoad.rss, 1)} / ${fmt(figures.underLoad.peak, 1)} MB`,
    "",
  ],
  [
    `tools/list, all ${full.tools.length} tools`,
    `${full.tokens} tokens, ${full.bytes} bytes`,
    `≤ ${TOKEN_BUDGET} tokens`,
  ],
  [
    `tools/list, read-only (${readOnly.tools.length} tools)`,
    `${readOnly.tokens} tokens, ${readOnly.bytes} bytes`,
    "",
  ],
  ["instructions", `${full.instructionTokens} tokens`, ""],
];

console.log(`Machine: ${machine()}`);
console.log(
  `Medians: cold start over ${COLD_RUNS} runs each; per call over ${CALL_RUNS} calls after 50 warm-up; throughput over ${LOAD_CALLS} calls. Tokens: o200k.`,
);
console.log();
console.log("| Measure | Result | Goal |");
console.log("|---|---|---|");
for (const [measure, result, goal] of rows) console.log(`| ${measure} | ${result} | ${goal} |`);

console.log();
console.log(
  `HTTP (--http, 2026-07-28 wire, one stateless POST per tools/call, key in x-luma-api-key; ${fmt(httpSeconds)} s). Overhead = latency through the server − latency of the same request sent straight to the stand-in at the same concurrency.`,
);
console.log();
console.log("| Concurrent clients | Calls | Calls/s | Overhead p50 | Overhead p99 | Call p50 / p99 |");
console.log("|---|---|---|---|---|---|");
for (const level of http.levels) {
  console.log(
    `| ${level.clients} | ${level.calls} | ${fmt(level.perSecond)} | ${fmt(level.p50, 2)} ms | ${fmt(level.p99, 2)} ms | ${fmt(level.callP50, 2)} / ${fmt(level.callP99, 2)} ms |`,
  );
}
const { soak } = http;
console.log();
console.log(
  `HTTP memory: RSS ${fmt(soak.before.rss, 1)} MB before and ${fmt(soak.after.rss, 1)} MB after ${soak.calls} more calls (100 concurrent, ${fmt(soak.perSecond)} calls/s).`,
);
