// A tool's tools/list entry: name, title, description, annotations and its input as compact JSON Schema.
// scripts/build.mjs computes every entry from these same sources at build time and inlines them.
import type { Tool as McpTool } from "@modelcontextprotocol/server";
import { z } from "zod";
import { describeFor, type Tool, type ToolSummary } from "./define.js";

/**
 * The tools/list entries as scripts/build.mjs computed them from these same sources (markedEntry), keyed by
 * wire name, as JSON text, so the bundle's cold start skips zod's JSON Schema conversion (about 20 ms on a small machine)
 * and needs no zod schema at all. Undefined when running from source (tests), where they are computed on
 * the spot.
 */
declare const __LUMA_TOOL_LIST__: string | undefined;
const BUILT_LIST: Record<string, McpTool> | undefined =
  typeof __LUMA_TOOL_LIST__ === "undefined" ? undefined : JSON.parse(__LUMA_TOOL_LIST__);

/**
 * zod's JSON Schema minus what costs tokens and tells a model nothing: `$schema`, the root's
 * `"additionalProperties": false` (about 190 tokens over 38 tools; unknown arguments are still refused,
 * with an isError naming them, by the strictObject each tool parses with), a record's `{}` value schema
 * and string `propertyNames`, and a `maximum` that only restates the safe-integer range.
 *
 * Every entry has to convert unchanged in the agent frameworks (docs/frameworks.md): OpenAI strict mode
 * (the Agents SDK's conversion), Anthropic, and Gemini's `parametersJsonSchema` and OpenAPI-style
 * `parameters`. So no schema has a union, a type array, an open object or `null`: optional parameters are
 * left out of `required`, each with one type. The string-or-object request_body is advertised as the
 * string: an open object is refused by strict mode (every object needs its properties listed) and
 * collapses to a bare OBJECT for Gemini, while a union loses its type in LangChain. An object is still
 * accepted from callers that send one.
 */
function toolInputSchema(tool: Tool): McpTool["inputSchema"] {
  const schema = z.toJSONSchema(tool.input) as Record<string, unknown>;
  delete schema.$schema;
  // A tool without parameters keeps `additionalProperties: false`: strict converters (the OpenAI Agents
  // SDK's) refuse a property-less object as open. Elsewhere it is left out, as every converter adds it.
  const parameterless = Object.keys((schema.properties as object | undefined) ?? {}).length === 0;
  if (schema.additionalProperties === false && !parameterless) delete schema.additionalProperties;
  return JSON.parse(JSON.stringify(schema), (key, value) => {
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) return undefined;
    if (key === "propertyNames" && value?.type === "string") return undefined;
    if (key === "additionalProperties" && isEmptyObject(value)) return undefined;
    if (isStringOrObject(value)) {
      const { anyOf: _, ...rest } = value as Record<string, unknown>;
      return { type: "string", ...rest };
    }
    return value;
  }) as McpTool["inputSchema"];
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

function isStringOrObject(value: unknown): boolean {
  const anyOf = (value as { anyOf?: unknown } | null)?.anyOf;
  return (
    Array.isArray(anyOf) &&
    anyOf.length === 2 &&
    anyOf.some((s) => s?.type === "string" && Object.keys(s).length === 1) &&
    anyOf.some((s) => s?.type === "object" && Object.keys(s).length === 1)
  );
}

/**
 * The entry with every [[segment]] still marked, in its description and its parameters' (what the build
 * inlines): listEntry renders it for a selection.
 */
export function markedEntry(tool: Tool): McpTool {
  return {
    name: tool.wireName,
    title: tool.title,
    description: tool.source,
    inputSchema: toolInputSchema(tool),
    annotations: tool.annotations,
  };
}

/**
 * The entry as a selection serves it: a description mentions another tool only when that tool is served
 * (`serves`, by name; every tool when left out). Built, the entry is the build's; from source each summary
 * is the Tool itself (Tool extends ToolSummary), whose schema is converted here.
 */
export function listEntry(tool: ToolSummary, serves: (name: string) => boolean = () => true): McpTool {
  const marked = BUILT_LIST?.[tool.wireName] ?? ("input" in tool ? markedEntry(tool as Tool) : undefined);
  if (!marked) throw new Error(`${tool.name}: no tools/list entry was built for it`);
  // Every "description", the tool's and its parameters': the same marks, kept or dropped alike.
  return JSON.parse(JSON.stringify(marked), (key, value) =>
    key === "description" && typeof value === "string" ? describeFor(value, serves) : value,
  );
}
