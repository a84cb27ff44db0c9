// HTTP mode among strangers (issue 19): what one caller sends can never change another caller's answers,
// state or memory. The built bin in HTTP mode against a Luma stand-in; the hostile caller and the victim are
// separate clients, each with its own credential.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Replica, type StandIn, startReplica, startStandIn, textOf } from "../support/http.js";

const TOKEN = "tok-strangers-shared-secret-0123456789";

let standIn: StandIn;
let replica: Replica;

beforeAll(async () => {
  standIn = await startStandIn();
  replica = await startReplica([], {
    LUMA_API_KEY: "sk-strangers-server-key-5e1d",
    LUMA_HTTP_TOKENS: TOKEN,
    LUMA_BASE_URL: standIn.url,
  });
});

afterAll(async () => {
  await replica?.stop();
  await standIn?.close();
});

describe("item 1: one caller's credential is masked in that caller's answers only", () => {
  // Each is a credential a stranger sends once; if it joined a process-wide mask list, it would rewrite
  // everyone's answers: a word of the victim's data, a JSON fragment, an ID prefix.
  it.each([
    ["a word of everyone's data", "Stand"],
    ["a JSON fragment", '"},{"'],
    ["an ID prefix", "cal-"],
  ])("a stranger's key that is %s leaves another caller's answers whole", async (_what, hostileKey) => {
    const stranger = await connect(replica.url, "modern", { "x-luma-api-key": hostileKey });
    try {
      await stranger.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
    } finally {
      await stranger.close();
    }
    const victim = await connect(replica.url, "modern", { authorization: `Bearer ${TOKEN}` });
    try {
      const result = await victim.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toContain("cal-standin");
      expect(textOf(result)).toContain("Stand-in calendar");
      expect(textOf(result)).not.toContain("[redacted]");
    } finally {
      await victim.close();
    }
  });

  it("a caller's own key that Luma echoes back is still masked in that caller's answer", async () => {
    const key = "sk-strangers-own-key-4242";
    const caller = await connect(replica.url, "modern", { "x-luma-api-key": key });
    try {
      const result = await caller.callTool({
        name: "LumaApi_GetEventAdminInfo",
        arguments: { event_id: "evt-echo" },
      });
      expect(textOf(result)).toContain("your key is [redacted]");
      expect(JSON.stringify(result)).not.toContain(key);
    } finally {
      await caller.close();
    }
  });

  it("a caller whose key is a JSON fragment still gets a well-formed answer", async () => {
    const caller = await connect(replica.url, "modern", { "x-luma-api-key": '"},{"' });
    try {
      const result = await caller.callTool({ name: "LumaApi_GetCalendar", arguments: {} });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toContain("cal-standin");
    } finally {
      await caller.close();
    }
  });
});
