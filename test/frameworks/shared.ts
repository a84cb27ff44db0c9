// What the framework tests share: the built server's path, the sandbox call they measure, and checkers
// for the schema rules each model provider documents (OpenAI strict mode, Anthropic, Gemini's
// OpenAPI-style subset). The checkers return the problems they find, so a test can show every one.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

export function requireBuild(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does).`);
}

/** The call docs/frameworks.md measures: the sandbox's first event, whose first guest page is its largest. */
export const GUESTS_CALL = { name: "LumaApi_GetEventGuests", args: { event_id: "evt-sbx0001" } } as const;

/** Arguments the schema accepts but the server refuses: Luma needs the event's ID under one of its names. */
export const BAD_GUESTS_ARGS = { guest_approval_status: "approved" } as const;
export const BAD_ARGS_MESSAGE = /Invalid arguments for LumaApi_GetEventGuests: event_id is required/;

/**
 * A string that occurs once in a GetEventGuests answer's JSON: its first guest's email. What a framework
 * hands the model holds it once if the answer reached the model once (escaped or not).
 */
export function firstGuestEmail(answer: string): string {
  const data = JSON.parse(answer) as { entries: { user_email: string }[] };
  const email = data.entries[0]?.user_email;
  if (!email) throw new Error("the answer has no guest");
  return email;
}

/** How often `needle` occurs in `text`: an answer that reached the model twice holds its IDs twice. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

type Schema = Record<string, unknown>;
const isObject = (value: unknown): value is Schema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function walk(schema: unknown, path: string, visit: (schema: Schema, path: string) => void): void {
  if (!isObject(schema)) return;
  visit(schema, path);
  for (const [name, child] of Object.entries((schema.properties as Schema | undefined) ?? {})) {
    walk(child, `${path}.${name}`, visit);
  }
  if (schema.items) walk(schema.items, `${path}[]`, visit);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const [i, branch] of branches.entries()) walk(branch, `${path}.${key}[${i}]`, visit);
  }
  for (const [name, child] of Object.entries((schema.$defs as Schema | undefined) ?? {})) {
    walk(child, `${path}.$defs.${name}`, visit);
  }
}

// OpenAI Structured Outputs, "Supported schemas": these keywords, every object closed
// (additionalProperties false) with every property required, and anyOf as the only union.
const OPENAI_KEYWORDS = new Set([
  "type",
  "description",
  "title",
  "enum",
  "const",
  "anyOf",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "$defs",
  "$ref",
]);
const OPENAI_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/** What OpenAI strict mode would refuse in a function's `parameters` (sent with `strict: true`). */
export function openAiStrictProblems(parameters: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(parameters) || parameters.type !== "object") return ["the root is not an object schema"];
  walk(parameters, "$", (schema, path) => {
    for (const key of Object.keys(schema)) {
      if (!OPENAI_KEYWORDS.has(key)) problems.push(`${path}: keyword ${key} is not supported`);
    }
    if (!("type" in schema || "anyOf" in schema || "enum" in schema || "const" in schema || "$ref" in schema))
      problems.push(`${path}: has no type`);
    const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
    for (const type of types) if (!OPENAI_TYPES.has(type)) problems.push(`${path}: type ${type}`);
    if (types.includes("object")) {
      if (schema.additionalProperties !== false)
        problems.push(`${path}: an object without additionalProperties: false`);
      const properties = Object.keys((schema.properties as Schema | undefined) ?? {});
      const required = (schema.required as string[] | undefined) ?? [];
      for (const name of properties)
        if (!required.includes(name)) problems.push(`${path}.${name}: not in required`);
    }
  });
  return problems;
}

/** What Anthropic refuses in a tool's `input_schema`: it must be an object schema with no top-level union. */
export function anthropicProblems(inputSchema: unknown): string[] {
  if (!isObject(inputSchema) || inputSchema.type !== "object") return ["input_schema is not type object"];
  return ["oneOf", "allOf", "anyOf"]
    .filter((key) => key in inputSchema)
    .map((key) => `input_schema does not support ${key} at the top level`);
}

// Gemini's FunctionDeclaration.parameters is an OpenAPI 3.0 Schema object, of which the API takes these
// fields; type is one scalar name, enum holds strings (for type string), and a function that takes no
// arguments leaves parameters out.
const GEMINI_KEYWORDS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);
const GEMINI_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);

/**
 * What Gemini's OpenAPI-style `parameters` would refuse or an adapter would lose, for an MCP inputSchema
 * sent the way Google documents (parameters left out when the tool takes none; `additionalProperties`,
 * which the subset lacks, dropped as every Gemini adapter does). Stricter than the API: no anyOf at all,
 * since LangChain's adapter drops a scalar union's type.
 */
export function geminiProblems(inputSchema: unknown): string[] {
  if (!isObject(inputSchema) || inputSchema.type !== "object") return ["the root is not an object schema"];
  const problems: string[] = [];
  const root = Object.keys((inputSchema.properties as Schema | undefined) ?? {}).length === 0;
  walk(inputSchema, "$", (schema, path) => {
    for (const key of Object.keys(schema)) {
      if (key === "additionalProperties" && schema[key] === false) continue;
      if (!GEMINI_KEYWORDS.has(key) || key === "anyOf") problems.push(`${path}: keyword ${key}`);
    }
    if (typeof schema.type !== "string" || !GEMINI_TYPES.has(schema.type))
      problems.push(`${path}: type ${JSON.stringify(schema.type)} is not one scalar type`);
    if (schema.enum !== undefined) {
      const values = schema.enum as unknown[];
      if (schema.type !== "string" || !values.every((value) => typeof value === "string"))
        problems.push(`${path}: enum that is not of strings`);
    }
    if (schema.type === "object" && !(root && path === "$")) {
      const properties = Object.keys((schema.properties as Schema | undefined) ?? {});
      if (properties.length === 0) problems.push(`${path}: an OBJECT with no properties`);
      for (const name of (schema.required as string[] | undefined) ?? []) {
        if (!properties.includes(name)) problems.push(`${path}: required ${name} is not a property`);
      }
    }
    if (schema.type === "array" && !isObject(schema.items)) problems.push(`${path}: an array without items`);
  });
  return problems;
}
