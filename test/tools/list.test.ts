// What the model sees in tools/list. Every tool's entry, the opt-in ones too, is checked in, one file per
// tool (test/__toolsnaps__/<Name>.json, as `--toolsets all` lists it), so any change to a name, title, hint,
// description or input schema shows in review, next to the tool it changes; update them on purpose with
// `npx vitest run test/tools/list.test.ts -u`, and a new tool's file is written on its first run. The tests below say which part of an entry must stay as it is: each tool's title and
// hints, the seed's sentence and parameters, what a body tool's description and schema say. What the list
// costs in tokens is test/server/context.test.ts's; that the built server lists the same is
// test/e2e/tool-selection.test.ts's.
import { beforeAll, describe, expect, it } from "vitest";
import { TOKEN_PARAM } from "../../src/tools/define.js";
import {
  TOOLS as ALL_TOOLS,
  BODY_TOOLS,
  DEFAULT_TOOLS as TOOLS,
  TOOLSETS,
  wireNames,
} from "../support/catalog.js";
import { connect, type RawAnswers, rawAnswers } from "../support/in-process.js";
import type { ListedTool } from "../support/results.js";
import { SEED } from "./seed.js";

describe("tools/list", () => {
  let tools: ListedTool[];
  /** `--toolsets all`'s answer, asked once for the per-tool entries. */
  let everything: Promise<RawAnswers> | undefined;
  beforeAll(async () => {
    const server = await connect();
    tools = await server.listTools();
    await server.close();
  });

  it.each(ALL_TOOLS.map((tool) => tool.name))("%s matches its checked-in entry", async (name) => {
    everything ??= rawAnswers({ config: { toolsets: ["all"] } });
    const entry = (await everything).tools.find((tool) => tool.name === `LumaApi_${name}`);
    await expect(`${JSON.stringify(entry, null, 2)}\n`).toMatchFileSnapshot(`../__toolsnaps__/${name}.json`);
  });

  it(`lists the ${TOOLS.length} default tools in catalog order, named LumaApi_<Name>, each with an object input schema`, () => {
    expect(tools.map((tool) => tool.name)).toEqual(wireNames(TOOLS));
    for (const tool of tools) {
      expect(tool.name).toMatch(/^LumaApi_[A-Za-z]+$/);
      expect(tool.inputSchema.type, tool.name).toBe("object");
    }
  });

  it("only parameterless tools advertise additionalProperties: false (an unknown argument is refused all the same)", () => {
    for (const tool of tools) {
      const parameterless = Object.keys(tool.inputSchema.properties ?? {}).length === 0;
      if (parameterless) expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      else expect(tool.inputSchema, tool.name).not.toHaveProperty("additionalProperties");
    }
  });
});

describe("what each entry keeps", () => {
  // As the server sends it: raw JSON-RPC, no client in between.
  let tools: ListedTool[];
  beforeAll(async () => {
    tools = (await rawAnswers()).tools;
  });
  const byName = (name: string) => tools.find((tool) => tool.name === `LumaApi_${name}`) as ListedTool;
  const names = TOOLS.map((tool) => tool.name);

  it.each(names)("%s: keeps its title", (name) => {
    expect(byName(name).title).toBeTruthy();
    expect(byName(name).title).toBe(TOOLS.find((t) => t.name === name)?.title);
  });

  it.each(names)("%s: all four hints, set explicitly", (name) => {
    const annotations = byName(name).annotations;
    expect(annotations).toEqual(TOOLS.find((t) => t.name === name)?.annotations);
    expect(Object.keys(annotations ?? {}).sort()).toEqual([
      "destructiveHint",
      "idempotentHint",
      "openWorldHint",
      "readOnlyHint",
    ]);
    for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
      expect(typeof annotations?.[hint]).toBe("boolean");
    }
  });

  it.each(Object.keys(SEED))("%s: the description opens with the seed's sentence", (name) => {
    expect(byName(name).description?.startsWith(SEED[name]?.sentence ?? "?")).toBe(true);
  });

  it.each(Object.keys(SEED))("%s: every seed parameter, each with a description", (name) => {
    const properties = (byName(name).inputSchema.properties ?? {}) as Record<
      string,
      { description?: string }
    >;
    // A tool that emails, charges or deletes also takes the token of a confirmed preview.
    const extra = ALL_TOOLS.find((tool) => tool.name === name)?.consequences.length ? [TOKEN_PARAM] : [];
    extra.push(...(SEED[name]?.added ?? []));
    expect(Object.keys(properties).sort()).toEqual([...(SEED[name]?.params ?? []), ...extra].sort());
    for (const [param, schema] of Object.entries(properties)) {
      expect(schema.description, param).toMatch(/\w{3}/);
    }
  });

  it.each(BODY_TOOLS.map((t) => [t.name, t.fields] as const))(
    "%s: the description names the body's required fields",
    (name, required) => {
      const description = byName(name).description ?? "";
      if (required.length === 0) expect(description).not.toContain("Body requires");
      else expect(description).toContain(`Body requires ${required.join(", ")}.`);
    },
  );

  it("body tools advertise mode and request_body as a JSON string, mode required", () => {
    for (const tool of BODY_TOOLS) {
      const schema = byName(tool.name).inputSchema as {
        properties: Record<string, { type?: string; enum?: string[] }>;
        required?: string[];
      };
      expect(schema.properties.mode?.enum).toEqual(["get_request_schema", "execute"]);
      expect(schema.properties.request_body?.type).toBe("string");
      expect(schema.required).toEqual(["mode"]);
    }
  });
});

describe("texts name only the tools a selection serves (issue 17)", () => {
  const names = ALL_TOOLS.map((tool) => tool.name);
  /** The catalog tools a served list's texts name (descriptions and parameter descriptions) but does not serve. */
  const unserved = (answers: RawAnswers) => {
    const served = new Set(answers.tools.map((tool) => tool.name.replace(/^LumaApi_/, "")));
    const text = `${answers.instructions} ${JSON.stringify(answers.tools)}`;
    return names.filter((name) => !served.has(name) && new RegExp(`\\b${name}\\b`).test(text));
  };

  it.each(["default", ...TOOLSETS, "all"])("toolset %s alone", async (toolset) => {
    const answers = await rawAnswers({ config: toolset === "default" ? {} : { toolsets: [toolset] } });
    expect(answers.tools.length).toBeGreaterThan(0);
    expect(unserved(answers)).toEqual([]);
  });

  it.each(names)("%s alone", async (name) => {
    const answers = await rawAnswers({ config: { toolsets: [], tools: [name] } });
    expect(answers.tools.map((tool) => tool.name)).toEqual([`LumaApi_${name}`]);
    expect(unserved(answers)).toEqual([]);
  });
});
