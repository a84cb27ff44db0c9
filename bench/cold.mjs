#!/usr/bin/env node
// Cold start, measured fairly: every subject is spawned in the same clean environment (PATH and HOME only;
// a variable such as NODE_EXTRA_CA_CERTS costs every Node start tens of ms), in interleaved rounds, and
// timed from spawn to its `tools/list` answer (bare Node: to its exit). Subjects: bare `node -e 0`; the SDK v2
// stdio server with one tool (bench/reference/sdk-one-tool.mjs), as written (unbundled) and bundled as dist/
// is (the same esbuild options and SDK trims, scripts/lib/bundle.mjs): the floor a server on the SDK starts
// from; luma-api-mcp, and luma-api-mcp --sandbox with its first tools/call after the list. The
// as-configured figures (this shell's whole environment) are printed beside, for bare Node and the server.
// `npm run bench` prints this table (bench/run.mjs); `node bench/cold.mjs [dist/index.js]` prints it alone.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { REQUIRE_BANNER, SDK_TRIMS } from "../scripts/lib/bundle.mjs";
import { BIN, spawnStdio } from "../scripts/lib/stdio-client.mjs";

const ROUNDS = Number(process.env.BENCH_COLD_RUNS ?? 21);
const REFERENCE = fileURLToPath(new URL("./reference/sdk-one-tool.mjs", import.meta.url));
const CLEAN = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
/** How long the second first-call subject waits after the list, as a client whose model reads it first. */
const PAUSE_MS = 250;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function bareNode(env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore", env });
    child.on("error", reject);
    child.on("exit", () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

/**
 * Spawn to `tools/list` answered; with `call`, also how long the first tools/call takes, sent `pauseMs`
 * after the list (0: at once; a model takes far longer to read the list and choose).
 */
async function toList(args, env, call, pauseMs = 0) {
  const server = spawnStdio({ command: process.execPath, args, env, clientName: "luma-api-mcp-bench" });
  try {
    await server.initialize();
    const list = await server.request("tools/list", {});
    const toListMs = server.since(list.at);
    if (!call) return { list: toListMs };
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const before = process.hrtime.bigint();
    const answer = await server.request("tools/call", { name: call, arguments: {} });
    if (answer.message.error || answer.message.result?.isError) throw new Error(`${call}: ${answer.line}`);
    return { list: toListMs, firstCall: Number(process.hrtime.bigint() - before) / 1e6 };
  } finally {
    server.child.stdin.end();
    await server.exited;
  }
}

/**
 * The one-tool reference bundled and trimmed as scripts/build.mjs bundles dist/, into a temporary file; as
 * CommonJS (`format: "cjs"`), for the code-cache subject.
 */
async function bundledReference(format = "esm") {
  const outfile = join(
    mkdtempSync(join(tmpdir(), "luma-bench-sdk-")),
    `sdk-one-tool.${format === "esm" ? "mjs" : "cjs"}`,
  );
  await build({
    entryPoints: [REFERENCE],
    outfile,
    bundle: true,
    format,
    platform: "node",
    target: "node20.19",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: SDK_TRIMS,
    ...(format === "esm" ? { banner: { js: REQUIRE_BANNER } } : {}),
  });
  return outfile;
}

/**
 * The CommonJS bundle of the reference started through vm.Script with a V8 code cache beside it (made by the
 * first start, read by the next): what compiling the SDK and zod costs of the floor. Node 20 offers no code
 * cache for ES modules (module.enableCompileCache is Node 22), so shipping this would mean a CommonJS bundle,
 * without code splitting, and a writable cache directory on the user's machine; it is measured, not shipped.
 */
async function codeCachedReference() {
  const bundle = await bundledReference("cjs");
  const loader = join(dirname(bundle), "cached.cjs");
  writeFileSync(
    loader,
    `const fs = require("node:fs"), vm = require("node:vm"), { wrap } = require("node:module");
const file = ${JSON.stringify(bundle)}, cacheFile = file + ".cache";
let cachedData;
try { cachedData = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script(wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, require, module_, file, __dirname);
if (!cachedData) fs.writeFileSync(cacheFile, script.createCachedData());
else if (script.cachedDataRejected) throw new Error("V8 rejected the code cache: the figure would not be one");
`,
  );
  await toList([loader], CLEAN); // makes the cache
  return loader;
}

export async function coldFigures(bin = BIN) {
  const sdkBundled = await bundledReference();
  const sdkCached = await codeCachedReference();
  const keyed = { ...CLEAN, LUMA_API_KEY: "bench-dummy-key" };
  const runs = {
    bare: [],
    bareAsIs: [],
    sdk: [],
    sdkBundled: [],
    sdkCached: [],
    luma: [],
    lumaAsIs: [],
    sandbox: [],
    firstCall: [],
    firstCallAfterPause: [],
  };
  for (let i = 0; i < ROUNDS; i++) {
    runs.bare.push(await bareNode(CLEAN));
    runs.sdk.push((await toList([REFERENCE], CLEAN)).list);
    runs.sdkBundled.push((await toList([sdkBundled], CLEAN)).list);
    runs.sdkCached.push((await toList([sdkCached], CLEAN)).list);
    runs.luma.push((await toList([bin], keyed)).list);
    const sandbox = await toList([bin, "--sandbox"], CLEAN, "LumaApi_GetCalendar");
    runs.sandbox.push(sandbox.list);
    runs.firstCall.push(sandbox.firstCall);
    const paused = await toList([bin, "--sandbox"], CLEAN, "LumaApi_GetCalendar", PAUSE_MS);
    runs.firstCallAfterPause.push(paused.firstCall);
    runs.bareAsIs.push(await bareNode(process.env));
    runs.lumaAsIs.push((await toList([bin], { ...process.env, LUMA_API_KEY: "bench-dummy-key" })).list);
  }
  return Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, median(values)]));
}

