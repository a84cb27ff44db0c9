// What the model is told after a failure points the right way: the read tool that really shows a write's
// effect, get_request_schema only where the tool has it, and never a tool the current selection leaves out.
import { describe, expect, it } from "vitest";
import { instructions, selectTools, TOOLS } from "../support/catalog.js";
import { connect, testConfig } from "../support/in-process.js";
import { textOf } from "../support/results.js";

const PARAM_POSTS: [string, Record<string, unknown>][] = [
  ["UpdatePersonTag", { person_tag_api_id: "tag-1", tag_name: "x" }],
  ["DeletePersonTag", { tag_identifier: "tag-1" }],
  ["ApplyTagToCalendarMembers", { tag_identifier: "tag-1", email_addresses: ["a@example.com"] }],
  [
    "RemoveTagFromCalendarMembers",
    { tag_identifier: "tag-1", email_addresses_to_remove_tag: ["a@example.com"] },
  ],
  ["SoftDeleteTicketType", { event_ticket_type_id: "ett-1" }],
  ["UpdateMembershipStatus", { user_identifier: "usr-1", membership_status: "approved" }],
];

/** The LumaApi_ names a text mentions. */
const named = (text: string) => [...text.matchAll(/LumaApi_(\w+)/g)].map((m) => m[1]);

describe("advice names the right tools", () => {
  it("AddEventToLumaCalendar's unknown outcome points at CheckEventExistence, which sees external events", async () => {
    const server = await connect({ respond: () => ({ status: 503, body: { message: "busy" } }) });
    const text = textOf(
      await server.call("AddEventToLumaCalendar", {
        mode: "execute",
        request_body: { platform: "luma", event_id: "evt-1" },
      }),
    );
    expect(text).toMatch(/outcome is unknown/);
    expect(named(text)).toEqual(["CheckEventExistence"]);
    await server.close();
  });

  for (const [tool, args] of PARAM_POSTS) {
    it(`a 400 on ${tool} (plain parameters) does not offer get_request_schema`, async () => {
      const server = await connect({ respond: () => ({ status: 400, body: { message: "bad" } }) });
      const schema = TOOLS.find((t) => t.name === tool)?.input.safeParse(args);
      expect(schema?.success, `test arguments for ${tool}`).toBe(true);
      const result = await server.call(tool, args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/HTTP 400/);
      expect(textOf(result)).not.toMatch(/get_request_schema/);
      await server.close();
    });
  }

  it("a 400 on a body tool still offers get_request_schema", async () => {
    const server = await connect({ respond: () => ({ status: 400, body: { message: "bad" } }) });
    const result = await server.call("CreatePersonTag", { mode: "execute", request_body: { name: "x" } });
    expect(textOf(result)).toMatch(/LumaApi_CreatePersonTag with mode "get_request_schema"/);
    await server.close();
  });
});

describe("with --tools CreateEvent, no text names a tool that is not served", () => {
  const only = { tools: ["CreateEvent"], toolsets: undefined };
  const cases: [string, number, Record<string, unknown>][] = [
    ["404", 404, { message: "no such event" }],
    ["403", 403, { message: "not yours" }],
    ["503 (unknown outcome)", 503, { message: "busy" }],
    ["409", 409, { message: "slug taken" }],
    ["200 {} (done, nothing returned)", 200, {}],
  ];
  const body = {
    mode: "execute",
    request_body: { name: "Launch", start_at: "2027-01-01T18:00:00Z", timezone: "UTC" },
  };

  for (const [label, status, answer] of cases) {
    it(label, async () => {
      const server = await connect({ config: only, respond: () => ({ status, body: answer }) });
      const text = textOf(await server.call("CreateEvent", body));
      expect(named(text).filter((name) => name !== "CreateEvent")).toEqual([]);
      await server.close();
    });
  }

  it("the repeat guard's refusal", async () => {
    const server = await connect({ config: only, respond: () => ({ body: { id: "evt-new" } }) });
    await server.call("CreateEvent", body);
    const text = textOf(await server.call("CreateEvent", body));
    expect(text).toMatch(/Not sent: an identical CreateEvent/);
    expect(named(text).filter((name) => name !== "CreateEvent")).toEqual([]);
    await server.close();
  });

  it("the instructions", () => {
    const served = selectTools(testConfig(only)).tools;
    const text = instructions(served);
    const all = new Set(TOOLS.map((tool) => tool.name));
    const mentioned = text.split(/[^A-Za-z]+/).filter((word) => all.has(word));
    expect(mentioned.filter((name) => name !== "CreateEvent")).toEqual([]);
    expect(text).toMatch(/Body tools/);
    expect(text).not.toMatch(/Lists come in pages/);
  });
});

describe("ListPersonTags keeps Luma's word", () => {
  const tags = [
    { id: "tag-1", name: "b", color: "red" },
    { id: "tag-2", name: "a", color: "blue" },
  ];

  it("has_more stays true when Luma said true", async () => {
    const server = await connect({ respond: () => ({ body: { entries: tags, has_more: true } }) });
    const result = await server.call("ListPersonTags", {});
    expect(JSON.parse(result.content[0]?.type === "text" ? result.content[0].text : "")).toMatchObject({
      has_more: true,
    });
    expect(textOf(result)).toMatch(/Luma says it has more tags/);
    await server.close();
  });

  it("a created_at sort says tags carry none, and desc reverses Luma's order", async () => {
    const server = await connect({ respond: () => ({ body: { entries: tags, has_more: false } }) });
    const result = await server.call("ListPersonTags", {
      sort_by_column: "created_at",
      sorting_direction: "desc",
    });
    const data = JSON.parse(result.content[0]?.type === "text" ? result.content[0].text : "") as {
      entries: { id: string }[];
      note: string;
    };
    expect(data.entries.map((tag) => tag.id)).toEqual(["tag-2", "tag-1"]);
    expect(data.note).toMatch(/carry no created_at/);
    await server.close();
  });
});

describe("GenerateUploadUrl", () => {
  it("execute without a request_body sends {} (Luma requires no field)", async () => {
    const server = await connect({ respond: () => ({ body: { upload_url: "u", file_url: "f" } }) });
    const result = await server.call("GenerateUploadUrl", { mode: "execute" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests[0]?.body).toEqual({});
    await server.close();
  });
});
