// Property-based fuzzing of every tool's arguments, as they arrive over the wire (JSON text): wrong types,
// extra and missing keys, huge strings, `__proto__`/`constructor` keys, control characters, lone
// surrogates. Every answer must be a well-formed tool result; arguments the tool's schema refuses must come
// back as "Invalid arguments" without a request reaching Luma (MockAgent counts them); nothing is polluted.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Tool } from "../../src/tools/define.js";
import { TOOLS } from "../support/catalog.js";
import { connect } from "../support/in-process.js";
import { CallToolResultSchema, textOf } from "../support/results.js";

const NUM_RUNS = 40;
/** Runs per tool before the tests that check what fuzzing left behind. */
const AFTER_RUNS = 5;
const HUGE = "x".repeat(1 << 20);
const ODD_STRINGS = ["", " ", "\u0000\u0001\u001f", "\u202e", "😀", "\ud800", "null", "{}", "[]", "1e309"];
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(...ODD_STRINGS, HUGE, "a".repeat(9000), '{"__proto__":{"polluted":1}}', "evt-1"),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS));
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(key, scalar, { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Values for one argument: anything, plus plausible ones so that some calls are valid and reach Luma. */
function valueFor(tool: Tool, name: string): fc.Arbitrary<unknown> {
  if (name === "mode") return fc.oneof(fc.constantFrom("execute", "get_request_schema"), value);
  if (name === "request_body") {
    const body = fc.dictionary(fc.oneof(fc.constantFrom("name", ...tool.fields), key), value, { maxKeys: 5 });
    return fc.oneof(
      value,
      body,
      body.map((b) => JSON.stringify(b)),
    );
  }
  return fc.oneof(value, fc.constantFrom("evt-1", "a@example.com", 5, true, ["a@example.com"]));
}

/** An arguments object as JSON text would give it: `__proto__` stays an own key, the last duplicate wins. */
function argsFor(tool: Tool): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(tool.input.shape);
  const entry = fc
    .oneof(fc.constantFrom(...(names.length ? names : ["none"])), key)
    .chain((name) => valueFor(tool, name).map((v) => [name, v] as const));
  return fc.array(entry, { maxLength: 5 }).map((entries) => {
    const json = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",");
    return JSON.parse(`{${json}}`) as Record<string, unknown>;
  });
}

/**
 * What the tool's schema gets: the SDK's own validation drops a top-level `__proto__` key, and a `null` for
 * one of the tool's parameters means "not given" (what OpenAI strict mode sends for an unused one).
 */
function asReceived(tool: Tool, args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).filter(
      ([k, v]) => k !== "__proto__" && !(v === null && Object.hasOwn(tool.input.shape, k)),
    ),
  );
}

type Server = Awaited<ReturnType<typeof connect>>;

/** Calls `tool` with `numRuns` fuzzed arguments on `server`, checking each answer. */
async function fuzz(server: Server, tool: Tool, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(argsFor(tool), async (args) => {
      const before = server.requests.length;
      const result = await server.call(tool.name, args);
      const sent = server.requests.length - before;
      const text = textOf(result);

      expect(CallToolResultSchema.safeParse(result).success, "not a well-formed tool result").toBe(true);
      expect(result.content.length).toBeGreaterThan(0);
      for (const item of result.content) expect(item.type).toBe("text");
      expect(result.isError === undefined || typeof result.isError === "boolean").toBe(true);
      expect(text).not.toMatch(/Internal error/);
      expect(sent, "more than one request for one call").toBeLessThanOrEqual(1);

      if (!tool.input.safeParse(asReceived(tool, args)).success) {
        expect(result.isError, `schema-invalid arguments were accepted: ${text}`).toBe(true);
        expect(text).toMatch(new RegExp(`^Invalid arguments for ${tool.wireName}: `));
      }
      if (result.isError && text.startsWith("Invalid arguments")) {
        expect(sent, `a request reached Luma for invalid arguments: ${text}`).toBe(0);
      }
    }),
    { numRuns },
  );
}

describe("fuzzing every tool's arguments", () => {
  // A fresh server for each test: the repeat guard remembers writes, and no test should meet another's.
  let server: Server;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
  beforeEach(async () => {
    // A budget no run reaches: this test is about arguments, the limiter has its own.
    // Every tool of the catalog, opt-in ones included.
    server = await connect({
      config: { rateLimitPerMinute: 1_000_000, toolsets: ["all"] },
      respond: () => ({ body: { ok: true } }),
    });
  });
  afterEach(() => server.close());

  it("serves every tool of the catalog", async () => {
    expect((await server.listTools()).map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.wireName));
  });

  it.each(TOOLS.map((tool) => [tool.name, tool] as const))("%s", async (_, tool) => {
    await fuzz(server, tool, NUM_RUNS);
  });

  it("refuses a foreign ListPersonTags cursor before sending anything", async () => {
    const before = server.requests.length;
    const result = await server.call("ListPersonTags", { pagination_cursor: "not-a-cursor" });
    expect(textOf(result)).toMatch(
      /^Invalid arguments for LumaApi_ListPersonTags: pagination_cursor: must be a next_cursor/,
    );
    expect(server.requests.length - before).toBe(0);
  });

  it("leaves Object.prototype untouched", async () => {
    for (const tool of TOOLS) await fuzz(server, tool, AFTER_RUNS);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("still answers a normal call afterwards", async () => {
    for (const tool of TOOLS) await fuzz(server, tool, AFTER_RUNS);
    const result = await server.call("GetEventAdminInfo", { event_id: "evt-1" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests.at(-1)?.query).toEqual({ event_id: "evt-1" });
  });
});