export function coldTable(figures) {
  const ms = (value) => `${value.toFixed(0)} ms`;
  const times = (value) => `${(value / figures.bare).toFixed(2)}×`;
  return [
    `| cold start, clean environment (PATH, HOME), median of ${ROUNDS} interleaved rounds | time | × bare Node |`,
    "|---|---|---|",
    `| bare Node (\`node -e 0\`, spawn to exit) | ${ms(figures.bare)} | 1.00× |`,
    `| SDK v2 stdio server, one tool (bench/reference, unbundled): to \`tools/list\` answered | ${ms(figures.sdk)} | ${times(figures.sdk)} |`,
    `| the same, bundled and trimmed as dist/ is: to \`tools/list\` answered | ${ms(figures.sdkBundled)} | ${times(figures.sdkBundled)} |`,
    `| the same as CommonJS, compiled from a V8 code cache (measured, not shipped): to \`tools/list\` answered | ${ms(figures.sdkCached)} | ${times(figures.sdkCached)} |`,
    `| luma-api-mcp: to \`tools/list\` answered | ${ms(figures.luma)} | ${times(figures.luma)} |`,
    `| luma-api-mcp --sandbox: to \`tools/list\` answered | ${ms(figures.sandbox)} | ${times(figures.sandbox)} |`,
    `| luma-api-mcp --sandbox: its first \`tools/call\` (GetCalendar), sent as the list is answered | ${ms(figures.firstCall)} | |`,
    `| luma-api-mcp --sandbox: its first \`tools/call\`, sent ${PAUSE_MS} ms after the list | ${ms(figures.firstCallAfterPause)} | |`,
    `| as configured (this shell's environment): bare Node / luma-api-mcp to \`tools/list\` | ${ms(figures.bareAsIs)} / ${ms(figures.lumaAsIs)} | ${(figures.lumaAsIs / figures.bareAsIs).toFixed(2)}× |`,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(coldTable(await coldFigures(process.argv[2])));
}
