// Which tools a server offers: --toolsets / LUMA_TOOLSETS, --tools / LUMA_TOOLS, --exclude-tools /
// LUMA_EXCLUDE_TOOLS and --read-only / LUMA_READ_ONLY, as parsed from flags and environment.
//
// Every rule is tested on a small synthetic catalog, so a new tool never means editing this file; the real
// catalog is held only to properties (its toolsets, its defaults, its opt-in and read-only tools).
import type { ToolAnnotations } from "@modelcontextprotocol/server";
import { describe, expect, it } from "vitest";
import { ConfigError, parseArgs } from "../../src/config.js";
import { defineParamTool, HINTS, type Tool, type ToolSummary, type Toolset } from "../../src/tools/define.js";
import {
  ALL_TOOLSETS,
  DEFAULT_TOOLS,
  OPT_IN_TOOLSETS,
  selectTools,
  TOOLS,
  TOOLSETS,
} from "../support/catalog.js";

/** A synthetic tool: nothing but what selection reads (name, toolset, opt-in, read-only hint). */
const tool = (toolset: Toolset, name: string, hints: ToolAnnotations, optIn?: boolean): Tool =>
  defineParamTool(toolset, {
    name,
    title: name,
    description: `${name}.`,
    hints,
    method: hints.readOnlyHint ? "GET" : "POST",
    path: `/synthetic/${name}`,
    params: {},
    optIn,
  });

/**
 * Three toolsets: events and guests served by default (events with one opt-in tool), webhooks opt-in as a
 * whole. Its first tool is a guests tool, so catalog order and TOOLSETS order differ.
 */
const SYNTHETIC: readonly Tool[] = [
  tool("guests", "ListGadgets", HINTS.read),
  tool("events", "ListWidgets", HINTS.read),
  tool("events", "MakeWidget", HINTS.create),
  tool("guests", "FixGadget", HINTS.update),
  tool("events", "ScrapWidget", HINTS.update, true),
  tool("webhooks", "ListHooks", HINTS.read),
  tool("webhooks", "AddHook", HINTS.create),
];

/** The synthetic selection for these flags and environment: tool names in catalog order, and the reason. */
function select(argv: string[], env: Record<string, string> = {}) {
  const selection = selectTools(parseArgs(argv, env).config, SYNTHETIC);
  return { names: selection.tools.map((t) => t.name), reason: selection.reason };
}

const namesOf = (argv: string[], env: Record<string, string> = {}) => select(argv, env).names;

