// The built server over stdio, as each kind of MCP client meets it: a 2026-07-28 client (server/discover and
// the _meta envelope, no initialize) and 2025-11-25 / 2025-06-18 / 2025-03-26 / 2024-11-05 clients (initialize)
// all list and call every tool; and JSON-RPC lines a peer may get wrong are answered, never left hanging.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterEach, describe, expect, it } from "vitest";
import { TOOLS } from "../../src/tools/index.js";
import { until } from "../reliability/stand-in.js";
import { BIN } from "./spawn.js";

const ENV = { PATH: process.env.PATH ?? "" };

describe("both protocol eras on one stdio server", () => {
  const eras = [
    ["2026-07-28 (server/discover, _meta envelope)", { mode: { pin: "2026-07-28" } }],
    ["2025-11-25 (initialize)", undefined],
  ] as const;
  for (const [label, versionNegotiation] of eras) {
    it(`${label}: lists every tool and calls one`, async () => {
      const client = new Client(
        { name: "protocol-test", version: "0.0.0" },
        versionNegotiation ? { versionNegotiation } : {},
      );
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [BIN, "--sandbox"],
          env: ENV,
          stderr: "pipe",
        }),
      );
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe(label.slice(0, 10));
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.wireName));
        const result = await client.callTool({ name: "LumaApi_GetUserInfo", arguments: {} });
        expect(result.isError).toBeFalsy();
        expect(JSON.stringify(result.content)).toMatch(/usr-sbxowner/);
      } finally {
        await client.close();
      }
    });
  }
});

/** The built server spoken to in raw JSON-RPC lines. */
function rawServer() {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, "--sandbox"], { env: ENV });
  const answers: unknown[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) =>
    answers.push(JSON.parse(line)),
  );
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const line = (text: string) => child.stdin.write(`${text}\n`);
  const send = (message: object) => line(JSON.stringify({ jsonrpc: "2.0", ...message }));
  const answerTo = async (id: number | null, ms = 10_000) => {
    const match = (a: unknown) => (a as { id?: unknown }).id === id;
    await until(() => answers.some(match), `the answer to ${id}`, ms);
    const found = answers.find(match);
    answers.splice(answers.indexOf(found), 1);
    return found as {
      id: unknown;
      result?: Record<string, unknown>;
      error?: { code: number; message: string };
    };
  };
  const initialize = async (protocolVersion: string) => {
    send({
      id: 0,
      method: "initialize",
      params: { protocolVersion, capabilities: {}, clientInfo: { name: "raw", version: "0" } },
    });
    const answer = await answerTo(0);
    send({ method: "notifications/initialized" });
    return answer;
  };
  /** A ping answered proves the server still reads and answers after whatever came before. */
  const stillServing = async (id: number) => {
    send({ id, method: "ping" });
    expect((await answerTo(id)).result).toEqual({});
  };
  return { child, answers, line, send, answerTo, initialize, stillServing, exited, stderr: () => stderr };
}

type Raw = ReturnType<typeof rawServer>;
let server: Raw | undefined;
afterEach(() => {
  server?.child.kill();
  server = undefined;
});

describe("2025 revisions by initialize", () => {
  for (const version of ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]) {
    it(`${version}: negotiated, lists every tool, calls one`, async () => {
      server = rawServer();
      const init = await server.initialize(version);
      expect(init.result?.protocolVersion).toBe(version);
      server.send({ id: 1, method: "tools/list" });
      expect(((await server.answerTo(1)).result?.tools as unknown[] | undefined)?.length).toBe(TOOLS.length);
      server.send({ id: 2, method: "tools/call", params: { name: "LumaApi_GetUserInfo", arguments: {} } });
      expect(JSON.stringify((await server.answerTo(2)).result)).toMatch(/usr-sbxowner/);
    });
  }
});

describe("JSON-RPC lines a peer gets wrong", () => {
  it("a line that is not JSON: -32700, id null, and the server goes on", async () => {
    server = rawServer();
    await server.initialize("2025-11-25");
    server.line("{not json");
    expect((await server.answerTo(null)).error?.code).toBe(-32700);
    await server.stillServing(1);
  });

  it('jsonrpc "1.0": -32600 with the request\'s id', async () => {
    server = rawServer();
    await server.initialize("2025-11-25");
    server.line(JSON.stringify({ jsonrpc: "1.0", id: 7, method: "tools/list" }));
    const answer = await server.answerTo(7);
    expect(answer.error?.code).toBe(-32600);
    await server.stillServing(1);
  });

  it("tools/call with array arguments: -32602 in one line, no dump", async () => {
    server = rawServer();
    await server.initialize("2025-11-25");
    server.send({ id: 8, method: "tools/call", params: { name: "LumaApi_GetUserInfo", arguments: ["x"] } });
    const answer = await server.answerTo(8);
    expect(answer.error?.code).toBe(-32602);
    expect(answer.error?.message).not.toContain("\n");
    expect(answer.error?.message).toMatch(/arguments must be an object/);
  });

  it("a batch on a 2025-03-26 connection: one array with every answer", async () => {
    server = rawServer();
    await server.initialize("2025-03-26");
    server.line(
      JSON.stringify([
        { jsonrpc: "2.0", id: 11, method: "ping" },
        { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: 1, progress: 1 } },
        {
          jsonrpc: "2.0",
          id: 12,
          method: "tools/call",
          params: { name: "LumaApi_GetUserInfo", arguments: {} },
        },
        { jsonrpc: "1.0", id: 13, method: "ping" },
      ]),
    );
    await until(() => server?.answers.some(Array.isArray) === true, "the batch's answer");
    const batch = server.answers.find(Array.isArray) as { id: number; error?: { code: number } }[];
    expect(batch.map((a) => a.id).sort()).toEqual([11, 12, 13]);
    expect(batch.find((a) => a.id === 13)?.error?.code).toBe(-32600);
    expect(JSON.stringify(batch.find((a) => a.id === 12))).toMatch(/usr-sbxowner/);
  });

  it("a batch on a 2025-06-18 connection (no batches there): -32600 naming the revision", async () => {
    server = rawServer();
    await server.initialize("2025-06-18");
    server.line(JSON.stringify([{ jsonrpc: "2.0", id: 21, method: "ping" }]));
    const answer = await server.answerTo(null);
    expect(answer.error?.code).toBe(-32600);
    expect(answer.error?.message).toMatch(/2025-06-18/);
    await server.stillServing(1);
  });
});

describe("message size", () => {
  it("a line over the 10 MB cap gets an error answer; later requests are answered; closing stdin stops it", async () => {
    server = rawServer();
    await server.initialize("2025-11-25");
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 30,
      method: "tools/call",
      params: { name: "LumaApi_GetUserInfo", arguments: { padding: "x".repeat(11 * 1024 * 1024) } },
    });
    server.line(big);
    const answer = await server.answerTo(null);
    expect(answer.error?.code).toBe(-32600);
    expect(answer.error?.message).toMatch(/over 10485760 bytes/);
    await server.stillServing(31);
    server.child.stdin.end();
    expect(await server.exited).toBe(0);
  });

  it("a 9 MB line under the cap is read and answered", async () => {
    server = rawServer();
    await server.initialize("2025-11-25");
    server.send({
      id: 40,
      method: "tools/call",
      params: { name: "LumaApi_LumaEntityLookup", arguments: { entity_slug: "y".repeat(9 * 1024 * 1024) } },
    });
    const answer = await server.answerTo(40);
    expect(answer.result?.isError).toBe(true);
    await server.stillServing(41);
  });
});
