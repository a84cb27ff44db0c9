// Sandbox tests: every route of the sandbox's route table answers 200 with a body that validates against
// Luma's published 200-response schema (test/fixtures/luma-response-schemas.json), called with the valid
// inputs of its conformance case (conformance-cases.ts). Lists must be non-empty, so that their entry
// schemas are really exercised. That every route has a case is checked by test/tools/catalog.test.ts.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROUTES } from "../../src/sandbox/routes.js";
import { CASES } from "./conformance-cases.js";
import { openSandbox, RESPONSE_SCHEMAS, responseValidator, type SandboxClient } from "./helpers.js";

const OPERATIONS = ROUTES.map((route) => `${route.method} ${route.path}`).filter((op) => op in CASES);

describe("sandbox response conformance", () => {
  // A fresh sandbox for each case: no case meets another's writes.
  let client: SandboxClient;
  beforeEach(async () => {
    client = await openSandbox();
  });
  afterEach(async () => {
    await client.sandbox.close();
  });

  it.each(OPERATIONS)("%s answers per its response schema", async (operation) => {
    const c = CASES[operation];
    if (!c) throw new Error(`no conformance case for ${operation}`);
    const answer = await c.call(client);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    // A route newer than Luma's spec has no published response schema: its answer is only required to be JSON.
    if (!(operation in RESPONSE_SCHEMAS)) return;
    const validate = responseValidator(operation);
    const valid = validate(answer.body);
    expect(validate.errors ?? [], JSON.stringify(answer.body).slice(0, 500)).toEqual([]);
    expect(valid).toBe(true);
    if (c.nonEmpty) expect(answer.body.entries.length).toBeGreaterThan(0);
  });
});
