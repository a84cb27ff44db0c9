// What a tools/call result and a tools/list entry are, and how tests read them. The types come from the MCP
// SDK here only, so test files do not depend on where the SDK keeps them.
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";

export { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
export type { CallToolResult };
/** One entry of a tools/list answer. */
export type ListedTool = Tool;

/** The text items of a result, each one string, empty ones left out. */
export function texts(result: CallToolResult): string[] {
  return result.content.map((item) => (item.type === "text" ? item.text : "")).filter(Boolean);
}

/** The text of a result: its text items, one per line. */
export function textOf(result: CallToolResult): string {
  return result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
}

/** The JSON answer of a successful call; throws with the result when it failed. */
export function json(result: CallToolResult): Record<string, unknown> {
  const first = result.content[0];
  if (result.isError || first?.type !== "text")
    throw new Error(`tool failed: ${JSON.stringify(result.content)}`);
  return JSON.parse(first.text) as Record<string, unknown>;
}
