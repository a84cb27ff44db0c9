// Contract: every path and field name a tool can send exists in Luma's published path list
// (test/fixtures/luma-paths.json, derived from Luma's OpenAPI of 2026-08-07).
import { describe, expect, it } from "vitest";
import paramToolBodies from "../../src/schemas/param-tool-bodies.json" with { type: "json" };
import bodies from "../../src/schemas/request-bodies.json" with { type: "json" };
import lumaPaths from "../fixtures/luma-paths.json" with { type: "json" };
import { TOOLS } from "../support/catalog.js";

type PathList = Record<string, Partial<Record<"GET" | "POST", { body: string[]; query: string[] }>>>;
const PATHS = lumaPaths as PathList;

/** Top-level property names of a request-body schema, across allOf/oneOf/anyOf branches. */
function bodyFields(schema: unknown): string[] {
  const s = schema as { properties?: object; allOf?: unknown[]; oneOf?: unknown[]; anyOf?: unknown[] };
  return [
    ...Object.keys(s.properties ?? {}),
    ...[...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])].flatMap(bodyFields),
  ];
}

describe("tools speak Luma's published API", () => {
  it.each(TOOLS.map((tool) => [tool.name, tool] as const))(
    "%s uses a published path, method and fields",
    (_, tool) => {
      const operation = PATHS[tool.path]?.[tool.method];
      expect(operation, `${tool.method} ${tool.path} is not in Luma's path list`).toBeDefined();
      const published = tool.method === "GET" ? operation?.query : operation?.body;
      expect(published).toEqual(expect.arrayContaining(tool.fields));
    },
  );

  it.each([...Object.entries(bodies), ...Object.entries(paramToolBodies)])(
    "the vendored body schema of %s names only published fields",
    (path, schema) => {
      const published = PATHS[path]?.POST?.body ?? [];
      expect(published).toEqual(expect.arrayContaining([...new Set(bodyFields(schema))]));
    },
  );

  // That a schema is bundled for exactly the body tools' paths is test/tools/catalog.test.ts's.
});
