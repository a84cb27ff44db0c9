// get_request_schema: each body tool returns its request-body schema, $refs resolved, compact, with the
// required fields of the tool contract, and sends nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAjv } from "../../src/schemas/ajv.js";
import paramToolBodies from "../../src/schemas/param-tool-bodies.json" with { type: "json" };
import bodies from "../../src/schemas/request-bodies.json" with { type: "json" };
import responseSchemas from "../fixtures/luma-response-schemas.json" with { type: "json" };
import { BODY_TOOLS } from "../support/catalog.js";
import { connect } from "../support/in-process.js";
import { textOf } from "../support/results.js";

/** The tool contract's required body fields of each body tool (unions: every branch's requirements). */
const REQUIRED: Record<string, string[][]> = {
  CreateEvent: [["name", "start_at", "timezone"]],
  UpdateEvent: [["event_id"]],
  UpdateGuestStatus: [["event_id", "guest_id", "status"]],
  SendGuestEventInvite: [["event_id", "guests"]],
  AddEventGuests: [["event_id", "guests"]],
  AddEventHost: [["event_id", "email"]],
  CreateEventCoupon: [["event_id", "code", "discount"]],
  ModifyCoupon: [["event_id", "code"]],
  GenerateEventCoupon: [["code", "discount"]],
  UpdateCoupon: [["code"]],
  ImportPeopleToCalendar: [["contacts"]],
  CreatePersonTag: [["name"]],
  AddEventToLumaCalendar: [
    ["platform", "url", "name", "start_at", "duration_interval", "timezone"],
    ["platform"],
  ],
  GenerateUploadUrl: [[]],
  CreateEventTicketType: [["event_id", "name", "type"]],
  UpdateTicketTypeConfiguration: [["event_ticket_type_id"]],
  AddUserToMembershipTier: [["email", "membership_tier_id"]],
};

interface Schema {
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
}

/** The required fields of each alternative the body may take. */
function requiredSets(schema: Schema): string[][] {
  if (schema.oneOf) return schema.oneOf.map((branch) => [...(branch.required ?? [])].sort());
  const all = [
    ...(schema.required ?? []),
    ...(schema.allOf ?? []).flatMap((branch) => branch.required ?? []),
  ];
  return [all.sort()];
}

describe("get_request_schema", () => {
  let server: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    server = await connect();
  });
  afterAll(() => server.close());

  it("knows the required fields of exactly the catalog's body tools", () => {
    expect(Object.keys(REQUIRED).sort()).toEqual(BODY_TOOLS.map((tool) => tool.name).sort());
  });

  it.each(Object.entries(REQUIRED))(
    "%s returns its body schema and sends nothing",
    async (tool, required) => {
      const result = await server.call(tool, { mode: "get_request_schema" });
      expect(result.isError).toBeFalsy();
      const text = textOf(result);
      const schema = JSON.parse(text) as Schema;
      expect(requiredSets(schema)).toEqual(required.map((set) => [...set].sort()));
      expect(text).not.toContain("$ref");
      expect(text).not.toContain("$schema");
      expect(text).not.toMatch(/\n {2}/);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("ignores request_body in get_request_schema mode", async () => {
    const result = await server.call("CreatePersonTag", {
      mode: "get_request_schema",
      request_body: "{not json",
    });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result)).required).toEqual(["name"]);
  });
});

describe("the vendored JSON Schemas", () => {
  // createAjv() skips this check when it compiles a schema (validateSchema: false) because it is made here.
  const ajv = createAjv();
  it.each([
    ...Object.entries(bodies).map(([path, schema]) => [`request body of ${path}`, schema] as const),
    ...Object.entries(paramToolBodies).map(([path, schema]) => [`request body of ${path}`, schema] as const),
    ...Object.entries(responseSchemas).map(([op, schema]) => [`200 response of ${op}`, schema] as const),
  ])("%s is a valid JSON Schema 2020-12", (_, schema) => {
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  });
});

describe("body tool definitions", () => {
  // The description's "Body requires ..." comes from the definition; it must say what the schema says.
  it.each(BODY_TOOLS.map((tool) => [tool.name, tool] as const))(
    "%s names the fields every form of its body requires",
    (_, tool) => {
      const sets = requiredSets((bodies as Record<string, Schema>)[tool.path] as Schema);
      const always = sets.reduce((common, set) => common.filter((field) => set.includes(field)));
      expect([...tool.fields].sort()).toEqual(always);
    },
  );
});
