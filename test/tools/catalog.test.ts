// Invariants of the tool catalog (TOOLS in src/tools/index.ts) and of what hangs off it: the sandbox's route
// table, the vendored request and response schemas, and the names, hints and
// descriptions that clients see. Each test checks one rule for one tool (or route, or schema) and names it.
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../src/sandbox/routes.js";
import paramToolBodies from "../../src/schemas/param-tool-bodies.json" with { type: "json" };
import bodies from "../../src/schemas/request-bodies.json" with { type: "json" };
import type { Tool } from "../../src/tools/define.js";
import responseSchemas from "../fixtures/luma-response-schemas.json" with { type: "json" };
import { BODY_TOOLS, TOOLS } from "../support/catalog.js";

const operation = (x: { method: string; path: string }) => `${x.method} ${x.path}`;
const rows = (tools: readonly Tool[]) => tools.map((tool) => [tool.name, tool] as const);
const BY_NAME = new Map(TOOLS.map((tool) => [tool.name, tool]));

// Every read tool of the catalog, opt-in ones included (READ_ONLY_TOOLS is what --read-only serves by default).
const READ_TOOLS = TOOLS.filter((tool) => tool.annotations.readOnlyHint === true);
const POST_PARAM_TOOLS = TOOLS.filter((tool) => tool.kind === "params" && tool.method === "POST");
// Routes newer than Luma's spec (only in its path list) have no schemas to vendor.
const ROUTE_OPERATIONS = ROUTES.map(operation);

describe("readWith", () => {
  const withReader = TOOLS.filter((tool) => tool.readWith !== undefined);

  it.each(rows(withReader))("%s: readWith names a tool of the catalog", (name, tool) => {
    expect(BY_NAME.has(tool.readWith ?? ""), `${name}.readWith is ${tool.readWith}`).toBe(true);
  });

  // Only readers that exist: a name that is not in the catalog fails the test above, not this one.
  it.each(rows(withReader.filter((tool) => BY_NAME.has(tool.readWith ?? ""))))(
    "%s: readWith names a read-only tool",
    (name, tool) => {
      const reader = BY_NAME.get(tool.readWith ?? "");
      expect(reader?.annotations.readOnlyHint, `${name}.readWith is ${tool.readWith}`).toBe(true);
    },
  );
});

describe("the sandbox serves the catalog", () => {
  it.each(rows(TOOLS))("%s: its method and path are a sandbox route", (_, tool) => {
    expect(ROUTE_OPERATIONS).toContain(operation(tool));
  });

  it.each(ROUTE_OPERATIONS)("the sandbox route %s is called by a tool", (route) => {
    expect(TOOLS.map(operation)).toContain(route);
  });

  it.each(rows(TOOLS))("%s: its operation has a vendored 200-response schema", (_, tool) => {
    expect(Object.keys(responseSchemas)).toContain(operation(tool));
  });

  it.each(Object.keys(responseSchemas))("the vendored response schema of %s belongs to a tool", (key) => {
    expect(TOOLS.map(operation)).toContain(key);
  });
});

describe("hints", () => {
  it.each(rows(TOOLS))("%s sets all four hints", (_, tool) => {
    const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = tool.annotations;
    expect([readOnlyHint, destructiveHint, idempotentHint, openWorldHint].map((h) => typeof h)).toEqual([
      "boolean",
      "boolean",
      "boolean",
      "boolean",
    ]);
  });

  // Every tool talks to Luma, a system outside the server.
  it.each(rows(TOOLS))("%s is open-world", (_, tool) => {
    expect(tool.annotations.openWorldHint).toBe(true);
  });

  it.each(rows(READ_TOOLS))("%s (read-only) is not destructive", (_, tool) => {
    expect(tool.annotations.destructiveHint).toBe(false);
  });

  it.each(rows(READ_TOOLS))("%s (read-only) is idempotent", (_, tool) => {
    expect(tool.annotations.idempotentHint).toBe(true);
  });

  // Luma reads with GET and writes with POST, so the HTTP method decides whether a tool is read-only.
  it.each(rows(TOOLS))("%s is read-only exactly when it calls a GET route", (_, tool) => {
    expect(tool.annotations.readOnlyHint).toBe(tool.method === "GET");
  });
});

describe("names and descriptions", () => {
  // The longest description is AddEventGuests' at 270 characters; 300 leaves a little room. A longer one
  // costs every client tokens on every tools/list: shorten it, or raise the budget on purpose.
  const DESCRIPTION_BUDGET = 300;

  it.each(rows(TOOLS))(`%s's description is at most ${DESCRIPTION_BUDGET} characters`, (_, tool) => {
    expect(tool.description.length).toBeLessThanOrEqual(DESCRIPTION_BUDGET);
  });

  it.each(rows(TOOLS))("%s's wire name is LumaApi_ + its name", (name, tool) => {
    expect(tool.wireName).toBe(`LumaApi_${name}`);
  });

  // Most model APIs take tool names of [A-Za-z0-9_-]{1,64}.
  it.each(rows(TOOLS))("%s's wire name is a legal tool name for model APIs", (_, tool) => {
    expect(tool.wireName).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it.each(rows(TOOLS))("%s's wire name is unique", (_, tool) => {
    expect(TOOLS.filter((other) => other.wireName === tool.wireName)).toHaveLength(1);
  });
});

describe("request schemas", () => {
  it.each(rows(BODY_TOOLS))("%s (body tool) calls a POST route", (_, tool) => {
    expect(tool.method).toBe("POST");
  });

  it.each(rows(BODY_TOOLS))("%s (body tool) has a bundled request schema", (_, tool) => {
    expect(Object.keys(bodies)).toContain(tool.path);
  });

  it.each(Object.keys(bodies))("the bundled request schema of %s belongs to a body tool", (path) => {
    expect(BODY_TOOLS.map((tool) => tool.path)).toContain(path);
  });

  // The sandbox checks every POST body, also those the parameter tools build from their parameters.
  it.each(rows(POST_PARAM_TOOLS))("%s (POST parameter tool) has a vendored request schema", (_, tool) => {
    expect(Object.keys(paramToolBodies)).toContain(tool.path);
  });

  it.each(Object.keys(paramToolBodies))(
    "the vendored request schema of %s belongs to a POST parameter tool",
    (path) => {
      expect(POST_PARAM_TOOLS.map((tool) => tool.path)).toContain(path);
    },
  );
});

describe("opt-in tools", () => {
  const OPT_IN = TOOLS.filter((tool) => tool.optIn);

  // The default list is the catalog up to the first opt-in tool: opt-in tools come last, by toolset.
  it("come after every default tool in the catalog", () => {
    const first = TOOLS.findIndex((tool) => tool.optIn);
    expect(first).toBeGreaterThan(0);
    expect(TOOLS.slice(first).every((tool) => tool.optIn)).toBe(true);
  });

  it.each(rows(OPT_IN.filter((tool) => tool.readWith !== undefined)))(
    "%s: its readWith tool is of its own toolset, or a default tool",
    (_, tool) => {
      const reader = BY_NAME.get(tool.readWith ?? "");
      expect(reader && (reader.toolset === tool.toolset || !reader.optIn)).toBe(true);
    },
  );
});
