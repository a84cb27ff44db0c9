// Which tools a server offers: --toolsets, --tools, --exclude-tools and --read-only, checked at start-up.
import type { Config } from "../config.js";
import { ConfigError, quote } from "../config.js";
import { TOOLSETS, type Tool, type Toolset } from "./define.js";
import { TOOLS } from "./index.js";
import { WIRE_PREFIX } from "./results.js";

export interface Selection {
  tools: Tool[];
  /** Why this set, for the start-up line: "15 of 38 tools: read-only". */
  reason: string;
}

/** `LumaApi_X` (the wire name), `LumaApi.X` (the toolkit's name) or `X`. */
function findTool(name: string): Tool {
  const bare = /^LumaApi[._]/.test(name) ? name.slice(WIRE_PREFIX.length) : name;
  const tool = TOOLS.find((t) => t.name === bare);
  if (!tool) {
    throw new ConfigError(
      `Unknown tool ${quote(name)}. Valid tools: ${TOOLS.map((t) => t.name).join(", ")}.`,
    );
  }
  return tool;
}

export function selectTools(
  config: Pick<Config, "toolsets" | "tools" | "excludeTools" | "readOnly">,
): Selection {
  const reasons: string[] = [];
  for (const set of config.toolsets ?? []) {
    if (!TOOLSETS.includes(set as Toolset)) {
      throw new ConfigError(`Unknown toolset ${quote(set)}. Valid toolsets: ${TOOLSETS.join(", ")}.`);
    }
  }
  const explicit = new Set(config.tools.map((name) => findTool(name)));
  const excluded = new Set(config.excludeTools.map((name) => findTool(name)));
  const sets = config.toolsets ?? (explicit.size > 0 ? [] : TOOLSETS);
  if (config.toolsets) reasons.push(`toolsets ${config.toolsets.join(",")}`);
  if (explicit.size > 0) reasons.push(`${explicit.size} named`);
  if (excluded.size > 0) reasons.push(`${excluded.size} excluded`);
  if (config.readOnly) reasons.push("read-only");
  const tools = TOOLS.filter(
    (tool) =>
      (sets.includes(tool.toolset) || explicit.has(tool)) &&
      !excluded.has(tool) &&
      (!config.readOnly || tool.annotations.readOnlyHint === true),
  );
  const reason = reasons.length > 0 ? reasons.join(", ") : "all";
  if (tools.length === 0) {
    throw new ConfigError(
      `No tools are left to serve (${reason}); check --toolsets, --tools and --exclude-tools.`,
    );
  }
  return { tools, reason };
}
