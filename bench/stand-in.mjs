// A Luma stand-in for the benchmark: one fixed, small JSON answer for every request, on 127.0.0.1, so a
// measured call costs the server's own work plus the same loopback round trip a direct request pays.
// Prints {"url": ...} on stdout once listening; exits when stdin closes.
import { createServer } from "node:http";

const ANSWER = JSON.stringify({ id: "cal-bench", name: "Bench calendar", slug: "bench", timezone: "UTC" });

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) });
    res.end(ANSWER);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