/** The ConfigError these flags and environment stop start-up with, on `catalog`. */
function selectError(
  argv: string[],
  env: Record<string, string> = {},
  catalog: readonly Tool[] = SYNTHETIC,
): ConfigError {
  try {
    selectTools(parseArgs(argv, env).config, catalog);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("the synthetic catalog", () => {
  it("has webhooks as its opt-in toolset and one opt-in tool of its own in events", () => {
    expect(OPT_IN_TOOLSETS.has("webhooks")).toBe(true);
    expect(OPT_IN_TOOLSETS.has("events")).toBe(false);
    expect(OPT_IN_TOOLSETS.has("guests")).toBe(false);
    expect(SYNTHETIC.filter((t) => t.optIn).map((t) => t.name)).toEqual([
      "ScrapWidget",
      "ListHooks",
      "AddHook",
    ]);
  });
});

describe("toolsets", () => {
  it("by default: every tool that is not opt-in, in catalog order", () => {
    expect(select([])).toEqual({
      names: ["ListGadgets", "ListWidgets", "MakeWidget", "FixGadget"],
      reason: "default",
    });
  });

  it("--toolsets X serves all of X's tools, its opt-in ones included, and only those", () => {
    expect(select(["--toolsets", "events"])).toEqual({
      names: ["ListWidgets", "MakeWidget", "ScrapWidget"],
      reason: "toolsets events",
    });
    expect(namesOf(["--toolsets", "guests"])).toEqual(["ListGadgets", "FixGadget"]);
  });

  it("--toolsets of an opt-in toolset serves its tools", () => {
    expect(namesOf(["--toolsets", "webhooks"])).toEqual(["ListHooks", "AddHook"]);
  });

  it("takes several toolsets, comma-separated, with spaces, served in catalog order", () => {
    expect(select(["--toolsets", "webhooks, guests"])).toEqual({
      names: ["ListGadgets", "FixGadget", "ListHooks", "AddHook"],
      reason: "toolsets webhooks,guests",
    });
  });

  it(`--toolsets ${ALL_TOOLSETS} serves the whole catalog, in its order, with or without other toolsets`, () => {
    const whole = SYNTHETIC.map((t) => t.name);
    expect(select(["--toolsets", ALL_TOOLSETS])).toEqual({
      names: whole,
      reason: `toolsets ${ALL_TOOLSETS}`,
    });
    expect(namesOf(["--toolsets", `guests,${ALL_TOOLSETS}`])).toEqual(whole);
  });
});

describe("--tools", () => {
  it("alone serves only the named tools, under any of their three names (LumaApi_X, LumaApi.X, X)", () => {
    expect(select(["--tools", "LumaApi_ListHooks,LumaApi.MakeWidget,FixGadget"])).toEqual({
      names: ["MakeWidget", "FixGadget", "ListHooks"],
      reason: "3 named",
    });
  });

  it("serves an opt-in tool by its name alone", () => {
    expect(namesOf(["--tools", "ScrapWidget"])).toEqual(["ScrapWidget"]);
  });

  it("counts a tool named twice, under two of its names, once", () => {
    expect(select(["--tools", "MakeWidget,LumaApi_MakeWidget"])).toEqual({
      names: ["MakeWidget"],
      reason: "1 named",
    });
  });

  it("adds to the toolsets", () => {
    expect(select(["--toolsets", "guests", "--tools", "ScrapWidget"])).toEqual({
      names: ["ListGadgets", "FixGadget", "ScrapWidget"],
      reason: "toolsets guests, 1 named",
    });
  });
});

describe("--exclude-tools", () => {
  it("alone removes tools from the default tools", () => {
    expect(select(["--exclude-tools", "LumaApi_MakeWidget"])).toEqual({
      names: ["ListGadgets", "ListWidgets", "FixGadget"],
      reason: "1 excluded",
    });
  });

  it("removes tools from the toolsets, opt-in ones included", () => {
    expect(select(["--toolsets", "events", "--exclude-tools", "ScrapWidget"])).toEqual({
      names: ["ListWidgets", "MakeWidget"],
      reason: "toolsets events, 1 excluded",
    });
  });

  it("wins over --tools", () => {
    expect(select(["--tools", "MakeWidget,FixGadget", "--exclude-tools", "MakeWidget"])).toEqual({
      names: ["FixGadget"],
      reason: "2 named, 1 excluded",
    });
  });
});

describe("--read-only", () => {
  it("alone keeps the default tools whose readOnlyHint is true, not the opt-in read tools", () => {
    expect(select(["--read-only"])).toEqual({ names: ["ListGadgets", "ListWidgets"], reason: "read-only" });
  });

  it(`with --toolsets ${ALL_TOOLSETS} keeps every read tool of the catalog`, () => {
    expect(namesOf(["--toolsets", ALL_TOOLSETS, "--read-only"])).toEqual([
      "ListGadgets",
      "ListWidgets",
      "ListHooks",
    ]);
  });

  it("wins over toolsets and named tools; the reason lists every option in one order", () => {
    const argv = ["--read-only", "--exclude-tools", "ListWidgets", "--tools", "FixGadget,ListHooks"];
    expect(select([...argv, "--toolsets", "events"])).toEqual({
      names: ["ListHooks"],
      reason: "toolsets events, 2 named, 1 excluded, read-only",
    });
  });
});

describe("nothing left to serve stops start-up", () => {
  it("when --read-only leaves no named tool", () => {
    const error = selectError(["--read-only", "--tools", "MakeWidget"]);
    expect(error.message).toBe(
      "No tools are left to serve (1 named, read-only); check --toolsets, --tools and --exclude-tools.",
    );
  });

  it("when --exclude-tools removes every tool of the toolsets", () => {
    expect(selectError(["--toolsets", "webhooks", "--exclude-tools", "ListHooks,AddHook"]).message).toMatch(
      /^No tools are left to serve \(toolsets webhooks, 2 excluded\)/,
    );
  });
});

describe("environment and flag forms agree", () => {
  const pairs: [string, string[], Record<string, string>, string[]][] = [
    [
      "toolsets",
      ["--toolsets", "guests,webhooks"],
      { LUMA_TOOLSETS: "guests,webhooks" },
      ["ListGadgets", "FixGadget", "ListHooks", "AddHook"],
    ],
    ["tools", ["--tools", "ScrapWidget"], { LUMA_TOOLS: "ScrapWidget" }, ["ScrapWidget"]],
    [
      "exclude-tools",
      ["--exclude-tools", "FixGadget"],
      { LUMA_EXCLUDE_TOOLS: "FixGadget" },
      ["ListGadgets", "ListWidgets", "MakeWidget"],
    ],
    ["read-only", ["--read-only"], { LUMA_READ_ONLY: "1" }, ["ListGadgets", "ListWidgets"]],
  ];
  it.each(pairs)("%s", (_name, argv, env, expected) => {
    expect(namesOf(argv)).toEqual(expected);
    expect(select([], env)).toEqual(select(argv));
  });

  it("LUMA_READ_ONLY=true and --read-only=1 read as on, LUMA_READ_ONLY=0 as off", () => {
    expect(namesOf([], { LUMA_READ_ONLY: "true" })).toEqual(["ListGadgets", "ListWidgets"]);
    expect(namesOf(["--read-only=1"])).toEqual(["ListGadgets", "ListWidgets"]);
    expect(select([], { LUMA_READ_ONLY: "0" })).toEqual(select([]));
  });

  it("a flag overrides its environment variable", () => {
    expect(namesOf(["--toolsets", "guests"], { LUMA_TOOLSETS: "events" })).toEqual([
      "ListGadgets",
      "FixGadget",
    ]);
    expect(namesOf(["--read-only=0"], { LUMA_READ_ONLY: "1" })).toEqual(namesOf([]));
  });
});

describe("unknown names stop start-up with the valid names of the catalog", () => {
  it("an unknown toolset says which was meant and lists the catalog's toolsets, in TOOLSETS order", () => {
    expect(selectError(["--toolsets", "guests,webhook"]).message).toBe(
      `Unknown toolset "webhook". Did you mean webhooks? Toolsets: ${ALL_TOOLSETS}, events, guests, webhooks.`,
    );
  });

  it("a toolset the catalog has no tool of is unknown", () => {
    const missing = TOOLSETS.find((set) => !SYNTHETIC.some((t) => t.toolset === set)) as Toolset;
    expect(selectError(["--toolsets", missing]).message).toMatch(
      new RegExp(
        `^Unknown toolset "${missing}"\\..* Toolsets: ${ALL_TOOLSETS}, events, guests, webhooks\\.$`,
      ),
    );
  });

  it("an unknown tool in --tools says which tools of the catalog were meant", () => {
    expect(selectError(["--tools", "LumaApi_MakeWidgets"]).message).toMatch(
      /^Unknown tool "LumaApi_MakeWidgets"\. Did you mean MakeWidget\b/,
    );
    expect(selectError([], { LUMA_TOOLS: "ListGadget" }).message).toMatch(
      /^Unknown tool "ListGadget"\. Did you mean ListGadgets\b/,
    );
    expect(selectError([], { LUMA_TOOLS: "Zzzzzzzzzzzzzzzz" }).message).not.toMatch(/Did you mean/);
  });

  it("a tool of another catalog is unknown", () => {
    const real = TOOLS[0]?.name as string;
    expect(selectError(["--tools", real]).message).toContain(`Unknown tool "${real}"`);
  });

  it("an unknown tool in --exclude-tools is refused too", () => {
    expect(selectError(["--exclude-tools", "ScrapWidgets"]).message).toMatch(
      /^Unknown tool "ScrapWidgets"\. Did you mean ScrapWidget\b/,
    );
  });

  it("an unknown flag says which was meant (issue 22)", () => {
    expect(() => parseArgs(["--toolset", "all"], {})).toThrow(
      /Unknown argument "--toolset"\. Did you mean --toolsets\?/,
    );
    expect(() => parseArgs(["--frobnicate"], {})).toThrow(
      /^Unknown argument "--frobnicate"\. Run luma-api-mcp --help/,
    );
  });
});

describe("the real catalog", () => {
  /** The real selection for these flags and environment. */
  const served = (argv: string[], env: Record<string, string> = {}) =>
    selectTools(parseArgs(argv, env).config).tools;

  it("has every tool in exactly one toolset of TOOLSETS, and no toolset without tools", () => {
    for (const t of TOOLS) expect(TOOLSETS, t.name).toContain(t.toolset);
    const byToolset = TOOLSETS.map((set) => served(["--toolsets", set]));
    for (const tools of byToolset) expect(tools.length).toBeGreaterThan(0);
    const names = byToolset.flat().map((t) => t.name);
    expect(names.sort()).toEqual(TOOLS.map((t) => t.name).sort());
  });

  it("serves by default DEFAULT_TOOLS: the catalog without its opt-in tools", () => {
    expect(DEFAULT_TOOLS).toEqual(TOOLS.filter((t) => !t.optIn));
    expect(DEFAULT_TOOLS.length).toBeLessThan(TOOLS.length);
    expect(served([])).toEqual(DEFAULT_TOOLS);
    expect(served(["--toolsets", ALL_TOOLSETS])).toEqual(TOOLS);
  });

  it("has every tool of an opt-in toolset opt-in", () => {
    const inOptInToolsets = TOOLS.filter((t) => OPT_IN_TOOLSETS.has(t.toolset));
    expect(inOptInToolsets.length).toBeGreaterThan(0);
    for (const t of inOptInToolsets) expect(t.optIn, t.name).toBe(true);
  });

  it("serves with --read-only exactly the tools whose readOnlyHint is true", () => {
    const reads = (tools: readonly ToolSummary[]) => tools.filter((t) => t.annotations.readOnlyHint === true);
    expect(reads(DEFAULT_TOOLS).length).toBeGreaterThan(0);
    expect(served(["--read-only"])).toEqual(reads(DEFAULT_TOOLS));
    expect(served(["--read-only", "--toolsets", ALL_TOOLSETS])).toEqual(reads(TOOLS));
  });

  it("names every toolset on an unknown one, and says which was meant", () => {
    expect(() => served(["--toolsets", "webhook"])).toThrow(
      `Unknown toolset "webhook". Did you mean webhooks? Toolsets: ${ALL_TOOLSETS}, ${TOOLSETS.join(", ")}.`,
    );
  });

  it("says which tool was meant on an unknown one, not all the tools (issue 22)", () => {
    const message = selectError([], { LUMA_TOOLS: "LumaApi_CreateEvents" }, TOOLS).message;
    const meant = message
      .match(/^Unknown tool "LumaApi_CreateEvents"\. Did you mean ([^?]*)\?/)?.[1]
      ?.split(", ");
    expect(meant?.[0]).toBe("CreateEvent");
    expect(meant?.length).toBeLessThanOrEqual(3);
    expect(selectError([], { LUMA_TOOLS: "GetEvnt" }, TOOLS).message).toMatch(/Did you mean GetEvent/);
  });
});
