// The built bin (dist/index.js, `npm run build`) at start-up: the selection options from flags and from the
// environment, the one stderr line that says how many tools are enabled and why, exit 2 on unknown names,
// and a tools/list identical to the one the sources compute (the build inlines it).
import { describe, expect, it } from "vitest";
import { instructions } from "../../src/server.js";
import { DEFAULT_TOOLS, listEntry, READ_ONLY_TOOLS, TOOLS, TOOLSETS } from "../support/catalog.js";
import { runBin as run, spawnServer } from "../support/spawn.js";

const N = TOOLS.length;

/** Starts the built server, lists its tools, and returns them with its stderr. */
async function started(args: string[], env: Record<string, string> = {}) {
  const server = await spawnServer(args, env);
  try {
    const tools = await server.listTools();
    return { tools, instructions: server.instructions(), stderr: server.stderr() };
  } finally {
    await server.close();
  }
}

describe("the built server's tool selection", () => {
  it("says on one stderr line how many tools are enabled and why", async () => {
    const { tools, stderr } = await started(["--read-only"]);
    expect(tools).toHaveLength(READ_ONLY_TOOLS.length);
    expect(stderr.split("\n").filter((line) => line.includes(`of ${N} tools`))).toHaveLength(1);
    expect(stderr).toContain(`ready: ${READ_ONLY_TOOLS.length} of ${N} tools: read-only;`);
  });

  it("reads the selection from the environment too", async () => {
    const { tools, stderr } = await started([], {
      LUMA_TOOLSETS: "account",
      LUMA_TOOLS: "LumaApi_CreateEvent",
    });
    expect(tools.map((t) => t.name).sort()).toEqual([
      "LumaApi_CreateEvent",
      "LumaApi_GetCalendar",
      "LumaApi_GetUserInfo",
      "LumaApi_LumaEntityLookup",
    ]);
    expect(stderr).toContain(`ready: 4 of ${N} tools: toolsets account, 1 named;`);
  });

  it("stops with exit 2, no stdout, and the valid toolsets on an unknown toolset", () => {
    const result = run(["--toolsets", "events,contact"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('Unknown toolset "contact"');
    for (const set of TOOLSETS) expect(result.stderr).toContain(set);
  });

  it("stops with exit 2 and one line naming the tool that was meant on an unknown tool", () => {
    const result = run([], { LUMA_EXCLUDE_TOOLS: "CreateEvnt" });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/Unknown tool "CreateEvnt"\. Did you mean CreateEvent\b/);
  });

  it("lists exactly what the sources compute (the build's inlined list is not stale)", async () => {
    const { tools } = await started([]);
    const entries = (served: readonly { name: string }[]) =>
      served.map((tool) =>
        listEntry(tool as (typeof TOOLS)[number], (name) => served.some((t) => t.name === name)),
      );
    expect(tools).toEqual(entries(DEFAULT_TOOLS));
    const all = await started(["--toolsets", "all"]);
    expect(all.tools).toEqual(entries(TOOLS));
    // A selection that leaves out a mentioned tool: the build's entry is not used, the mention goes.
    const alone = await started(["--tools", "CreateEvent"]);
    expect(alone.tools).toEqual(entries(TOOLS.filter((tool) => tool.name === "CreateEvent")));
    expect(JSON.stringify(alone.tools)).not.toContain("GenerateUploadUrl");
  });

  it("says the instructions the sources compute (the build's inlined summaries keep every field they read)", async () => {
    expect((await started([])).instructions).toBe(instructions(DEFAULT_TOOLS));
    expect((await started(["--toolsets", "all"])).instructions).toBe(instructions(TOOLS));
    expect((await started(["--tools", "CreateEvent"])).instructions).toBe(
      instructions(TOOLS.filter((tool) => tool.name === "CreateEvent")),
    );
  });
});
