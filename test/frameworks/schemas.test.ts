// Every tool's input schema, as the built server lists it, against the rules of each model provider:
// Gemini's OpenAPI-style subset, Anthropic's input_schema, and no construct an adapter loses (unions,
// type arrays, null). The checkers are shown to refuse the shapes the server used to send.

import { readFileSync } from "node:fs";
import type { Tool as McpTool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_TOOLS, TOOLS, wireNames } from "../support/catalog.js";
import { spawnServer } from "../support/spawn.js";
import { anthropicProblems, geminiProblems, openAiStrictProblems, requireBuild } from "./shared.js";

let server: Awaited<ReturnType<typeof spawnServer>>;
let tools: McpTool[];
beforeAll(async () => {
  requireBuild();
  // Every tool, the opt-in ones too.
  server = await spawnServer(["--sandbox", "--toolsets", "all"]);
  tools = (await server.client.listTools()).tools;
});
afterAll(() => server.close());

/** Shapes the server advertised before: each one breaks a provider or an adapter. */
const FORMER = {
  includeHidden: {
    type: "object",
    properties: {
      include_hidden_ticket_types: {
        anyOf: [{ type: "boolean" }, { type: "string", enum: ["true", "false"] }],
      },
    },
  },
  openBody: {
    type: "object",
    properties: { mode: { type: "string", enum: ["execute"] }, request_body: { type: "object" } },
    required: ["mode"],
  },
  nullable: { type: "object", properties: { limit: { type: ["integer", "null"] } } },
};

describe("the schema checkers refuse what breaks a provider", () => {
  it("Gemini: a union, an OBJECT without properties, a type array", () => {
    expect(geminiProblems(FORMER.includeHidden)).toEqual([
      "$.include_hidden_ticket_types: keyword anyOf",
      "$.include_hidden_ticket_types: type undefined is not one scalar type",
    ]);
    expect(geminiProblems(FORMER.openBody)).toEqual(["$.request_body: an OBJECT with no properties"]);
    expect(geminiProblems(FORMER.nullable)).toHaveLength(1);
  });

  it("OpenAI strict: an open object inside, as the Agents SDK's conversion leaves it", () => {
    const converted = {
      type: "object",
      properties: {
        mode: { type: "string", enum: ["execute"] },
        request_body: { anyOf: [{ type: "object" }, { type: "null" }] },
      },
      required: ["mode", "request_body"],
      additionalProperties: false,
    };
    expect(openAiStrictProblems(converted)).toEqual([
      "$.request_body.anyOf[0]: an object without additionalProperties: false",
    ]);
  });

  it("Anthropic: a top-level union", () => {
    expect(anthropicProblems({ type: "object", anyOf: [] })).toEqual([
      "input_schema does not support anyOf at the top level",
    ]);
  });
});

describe("every listed tool converts for every provider", () => {
  it("lists every tool of the catalog", () =>
    expect(tools.map((tool) => tool.name)).toEqual(wireNames(TOOLS)));

  it("Gemini's OpenAPI-style parameters: nothing refused or lost", () => {
    const problems = tools.flatMap((tool) =>
      geminiProblems(tool.inputSchema).map((p) => `${tool.name} ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("Gemini's parametersJsonSchema and Anthropic's input_schema take the schema as it is", () => {
    const problems = tools.flatMap((tool) =>
      anthropicProblems(tool.inputSchema).map((p) => `${tool.name} ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("no anyOf, oneOf, allOf, $ref, type array or null anywhere (adapters lose or refuse them)", () => {
    const text = JSON.stringify(tools.map((tool) => tool.inputSchema));
    for (const construct of ['"anyOf"', '"oneOf"', '"allOf"', '"$ref"', '"type":[', '"null"']) {
      expect(text).not.toContain(construct);
    }
  });

  it("the tools that take no argument are a closed object with empty properties (OpenAI strict mode)", () => {
    const empty = tools.filter((tool) => Object.keys(tool.inputSchema.properties ?? {}).length === 0);
    const noArguments = TOOLS.filter((tool) => Object.keys(tool.input.shape).length === 0);
    expect(empty.map((tool) => tool.name).sort()).toEqual(wireNames(noArguments).sort());
    for (const tool of empty) {
      expect(tool.inputSchema).toEqual({ type: "object", properties: {}, additionalProperties: false });
    }
  });

  it("request_body is a JSON string everywhere, so strict mode needs no open object", () => {
    const bodies = tools.filter((tool) => tool.inputSchema.properties?.request_body);
    expect(bodies).toHaveLength(BODY_TOOLS.length);
    for (const tool of bodies) {
      expect(tool.inputSchema.properties?.request_body).toMatchObject({ type: "string" });
    }
  });
});

describe("docs/frameworks.md states only what CI measures", () => {
  const doc = readFileSync(new URL("../../docs/frameworks.md", import.meta.url), "utf8");
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    devDependencies: Record<string, string>;
  };

  it("names the framework versions package.json pins, and no figure that CI does not measure", () => {
    for (const name of [
      "@openai/agents",
      "@langchain/mcp-adapters",
      "@langchain/core",
      "@langchain/langgraph",
    ]) {
      expect(doc, name).toContain(`\`${name}\` ${pkg.devDependencies[name]}`);
    }
    // Counts of tools and token figures change with every tool: the page names none (the tests and the
    // bench report measure them).
    expect(doc).not.toMatch(/\b\d+\/\d+\b/);
    expect(doc.replace("budget of 6,000 o200k tokens", "")).not.toMatch(/\b\d{1,2},\d{3} (o200k )?tokens/);
  });
});
