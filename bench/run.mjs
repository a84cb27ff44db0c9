#!/usr/bin/env node
// `npm run bench`: cold start, per-call overhead, throughput, memory and tool-list size of the built server,
// each figure a median over repeated runs, with its baseline measured in the same run (cold starts in one
// clean environment for every subject, bench/cold.mjs). Prints one Markdown table and the machine it ran
// on (`npm run bench -- --write-doc` also writes the report into docs/performance.md), then the HTTP mode's table
// (bench/http.mjs: calls/s and overhead at 1, 10 and 100 concurrent clients, RSS over 100k calls) and HTTP
// beside raw node:http and a bare SDK handler (bench/http-memory.mjs: calls/s, RSS after load and after GC).
//
// All traffic stays on 127.0.0.1 (a stand-in Luma, bench/stand-in.mjs), and every phase is bounded in count;
// the whole run is stopped after BENCH_TIME_LIMIT_MS. Needs `npm run build` first.
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Agent, request } from "undici";
import { privateCopyOfBuild, startServer } from "../scripts/lib/stdio-client.mjs";
import { coldFigures } from "./cold.mjs";
import { httpFigures } from "./http.mjs";
import { httpMemoryFigures, httpMemoryTable, subjects } from "./http-memory.mjs";
import { oauthFigures } from "./oauth.mjs";
import { startStandIn } from "./stand-in-process.mjs";
import { measureToolList, TOKEN_BUDGET } from "./tool-list.mjs";

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const CALL_RUNS = Number(process.env.BENCH_CALL_RUNS ?? 400);
const LOAD_CALLS = Number(process.env.BENCH_LOAD_CALLS ?? 3000);
const IN_FLIGHT = 100;
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_MS ?? 600_000);

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

const cold = await coldFigures(bin);
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
const httpMemory = await (async () => {
  const standIn = await startStandIn();
  try {
    return await httpMemoryFigures(subjects({ "luma-api-mcp `--http` (stand-in Luma)": bin }, standIn));
  } finally {
    standIn.close();
  }
})();
const oauth = await (async () => {
  const standIn = await startStandIn();
  try {
    return await oauthFigures(bin, standIn);
  } finally {
    standIn.close();
  }
})();
const full = await measureToolList([], launch);
const everything = await measureToolList(["--toolsets", "all"], launch);
const readOnly = await measureToolList(["--read-only"], launch);

const ratio = (value) => `${fmt(value / cold.bare, 2)}×`;
const overhead = ({ call, direct }) =>
  `${fmt(call - direct, 3)} ms (call ${fmt(call, 3)} − direct ${fmt(direct, 3)})`;
