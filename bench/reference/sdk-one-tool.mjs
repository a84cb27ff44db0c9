// The floor for a cold start: the SDK v2 stdio server with one tool and nothing else, unbundled, as a
// hand-written server built on @modelcontextprotocol/server would start. `npm run bench` times it beside
// luma-api-mcp in the same clean environment.
import { Server } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";

const server = () => {
  const s = new Server({ name: "one-tool", version: "0.0.0" }, { capabilities: { tools: {} } });
  s.setRequestHandler("tools/list", () => ({
    tools: [{ name: "ping", description: "Answers pong.", inputSchema: { type: "object", properties: {} } }],
  }));
  s.setRequestHandler("tools/call", () => ({ content: [{ type: "text", text: "pong" }] }));
  return s;
};
serveStdio(server);
