// Every tool on a fresh sandbox, called through the real server with its row of test/tools/cases.ts: the call
// succeeds, and the sandbox's answer to it (taken on the wire, before the server shapes it) validates against
// Luma's published 200-response schema for the tool's operation (test/fixtures/luma-response-schemas.json).
// A list must answer at least one entry, so that its entry schema is really checked. That every sandbox
// route is some tool's is checked by test/tools/catalog.test.ts, so this covers every route too.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOOLS } from "../support/catalog.js";
import { connectTo, type InProcess } from "../support/in-process.js";
import { textOf } from "../support/results.js";
import { CASES } from "../tools/cases.js";
import { openSandbox, responseValidator, type SandboxClient } from "./helpers.js";

interface Seen {
  operation: string;
  status: number;
  body: unknown;
}

/** An HTTP server that passes every request on to `target` and keeps each answer as the sandbox sent it. */
async function recordingProxy(target: string): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([name]) => !["host", "connection", "content-length"].includes(name),
      ),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const text = await answer.text();
    const path = new URL(req.url ?? "/", target).pathname;
    seen.push({
      operation: `${req.method} ${path}`,
      status: answer.status,
      body: text ? JSON.parse(text) : undefined,
    });
    res.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe("every tool on the sandbox", () => {
  // A fresh sandbox, proxy and server for each tool: no case meets another's writes.
  let sandbox: SandboxClient;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let server: InProcess;
  beforeEach(async () => {
    sandbox = await openSandbox();
    proxy = await recordingProxy(sandbox.sandbox.url);
    server = await connectTo(proxy.url, { config: { toolsets: ["all"], confirm: "never" } });
  });
  afterEach(async () => {
    await server.close();
    await new Promise((resolve) => proxy.server.close(resolve));
    await sandbox.sandbox.close();
  });

  it.each(TOOLS.map((tool) => [tool.name, `${tool.method} ${tool.path}`] as const))(
    "%s: answers, and the sandbox's answer to %s fits Luma's response schema",
    async (name, operation) => {
      const row = CASES[name];
      if (!row) throw new Error(`${name} has no row in test/tools/cases.ts`);
      const added = (await row.sandbox?.prepare?.(sandbox)) ?? {};
      const result = await server.call(name, { ...(row.sandbox?.args ?? row.args), ...added });
      expect(result.isError, textOf(result)).toBeFalsy();
      const answer = proxy.seen.filter((seen) => seen.operation === operation).at(-1);
      if (!answer) throw new Error(`${name} sent no ${operation}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const validate = responseValidator(operation);
      validate(answer.body);
      expect(validate.errors ?? [], JSON.stringify(answer.body).slice(0, 500)).toEqual([]);
      const entries = (answer.body as { entries?: unknown[] } | undefined)?.entries;
      if (Array.isArray(entries)) expect(entries.length, `${name} listed nothing`).toBeGreaterThan(0);
    },
  );
});
