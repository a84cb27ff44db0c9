// The OpenAI Agents SDK (@openai/agents) against the built server over stdio, with its own MCP client:
// every tool converts to strict mode (no fallback, nothing printed), calls run through the SDK's own tool
// execution, and one agent turn against a stand-in for the Responses API shows what the model is sent.
import {
  Agent,
  type FunctionTool,
  getAllMcpTools,
  MCPServerStdio,
  RunContext,
  run,
  setDefaultOpenAIKey,
  setTracingDisabled,
} from "@openai/agents";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TOOLS } from "../support/catalog.js";
import {
  BAD_ARGS_MESSAGE,
  BAD_GUESTS_ARGS,
  BIN,
  firstGuestEmail,
  GUESTS_CALL,
  occurrences,
  openAiStrictProblems,
  requireBuild,
} from "./shared.js";

setTracingDisabled(true);

let server: MCPServerStdio;
let tools: FunctionTool[];
let printed: string[];
beforeAll(async () => {
  requireBuild();
  printed = [];
  const record = (...args: unknown[]) => {
    printed.push(args.map(String).join(" "));
  };
  const warn = vi.spyOn(console, "warn").mockImplementation(record);
  const error = vi.spyOn(console, "error").mockImplementation(record);
  server = new MCPServerStdio({
    name: "luma",
    command: process.execPath,
    // Every tool, the opt-in ones too.
    args: [BIN, "--sandbox", "--toolsets", "all"],
    env: { PATH: process.env.PATH ?? "" },
  });
  await server.connect();
  const agent = new Agent({ name: "luma", instructions: "x", model: "gpt-4.1" });
  tools = (await getAllMcpTools({
    mcpServers: [server],
    convertSchemasToStrict: true,
    runContext: new RunContext(),
    agent,
  })) as FunctionTool[];
  warn.mockRestore();
  error.mockRestore();
});
afterAll(() => server.close());

const byName = (name: string) => tools.find((tool) => tool.name === name) as FunctionTool;
const invoke = async (name: string, args: Record<string, unknown>) =>
  (await byName(name).invoke(new RunContext(), JSON.stringify(args))) as unknown;
const textOf = (output: unknown): string =>
  (Array.isArray(output) ? output : [output]).map((item) => (item as { text: string }).text).join("\n");

describe("strict conversion", () => {
  it("converts every tool to strict mode, printing nothing (no fallback warning)", () => {
    expect(tools).toHaveLength(TOOLS.length);
    expect(tools.filter((tool) => !tool.strict).map((tool) => tool.name)).toEqual([]);
    expect(printed).toEqual([]);
  });

  it("every converted schema follows OpenAI's strict rules (closed objects, all required)", () => {
    const problems = tools.flatMap((tool) =>
      openAiStrictProblems(tool.parameters).map((problem) => `${tool.name} ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it("optional parameters become nullable, request_body a nullable string", () => {
    const body = byName("LumaApi_CreateEvent").parameters as { properties: Record<string, unknown> };
    expect(JSON.stringify(body.properties.request_body)).toContain('{"type":"string"');
    expect(JSON.stringify(body.properties.request_body)).toContain('{"type":"null"}');
  });
});

describe("calls through the SDK's tool execution", () => {
  it("answers with the data once, as text (no structuredContent beside it)", async () => {
    const output = await invoke(GUESTS_CALL.name, GUESTS_CALL.args);
    const email = firstGuestEmail(textOf(output).split("\n")[0] as string);
    expect(occurrences(JSON.stringify(output), email)).toBe(1);
  });

  it("the nulls strict mode sends for unused parameters are not given", async () => {
    const output = await invoke("LumaApi_ListEventTicketTypes", {
      event_id: "evt-sbx0001",
      event_identifier: null,
      include_hidden_ticket_types: true,
    });
    expect(textOf(output)).toMatch(/^\{"entries":\[/);
  });

  it("request_body as the JSON string strict mode asks for", async () => {
    const output = await invoke("LumaApi_CreatePersonTag", {
      mode: "execute",
      request_body: JSON.stringify({ name: "From the Agents SDK" }),
    });
    expect(textOf(output)).toMatch(/tag-/);
  });

  it("bad arguments come back as a tool error the model can read", async () => {
    expect(textOf(await invoke(GUESTS_CALL.name, BAD_GUESTS_ARGS))).toMatch(BAD_ARGS_MESSAGE);
    const body = await invoke("LumaApi_CreatePersonTag", { mode: "execute", request_body: "{name: VIP}" });
    expect(textOf(body)).toMatch(/request_body is not valid JSON/);
  });
});

describe("one agent turn, against a stand-in for the Responses API", () => {
  it("sends the tools with strict: true and the answer to the model once", async () => {
    const bodies: Record<string, unknown>[] = [];
    const reply = (output: unknown[]) =>
      new Response(
        JSON.stringify({
          id: `resp_${bodies.length}`,
          object: "response",
          created_at: 0,
          status: "completed",
          model: "gpt-4.1",
          output,
          usage: {
            input_tokens: 1,
            output_tokens: 1,
            total_tokens: 2,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens_details: { reasoning_tokens: 0 },
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    vi.stubGlobal("fetch", async (_url: unknown, init: { body: string }) => {
      bodies.push(JSON.parse(init.body) as Record<string, unknown>);
      return bodies.length === 1
        ? reply([
            {
              type: "function_call",
              id: "fc_1",
              call_id: "call_1",
              name: GUESTS_CALL.name,
              arguments: JSON.stringify(GUESTS_CALL.args),
              status: "completed",
            },
          ])
        : reply([
            {
              type: "message",
              id: "msg_1",
              role: "assistant",
              status: "completed",
              content: [{ type: "output_text", text: "done", annotations: [] }],
            },
          ]);
    });
    setDefaultOpenAIKey("sk-stand-in");
    try {
      const agent = new Agent({
        name: "luma",
        instructions: "x",
        model: "gpt-4.1",
        mcpServers: [server],
        mcpConfig: { convertSchemasToStrict: true },
      });
      const result = await run(agent, "Who is coming to evt-sbx0001?");
      expect(result.finalOutput).toBe("done");
    } finally {
      vi.unstubAllGlobals();
    }
    const sentTools = bodies[0]?.tools as { name: string; strict: boolean }[];
    expect(sentTools).toHaveLength(TOOLS.length);
    expect(sentTools.every((tool) => tool.strict)).toBe(true);
    const input = bodies[1]?.input as { type: string; output?: unknown }[];
    const output = input.find((item) => item.type === "function_call_output")?.output;
    const sent = JSON.stringify(output);
    expect(occurrences(sent, firstGuestEmail(textOf(output).split("\n")[0] as string))).toBe(1);
    // docs/frameworks.md quotes this figure.
    expect(sent.length).toBeLessThan(8_000);
  });
});
