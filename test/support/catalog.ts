// The catalog as the tests count it: every number of tools a test expects is derived from TOOLS here, never
// written out. Also what the server derives from it (the tool selection, the instructions, the tools/list
// entries), so test files reach the server's modules through test/support only.
import { parseArgs } from "../../src/config.js";
import { TOOLS } from "../../src/tools/index.js";
import { DEFAULT_TOOLS, selectTools } from "../../src/tools/select.js";

export { instructions } from "../../src/server.js";
export { OPT_IN_TOOLSETS, TOKEN_PARAM, TOOLSETS } from "../../src/tools/define.js";
export { listEntry } from "../../src/tools/list-entry.js";
export { ALL_TOOLSETS } from "../../src/tools/select.js";
/** TOOLS: the whole catalog, opt-in tools included (`--toolsets all`); DEFAULT_TOOLS: what a server with
 * no selection serves, the catalog without its opt-in tools. */
export { DEFAULT_TOOLS, selectTools, TOOLS };

/** The opt-in tools: served only when their toolset or they are named, or with `--toolsets all`. */
export const OPT_IN_TOOLS = TOOLS.filter((tool) => tool.optIn);
/** The default tools whose readOnlyHint is true: what --read-only serves. */
export const READ_ONLY_TOOLS = DEFAULT_TOOLS.filter((tool) => tool.annotations.readOnlyHint === true);
/** The tools that take `mode` + `request_body`. */
export const BODY_TOOLS = TOOLS.filter((tool) => tool.kind === "body");
/** The tools whose parameters map onto Luma's fields. */
export const PARAM_TOOLS = TOOLS.filter((tool) => tool.kind === "params");

/** The wire names (LumaApi_<Name>) of `tools`, in their order. */
export const wireNames = (tools: readonly { name: string }[]) => tools.map((tool) => `LumaApi_${tool.name}`);

/** The tools a server started with these arguments and environment serves. */
export const servedTools = (args: string[] = [], env: Record<string, string | undefined> = {}) =>
  selectTools(parseArgs(args, env).config).tools;
