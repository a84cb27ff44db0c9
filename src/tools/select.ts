// Which tools a server offers: --toolsets, --tools, --exclude-tools and --read-only, checked at start-up.
//
// With no --toolsets and no --tools the server offers the default tools: the catalog without its opt-in
// tools (Tool.optIn). An opt-in tool is served when its toolset is named, when it is named itself, or with
// `--toolsets all`, which serves the whole catalog. --exclude-tools and --read-only apply to every selection.
// It selects from the real catalog (catalog.ts: the tools as data, so a start loads no toolset file) unless
// given another (the tests' small synthetic one).

import type { Config } from "../config.js";
import { ConfigError, DOCS_URL, quote } from "../config.js";
import { nearestNames } from "../nearest.js";
import { CATALOG } from "./catalog.js";
import { WIRE_PREFIX } from "./contract.js";
import { TOOLSETS, type ToolSummary } from "./define.js";

/** The toolset name that stands for every toolset, opt-in tools included. */
export const ALL_TOOLSETS = "all";

/** What a server offers when nothing is selected: every tool that is not opt-in, in catalog order. */
export const DEFAULT_TOOLS: readonly ToolSummary[] = CATALOG.filter((tool) => !tool.optIn);

export interface Selection {
  tools: ToolSummary[];
  /** Why this set, for the start-up line: "15 of 38 tools: read-only". */
  reason: string;
}

/** `LumaApi_X` (the wire name), `LumaApi.X` (the toolkit's name) or `X`. */
function findTool(name: string, catalog: readonly ToolSummary[]): ToolSummary {
  const bare = /^LumaApi[._]/.test(name) ? name.slice(WIRE_PREFIX.length) : name;
  const tool = catalog.find((t) => t.name === bare);
  if (!tool) {
    const near = nearestNames(
      bare,
      catalog.map((t) => t.name),
    );
    throw new ConfigError(
      `Unknown tool ${quote(name)}.${near.length ? ` Did you mean ${near.join(", ")}?` : ""} luma-api-mcp --help lists the toolsets; ${DOCS_URL}/tools.md every tool.`,
    );
  }
  return tool;
}

export function selectTools(
  config: Pick<Config, "toolsets" | "tools" | "excludeTools" | "readOnly">,
  catalog: readonly ToolSummary[] = CATALOG,
): Selection {
  const reasons: string[] = [];
  // The toolsets of this catalog, in TOOLSETS order.
  const toolsets: string[] = TOOLSETS.filter((set) => catalog.some((tool) => tool.toolset === set));
  for (const set of config.toolsets ?? []) {
    if (set !== ALL_TOOLSETS && !toolsets.includes(set)) {
      const near = nearestNames(set, [ALL_TOOLSETS, ...toolsets], 1);
      throw new ConfigError(
        `Unknown toolset ${quote(set)}.${near.length ? ` Did you mean ${near[0]}?` : ""} Toolsets: ${[ALL_TOOLSETS, ...toolsets].join(", ")}.`,
      );
    }
  }
  const explicit = new Set(config.tools.map((name) => findTool(name, catalog)));
  const excluded = new Set(config.excludeTools.map((name) => findTool(name, catalog)));
  const named: readonly string[] = config.toolsets ?? [];
  const all = named.includes(ALL_TOOLSETS);
  // Nothing selected: the default tools. Named toolsets serve all their tools, opt-in ones included.
  const byDefault = config.toolsets === undefined && explicit.size === 0;
  const inSelection = (tool: ToolSummary) =>
    all || named.includes(tool.toolset) || explicit.has(tool) || (byDefault && !tool.optIn);
  if (config.toolsets) reasons.push(`toolsets ${config.toolsets.join(",")}`);
  if (explicit.size > 0) reasons.push(`${explicit.size} named`);
  if (excluded.size > 0) reasons.push(`${excluded.size} excluded`);
  if (config.readOnly) reasons.push("read-only");
  const tools = catalog.filter(
    (tool) =>
      inSelection(tool) &&
      !excluded.has(tool) &&
      (!config.readOnly || tool.annotations.readOnlyHint === true),
  );
  const reason = reasons.length > 0 ? reasons.join(", ") : "default";
  if (tools.length === 0) {
    throw new ConfigError(
      `No tools are left to serve (${reason}); check --toolsets, --tools and --exclude-tools.`,
    );
  }
  return { tools, reason };
}
