// The floor under everything: raw node:http answering each POST with the JSON-RPC result a tools/call gets
// (the request's id echoed), no MCP at all. bench/http-memory.mjs loads it with the same requests.
import { createServer } from "node:http";

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const { id } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const body = JSON.stringify({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text: "pong" }] } });
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.error(`listening on http://127.0.0.1:${server.address().port}/mcp`);
});
