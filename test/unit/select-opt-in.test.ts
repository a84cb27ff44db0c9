// How the opt-in tools (Tool.optIn) are selected: never by default; with their toolset, by name, or with
// --toolsets all; --read-only and --exclude-tools apply to them like to every tool.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import {
  ALL_TOOLSETS,
  DEFAULT_TOOLS,
  OPT_IN_TOOLS as OPT_IN,
  OPT_IN_TOOLSETS,
  servedTools,
  TOOLS,
  TOOLSETS,
} from "../support/catalog.js";

const select = (argv: string[], env: Record<string, string> = {}) =>
  servedTools(argv, env).map((tool) => tool.name);
const names = (tools: readonly { name: string }[]) => tools.map((tool) => tool.name);

describe("opt-in tools", () => {
  it("exist, and none is served by default", () => {
    expect(OPT_IN.length).toBeGreaterThan(0);
    expect(select([])).toEqual(names(DEFAULT_TOOLS));
    for (const tool of OPT_IN) expect(select([])).not.toContain(tool.name);
  });

  it("are every tool of the opt-in toolsets", () => {
    for (const tool of TOOLS) {
      if (OPT_IN_TOOLSETS.has(tool.toolset)) expect(tool.optIn, tool.name).toBe(true);
    }
  });

  it(`--toolsets ${ALL_TOOLSETS} serves the whole catalog, in its order`, () => {
    expect(select(["--toolsets", ALL_TOOLSETS])).toEqual(names(TOOLS));
    expect(select([], { LUMA_TOOLSETS: `events,${ALL_TOOLSETS}` })).toEqual(names(TOOLS));
  });

  it.each(TOOLSETS.map((set) => [set] as const))("--toolsets %s serves all of its tools", (set) => {
    expect(select(["--toolsets", set])).toEqual(names(TOOLS.filter((tool) => tool.toolset === set)));
  });

  it.each(OPT_IN.map((tool) => [tool.name] as const))("--tools %s serves it alone", (name) => {
    expect(select(["--tools", name])).toEqual([name]);
  });

  it("--read-only keeps only the read tools of every selection", () => {
    const reads = names(TOOLS.filter((tool) => tool.annotations.readOnlyHint));
    expect(select(["--toolsets", ALL_TOOLSETS, "--read-only"])).toEqual(reads);
    expect(select(["--toolsets", "webhooks", "--read-only"])).toEqual(["ListWebhooks", "GetWebhook"]);
    expect(select(["--read-only"])).toEqual(names(DEFAULT_TOOLS.filter((t) => t.annotations.readOnlyHint)));
  });

  it("--exclude-tools removes opt-in tools too", () => {
    const without = select(["--toolsets", "events", "--exclude-tools", "CancelEvent"]);
    expect(without).toContain("RequestEventCancellation");
    expect(without).not.toContain("CancelEvent");
  });

  it(`an unknown toolset says which was meant and names "${ALL_TOOLSETS}" among the valid ones`, () => {
    expect(() => select(["--toolsets", "webhook"])).toThrow(ConfigError);
    expect(() => select(["--toolsets", "webhook"])).toThrow(
      new RegExp(`Did you mean webhooks\\? Toolsets: ${ALL_TOOLSETS}, ${TOOLSETS.join(", ")}\\.`),
    );
  });
});
