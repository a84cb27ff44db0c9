// The floor for HTTP mode: a bare SDK v2 createMcpHandler serving one tool on node:http, stateless, as a
// hand-written server built on @modelcontextprotocol/server would (the SDK's node adapter is a separate
// package, so the few lines turning node:http into a web Request and back are here). bench/http-memory.mjs
// loads it beside luma-api-mcp --http with the same requests. `node sdk-http-one-tool.mjs [port]`.
import { createServer } from "node:http";
import { createMcpHandler, Server } from "@modelcontextprotocol/server";
import { Agent, request as send } from "undici";

// With LUMA_BASE_URL (the stand-in), the tool makes the one GET a luma-api-mcp read makes, with undici on a
// keep-alive pool as luma-api-mcp does, and answers its body: the same flow, without luma-api-mcp's own work.
const luma = process.env.LUMA_BASE_URL;
const pool = luma ? new Agent({ keepAliveTimeout: 30_000, connections: 32 }) : undefined;
const pong = async () => {
  if (!pool) return "pong";
  const answer = await send(`${luma}/v1/events/get?event_id=evt-bench`, {
    dispatcher: pool,
    headers: { "x-luma-api-key": "bench", accept: "application/json" },
  });
  return answer.body.text();
};

const handler = createMcpHandler(() => {
  const s = new Server({ name: "one-tool", version: "0.0.0" }, { capabilities: { tools: {} } });
  s.setRequestHandler("tools/list", () => ({
    tools: [{ name: "ping", description: "Answers pong.", inputSchema: { type: "object", properties: {} } }],
  }));
  s.setRequestHandler("tools/call", async () => ({ content: [{ type: "text", text: await pong() }] }));
  return s;
});

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const request = new Request(`http://localhost${req.url}`, {
    method: req.method,
    headers,
    ...(body.length ? { body } : {}),
  });
  const response = await handler.fetch(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.error(`listening on http://127.0.0.1:${server.address().port}/mcp`);
});
