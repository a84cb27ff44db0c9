// What the tool list costs a model, measured on the answer exactly as the server sends it (the JSON-RPC
// result objects, compact JSON): the default list, the instructions, the read-only list. The opt-in tools
// cost nothing until asked for.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { beforeAll, describe, expect, it } from "vitest";
import { READ_ONLY_TOOLS, DEFAULT_TOOLS as TOOLS } from "../support/catalog.js";
import { type RawAnswers, rawAnswers } from "../support/in-process.js";

const BUDGET = 6000;
const INSTRUCTIONS_BUDGET = 250;

const tokens = (text: string) => encode(text).length;

describe("the tool list's cost", () => {
  let full: RawAnswers;
  let readOnly: RawAnswers;
  let sandbox: RawAnswers;
  beforeAll(async () => {
    [full, readOnly, sandbox] = await Promise.all([
      rawAnswers(),
      rawAnswers({ config: { readOnly: true } }),
      rawAnswers({ sandbox: true }),
    ]);
  });

  it(`the default ${TOOLS.length}-tool tools/list answer is at most ${BUDGET} o200k tokens`, () => {
    expect(full.tools).toHaveLength(TOOLS.length);
    expect(tokens(full.toolsList)).toBeLessThanOrEqual(BUDGET);
  });

  it(`tools/list plus the instructions, sandbox note included, stay within ${BUDGET} tokens`, () => {
    expect(tokens(full.toolsList) + tokens(sandbox.instructions)).toBeLessThanOrEqual(BUDGET);
  });

  it(`the instructions are short: at most ${INSTRUCTIONS_BUDGET} tokens`, () => {
    expect(tokens(sandbox.instructions)).toBeLessThanOrEqual(INSTRUCTIONS_BUDGET);
  });

  it("the instructions say how IDs, pages and body schemas work", () => {
    expect(full.instructions).toMatch(/evt-/);
    expect(full.instructions).toMatch(/next_cursor/);
    expect(full.instructions).toMatch(/get_request_schema/);
  });

  it(`the read-only list is the ${READ_ONLY_TOOLS.length} read tools and costs well under half`, () => {
    expect(readOnly.tools).toHaveLength(READ_ONLY_TOOLS.length);
    expect(tokens(readOnly.toolsList)).toBeLessThan(tokens(full.toolsList) / 2);
  });

  it("carries no per-tool $schema or execution fields", () => {
    expect(full.toolsList).not.toContain('"$schema"');
    expect(full.toolsList).not.toContain('"execution"');
  });
});
