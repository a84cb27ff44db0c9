#!/usr/bin/env node
// `npm run bench:readers [dist/index.js]`: what clients that never read their answers cost HTTP mode. A
// stand-in Luma answers every call with about 4 MB (more than the socket buffers of both ends hold, so the
// rest queues in the server), 100 clients each send one tools/call and never read, and the server's RSS is
// read before, at the peak, 70 s later (LUMA_HTTP_SEND_TIMEOUT_MS is left at its default) and after a full
// garbage collection, with the connections still open and the bytes queued for them. Then a
// SIGTERM, timed: how long the drain waits for them. The optional argument is another build to compare.
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { readMemory } from "../scripts/lib/stdio-client.mjs";
import { startHttpServer } from "./http.mjs";

const CLIENTS = Number(process.env.BENCH_READERS ?? 100);
const HOLD_S = Number(process.env.BENCH_READERS_HOLD_S ?? 70);
const ANSWER_CHARS = 4_000_000;
const TOKEN = "bench-readers-token-0123456789";
const bin = process.argv[2] ?? "dist/index.js";

const answer = JSON.stringify({ id: "cal-big", name: "Big", description: "x".repeat(ANSWER_CHARS) });
const luma = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) });
  res.end(answer);
});
await new Promise((resolve) => luma.listen(0, "127.0.0.1", resolve));
const server = await startHttpServer(bin, {
  LUMA_API_KEY: "bench-readers-key",
  LUMA_HTTP_TOKENS: TOKEN,
  LUMA_BASE_URL: `http://127.0.0.1:${luma.address().port}`,
  LUMA_MAX_RESULT_CHARS: String(2 * ANSWER_CHARS),
  LUMA_RATE_LIMIT_PER_MINUTE: "100000",
  // SIGUSR2 writes a heap snapshot, which runs a full garbage collection first: the RSS read after it is
  // what is still held, not garbage an idle process has not collected yet.
  NODE_OPTIONS: "--heapsnapshot-signal=SIGUSR2",
});
const { hostname, port } = new URL(server.url);
const body = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: {
    name: "LumaApi_GetCalendar",
    arguments: {},
    _meta: {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientInfo": { name: "bench-readers", version: "0" },
      "io.modelcontextprotocol/clientCapabilities": {},
    },
  },
});
const request = [
  "POST /mcp HTTP/1.1",
  `host: ${hostname}:${port}`,
  "content-type: application/json",
  "accept: application/json, text/event-stream",
  "mcp-protocol-version: 2026-07-28",
  "mcp-method: tools/call",
  "mcp-name: LumaApi_GetCalendar",
  `authorization: Bearer ${TOKEN}`,
  `content-length: ${Buffer.byteLength(body)}`,
  "",
  body,
].join("\r\n");

const mib = async () => (await readMemory(server.pid)).rss;
const before = await mib();
const sockets = [];
for (let i = 0; i < CLIENTS; i++) {
  const socket = connect({ host: hostname, port: Number(port) });
  socket.on("error", () => {});
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.pause();
  socket.write(request);
  sockets.push(socket);
}
let peak = before;
for (let s = 0; s < 10; s++) {
  await sleep(1_000);
  peak = Math.max(peak, await mib());
}
await sleep((HOLD_S - 10) * 1_000);
const after = await mib();
// Connections the server still holds open to these clients (ss, from iproute2), unread output included.
const open = execFileSync("ss", ["-Htn", "state", "established", `( sport = :${port} )`], {
  encoding: "utf8",
})
  .split("\n")
  .filter(Boolean).length;
const queued = execFileSync("ss", ["-Htn", "state", "established", `( sport = :${port} )`], {
  encoding: "utf8",
})
  .split("\n")
  .filter(Boolean)
  .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[1] ?? 0), 0);
const snapshots = () => readdirSync(".").filter((name) => name.endsWith(".heapsnapshot"));
const earlier = new Set(snapshots());
process.kill(server.pid, "SIGUSR2");
let written;
for (let i = 0; i < 600 && !written; i++) {
  await sleep(100);
  written = snapshots().find((name) => !earlier.has(name));
}
let size = -1;
while (written && statSync(written).size !== size) {
  size = statSync(written).size;
  await sleep(500);
}
const collected = await mib();
if (written) rmSync(written);
const stopping = Date.now();
await server.close();
const drainMs = Date.now() - stopping;
for (const socket of sockets) socket.destroy();
luma.close();

console.log(
  `| ${CLIENTS} clients that never read a ${(ANSWER_CHARS / 1e6).toFixed(0)} MB answer (${bin}) | MiB |`,
);
console.log("|---|---|");
console.log(`| server RSS before | ${before.toFixed(0)} |`);
console.log(`| server RSS at the peak (first 10 s) | ${peak.toFixed(0)} |`);
console.log(`| server RSS after ${HOLD_S} s | ${after.toFixed(0)} |`);
console.log(`| server RSS after ${HOLD_S} s and a full garbage collection | ${collected.toFixed(0)} |`);
console.log(`| connections still open after ${HOLD_S} s | ${open} |`);
console.log(`| bytes still queued in their kernel send buffers | ${queued} |`);
console.log(`| SIGTERM to exit | ${drainMs} ms |`);
