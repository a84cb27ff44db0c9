// What the tool list costs a model, measured on the answer exactly as the server sends it (the JSON-RPC
// result objects, compact JSON), and what it must keep while staying within budget.
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { JSONRPCMessage, Tool as McpTool } from "@modelcontextprotocol/sdk/types.js";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Secrets } from "../../src/log.js";
import { LumaClient } from "../../src/luma/client.js";
import { createServer } from "../../src/server.js";
import { TOOLS } from "../../src/tools/index.js";
import { DEFAULT_TOOLS, selectTools } from "../../src/tools/select.js";
import { connect, mockLuma, testConfig, textOf } from "../helpers.js";
import { SEED } from "./seed.js";

const BUDGET = 6000;
const INSTRUCTIONS_BUDGET = 250;

const tokens = (text: string) => encode(text).length;

interface Answers {
  /** JSON.stringify of the initialize and tools/list result objects, as a stdio transport writes them. */
  initialize: string;
  toolsList: string;
  instructions: string;
  tools: McpTool[];
}

/** Talks raw JSON-RPC to the server: no client in between that could parse or reshape the answers. */
async function rawAnswers(options: { readOnly?: boolean; sandbox?: boolean } = {}): Promise<Answers> {
  const config = testConfig({ readOnly: options.readOnly ?? false });
  const luma = mockLuma();
  const secrets = new Secrets();
  const client = new LumaClient({ ...config, secrets, dispatcher: luma.agent });
  const mcp = createServer({
    tools: selectTools(config).tools,
    client,
    secrets,
    maxResultChars: config.maxResultChars,
    sandbox: options.sandbox ?? false,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const results = new Map<number, unknown>();
  const waiters = new Map<number, () => void>();
  clientSide.onmessage = (message: JSONRPCMessage) => {
    if ("id" in message && "result" in message) {
      results.set(Number(message.id), message.result);
      waiters.get(Number(message.id))?.();
    }
  };
  await mcp.newServer().connect(serverSide);
  await clientSide.start();
  const ask = async (id: number, method: string, params: Record<string, unknown>) => {
    const answered = new Promise<void>((resolve) => waiters.set(id, resolve));
    await clientSide.send({ jsonrpc: "2.0", id, method, params });
    await answered;
    return results.get(id) as Record<string, unknown>;
  };
  const init = await ask(1, "initialize", {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "raw", version: "0" },
  });
  await clientSide.send({ jsonrpc: "2.0", method: "notifications/initialized" });
  const list = await ask(2, "tools/list", {});
  await clientSide.close();
  await luma.agent.close();
  return {
    initialize: JSON.stringify(init),
    toolsList: JSON.stringify(list),
    instructions: String(init.instructions ?? ""),
    tools: list.tools as McpTool[],
  };
}

describe("the tool list's cost", () => {
  let full: Answers;
  let readOnly: Answers;
  let sandbox: Answers;
  beforeAll(async () => {
    [full, readOnly, sandbox] = await Promise.all([
      rawAnswers(),
      rawAnswers({ readOnly: true }),
      rawAnswers({ sandbox: true }),
    ]);
  });

  it(`the whole 38-tool tools/list answer is at most ${BUDGET} o200k tokens`, () => {
    expect(full.tools).toHaveLength(38);
    expect(tokens(full.toolsList)).toBeLessThanOrEqual(BUDGET);
  });

  it(`tools/list plus the instructions, sandbox note included, stay within ${BUDGET} tokens`, () => {
    expect(tokens(full.toolsList) + tokens(sandbox.instructions)).toBeLessThanOrEqual(BUDGET);
  });

  it(`the instructions are short: at most ${INSTRUCTIONS_BUDGET} tokens`, () => {
    expect(tokens(sandbox.instructions)).toBeLessThanOrEqual(INSTRUCTIONS_BUDGET);
  });

  it("the instructions say how IDs, pages and body schemas work", () => {
    expect(full.instructions).toMatch(/evt-/);
    expect(full.instructions).toMatch(/next_cursor/);
    expect(full.instructions).toMatch(/get_request_schema/);
  });

  it("the read-only list is the 15 read tools and costs well under half", () => {
    expect(readOnly.tools).toHaveLength(15);
    expect(tokens(readOnly.toolsList)).toBeLessThan(tokens(full.toolsList) / 2);
  });

  it("carries no per-tool $schema or execution fields", () => {
    expect(full.toolsList).not.toContain('"$schema"');
    expect(full.toolsList).not.toContain('"execution"');
  });
});

describe("what the list keeps within budget", () => {
  let tools: McpTool[];
  beforeAll(async () => {
    tools = (await rawAnswers()).tools;
  });
  const byName = (name: string) => tools.find((tool) => tool.name === `LumaApi_${name}`) as McpTool;

  it.each(Object.keys(SEED))("%s: keeps its title", (name) => {
    expect(byName(name).title).toBe(TOOLS.find((t) => t.name === name)?.title);
  });

  it.each(Object.keys(SEED))("%s: the description opens with the seed's sentence", (name) => {
    expect(byName(name).description?.startsWith(SEED[name]?.sentence ?? "?")).toBe(true);
  });

  it.each(Object.keys(SEED))("%s: all four hints, set explicitly", (name) => {
    const annotations = byName(name).annotations;
    expect(annotations).toEqual(TOOLS.find((t) => t.name === name)?.annotations);
    for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
      expect(typeof annotations?.[hint]).toBe("boolean");
    }
  });

  it.each(Object.keys(SEED))("%s: every seed parameter, each with a description", (name) => {
    const properties = (byName(name).inputSchema.properties ?? {}) as Record<
      string,
      { description?: string }
    >;
    expect(Object.keys(properties).sort()).toEqual([...(SEED[name]?.params ?? [])].sort());
    for (const [param, schema] of Object.entries(properties)) {
      expect(schema.description, param).toMatch(/\w{3}/);
    }
  });

  const bodyTools = TOOLS.filter((tool) => "mode" in tool.input.shape);
  it.each(bodyTools.map((t) => [t.name, t.fields] as const))(
    "%s: the description names the body's required fields",
    (name, required) => {
      const description = byName(name).description ?? "";
      if (required.length === 0) expect(description).not.toContain("Body requires");
      else expect(description).toContain(`Body requires ${required.join(", ")}.`);
    },
  );

  it("body tools advertise mode and request_body as an object, mode required", () => {
    for (const tool of bodyTools) {
      const schema = byName(tool.name).inputSchema as {
        properties: Record<string, { type?: string; enum?: string[] }>;
        required?: string[];
      };
      expect(schema.properties.mode?.enum).toEqual(["get_request_schema", "execute"]);
      expect(schema.properties.request_body?.type).toBe("object");
      expect(schema.required).toEqual(["mode"]);
    }
  });

  it("matches the list that src/server.ts computes for every tool (what the build inlines)", async () => {
    const { listEntry } = await import("../../src/tools/list-entry.js");
    expect(tools).toEqual(DEFAULT_TOOLS.map(listEntry));
  });
});

describe("what the schema no longer says is still enforced", () => {
  let server: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    server = await connect({ respond: () => ({ body: { id: "tag-1" } }) });
  });
  afterAll(() => server.close());

  it("no schema advertises additionalProperties: false ...", async () => {
    const { tools } = await server.mcpClient.listTools();
    for (const tool of tools) expect(tool.inputSchema).not.toHaveProperty("additionalProperties");
  });

  it("... yet an unknown argument is refused with isError, before anything is sent", async () => {
    const before = server.requests.length;
    const result = await server.call("GetEventAdminInfo", { event_id: "evt-1", evnt_id: "evt-1" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("evnt_id");
    expect(server.requests).toHaveLength(before);
  });

  it("request_body given as a JSON string is still accepted", async () => {
    const result = await server.call("CreatePersonTag", {
      mode: "execute",
      request_body: JSON.stringify({ name: "VIP" }),
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests.at(-1)?.body).toEqual({ name: "VIP" });
  });
});