const rows = [
  ["bare `node -e 0` (spawn to exit), clean environment (PATH, HOME)", `${fmt(cold.bare)} ms`, "baseline"],
  [
    "SDK v2 stdio server with one tool (bench/reference, unbundled), to `tools/list` answered",
    `${fmt(cold.sdk)} ms (${ratio(cold.sdk)})`,
    "reference",
  ],
  [
    "the same SDK server bundled and trimmed as dist/ is (scripts/lib/bundle.mjs), to `tools/list` answered",
    `${fmt(cold.sdkBundled)} ms (${ratio(cold.sdkBundled)})`,
    "floor",
  ],
  [
    "the same as CommonJS, compiled from a V8 code cache (bench/cold.mjs; measured, not shipped), to `tools/list` answered",
    `${fmt(cold.sdkCached)} ms (${ratio(cold.sdkCached)})`,
    "",
  ],
  ["cold start to `tools/list` answered", `${fmt(cold.luma)} ms (${ratio(cold.luma)})`, "≤ 2.5×"],
  [
    "cold start `--sandbox` to `tools/list` answered",
    `${fmt(cold.sandbox)} ms (${ratio(cold.sandbox)})`,
    "≤ 2.5×",
  ],
  [
    "first `tools/call` (`--sandbox`, GetCalendar), sent as the list is answered",
    `${fmt(cold.firstCall)} ms`,
    "",
  ],
  [
    "first `tools/call`, sent 250 ms after the list (a model reads it first)",
    `${fmt(cold.firstCallAfterPause)} ms`,
    "",
  ],
  [
    "as configured (this shell's environment): bare Node / cold start to `tools/list`",
    `${fmt(cold.bareAsIs)} / ${fmt(cold.lumaAsIs)} ms (${fmt(cold.lumaAsIs / cold.bareAsIs, 2)}×)`,
    "",
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
  [
    `tools/list, --toolsets all (${everything.tools.length} tools)`,
    `${everything.tokens} tokens, ${everything.bytes} bytes`,
    "",
  ],
  ["instructions", `${full.instructionTokens} tokens`, ""],
];

/** Every line of the report: printed, and with --write-doc written into docs/performance.md. */
const report = [];
const print = (line = "") => {
  report.push(line);
  console.log(line);
};
print(`Machine: ${machine()}`);
print(
  `Medians: cold start over ${COLD_RUNS} runs each; per call over ${CALL_RUNS} calls after 50 warm-up; throughput over ${LOAD_CALLS} calls. Tokens: o200k.`,
);
print();
print("| Measure | Result | Goal |");
print("|---|---|---|");
for (const [measure, result, goal] of rows) print(`| ${measure} | ${result} | ${goal} |`);

print();
print(
  `HTTP (--http, 2026-07-28 wire, one stateless POST per tools/call, key in x-luma-api-key; ${fmt(httpSeconds)} s). Overhead = latency through the server − latency of the same request sent straight to the stand-in at the same concurrency.`,
);
print();
print("| Concurrent clients | Calls | Calls/s | Overhead p50 | Overhead p99 | Call p50 / p99 |");
print("|---|---|---|---|---|---|");
for (const level of http.levels) {
  print(
    `| ${level.clients} | ${level.calls} | ${fmt(level.perSecond)} | ${fmt(level.p50, 2)} ms | ${fmt(level.p99, 2)} ms | ${fmt(level.callP50, 2)} / ${fmt(level.callP99, 2)} ms |`,
  );
}
const { soak } = http;
print();
print(
  `HTTP memory: RSS ${fmt(soak.before.rss, 1)} MB before and ${fmt(soak.after.rss, 1)} MB after ${soak.calls} more calls (100 concurrent, ${fmt(soak.perSecond)} calls/s).`,
);
print();
print(
  "HTTP beside its floors (bench/http-memory.mjs): raw node:http answering without MCP, a bare SDK v2 createMcpHandler serving one tool that answers at once (bench/reference/), the same whose tool makes the one GET to the stand-in that a luma-api-mcp read makes (undici, keep-alive pool), and --http against the stand-in; the same 2026-07-28 tools/call POSTs at the same concurrency, rounds interleaved. Server CPU per call = the server process's CPU time (user + system, from /proc) over the round's calls: its own cost, however busy the machine (the load generator and the stand-in share its cores). RSS from /proc; after full GC and V8 heap from inside each process (bench/gc-hook.mjs, preloaded for the bench only).",
);
print();
for (const line of httpMemoryTable(httpMemory)) print(line);
print();
print(
  "OAuth token check (--auth oauth, grants in the state file): the same call with a bearer token through an OAuth-mode server vs with x-luma-api-key through a keys-mode server; overhead = OAuth − keys; CPU = the server process's CPU time per call.",
);
print();
print(
  "| Concurrent clients | Calls | Keys p50 / p99 | OAuth p50 / p99 | Overhead p50 | Overhead p99 | CPU per call, keys / OAuth |",
);
print("|---|---|---|---|---|---|---|");
for (const level of oauth.levels) {
  print(
    `| ${level.clients} | ${level.calls} | ${fmt(level.keysP50, 2)} / ${fmt(level.keysP99, 2)} ms | ${fmt(level.oauthP50, 2)} / ${fmt(level.oauthP99, 2)} ms | ${fmt(level.oauthP50 - level.keysP50, 2)} ms | ${fmt(level.oauthP99 - level.keysP99, 2)} ms | ${fmt(level.keysCpu, 2)} / ${fmt(level.oauthCpu, 2)} ms |`,
  );
}

if (process.argv.includes("--write-doc")) {
  const doc = new URL("../docs/performance.md", import.meta.url);
  const text = readFileSync(doc, "utf8");
  const open = "<!-- generated:bench -->";
  const close = "<!-- /generated:bench -->";
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`docs/performance.md lacks ${open} ... ${close}`);
  writeFileSync(doc, `${text.slice(0, start + open.length)}\n${report.join("\n")}\n${text.slice(end)}`);
  console.error("docs/performance.md: the bench section rewritten");
}
