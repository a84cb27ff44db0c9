// Hostile and malformed arguments, as they arrive over the wire (JSON text): each gets an isError that says
// what is wrong, nothing reaches Luma, nothing is polluted, and the server goes on serving.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connect } from "../support/in-process.js";
import { textOf } from "../support/results.js";

/** Arguments as the wire delivers them: parsed from JSON text, so `__proto__` is an own key. */
const wire = (json: string) => JSON.parse(json) as Record<string, unknown>;
const MB = "x".repeat(1 << 20);
const nested = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
const EVENT_BODY = '"name":"Demo","start_at":"2026-12-01T18:00:00Z","timezone":"UTC"';

interface Case {
  name: string;
  tool: string;
  args: Record<string, unknown>;
  /** What the isError text must say. */
  says: RegExp;
}

const CASES: Case[] = [
  {
    name: "a number where a string is expected",
    tool: "GetEventAdminInfo",
    args: { event_id: 42 },
    says: /Invalid arguments for LumaApi_GetEventAdminInfo: event_id: .*string/i,
  },
  {
    name: "a missing required field",
    tool: "GetEventGuest",
    args: {},
    says: /event_id is required: pass event_api_id or event_identifier/,
  },
  {
    name: "an extra field",
    tool: "GetUserInfo",
    args: { evil: 1 },
    says: /this tool takes no parameters; leave out "evil"/,
  },
  {
    name: "a 1 MB ID (the URL would be too long)",
    tool: "GetEventAdminInfo",
    args: { event_id: MB },
    says: /URL would be \d+ characters, over the limit of 8192; nothing was sent/,
  },
  {
    name: "a 1 MB request_body that is not JSON",
    tool: "CreatePersonTag",
    args: { mode: "execute", request_body: MB },
    says: /request_body is not valid JSON/,
  },
  {
    name: "a 1 MB mode",
    tool: "CreatePersonTag",
    args: { mode: MB, request_body: {} },
    says: /Invalid arguments for LumaApi_CreatePersonTag: mode: /,
  },
  {
    name: "invalid JSON in request_body",
    tool: "CreatePersonTag",
    args: { mode: "execute", request_body: '{"name": "VIP",' },
    says: /request_body is not valid JSON/,
  },
  {
    name: "request_body as an array",
    tool: "CreatePersonTag",
    args: { mode: "execute", request_body: "[1,2]" },
    says: /request_body must be a JSON object/,
  },
  {
    name: "cyclic-looking JSON ($ref to itself) in request_body",
    tool: "CreatePersonTag",
    args: { mode: "execute", request_body: '{"name":"VIP","$ref":"#","self":{"$ref":"#/self"}}' },
    says: /`\$ref` is not a field/,
  },
  {
    name: "request_body nested 100 levels deep (object)",
    tool: "CreateEvent",
    args: wire(`{"mode":"execute","request_body":{${EVENT_BODY},"theme":${nested(100)}}}`),
    says: /nested more than 32 levels deep/,
  },
  {
    name: "request_body nested 20,000 levels deep (string, in a field sent unvalidated)",
    tool: "CreateEvent",
    args: { mode: "execute", request_body: `{${EVENT_BODY},"theme":${nested(20_000)}}` },
    says: /request_body\.theme(\[0\])+ is nested more than 32 levels deep/,
  },
  {
    name: "__proto__ inside request_body (object)",
    tool: "CreatePersonTag",
    args: wire('{"mode":"execute","request_body":{"name":"VIP","__proto__":{"polluted":true}}}'),
    says: /request_body\.__proto__: "__proto__" is not allowed as a key/,
  },
  {
    name: "__proto__ inside request_body (string)",
    tool: "CreatePersonTag",
    args: { mode: "execute", request_body: '{"name":"VIP","__proto__":{"polluted":true}}' },
    says: /request_body\.__proto__: "__proto__" is not allowed as a key/,
  },
  {
    name: "a constructor.prototype key",
    tool: "GetEventAdminInfo",
    args: wire('{"event_id":"evt-1","constructor":{"prototype":{"polluted":true}}}'),
    says: /"constructor" is not a parameter of this tool/,
  },
  {
    name: "__proto__ nested in a list parameter",
    tool: "ApplyTagToCalendarMembers",
    args: wire('{"tag_identifier":"VIP","email_addresses":[{"__proto__":{"polluted":true}}]}'),
    says: /"__proto__" is not allowed as a key/,
  },
];

describe("hostile arguments", () => {
  // A fresh server for each test; the last two send every hostile case first.
  let server: Awaited<ReturnType<typeof connect>>;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
  beforeEach(async () => {
    server = await connect();
  });
  afterEach(() => server.close());
  const sendEveryCase = async () => {
    for (const c of CASES) await server.call(c.tool, c.args);
  };

  it.each(CASES)("$name: an isError that says so, nothing sent", async (c) => {
    const before = server.requests.length;
    const result = await server.call(c.tool, c.args);
    expect(result.isError, textOf(result)).toBe(true);
    expect(textOf(result)).toMatch(c.says);
    expect(textOf(result).length).toBeLessThan(5000);
    expect(server.requests.length - before).toBe(0);
  });

  it("a top-level __proto__ is dropped by the SDK before the server sees it: the rest is sent, nothing polluted", async () => {
    const result = await server.call("GetEventAdminInfo", wire('{"event_id":"evt-1","__proto__":{"x":1}}'));
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(server.requests.at(-1)?.query).toEqual({ event_id: "evt-1" });
  });

  it("control characters and unicode in a value reach Luma intact", async () => {
    const id = "evt-\u0000\u0007\n\t\u202e\u00e9\u4e2d😀";
    await server.call("GetEventAdminInfo", { event_id: id });
    expect(server.requests.at(-1)?.query).toEqual({ event_id: id });
    await server.call("CreatePersonTag", { mode: "execute", request_body: { name: id } });
    expect(server.requests.at(-1)?.body).toEqual({ name: id });
  });

  it("Object.prototype is untouched afterwards", async () => {
    await sendEveryCase();
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("the server still answers a normal call", async () => {
    await sendEveryCase();
    const result = await server.call("GetEventAdminInfo", { event_id: "evt-1" });
    expect(result.isError, textOf(result)).toBeFalsy();
  });
});
