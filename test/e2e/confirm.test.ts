// Confirmation as users meet it: the built server over stdio against the sandbox, with a 2026-07-28 client
// that can ask its user, and with a client that cannot ask under LUMA_CONFIRM=always (preview and token).
import { describe, expect, it } from "vitest";
import { BIN } from "../support/spawn.js";
import { type CallToolResult, Client, StdioClientTransport } from "../support/v2.js";

const EVENT_ID = "evt-sbx0001";

async function start(options: { canAsk: boolean; env?: Record<string, string> }) {
  const questions: string[] = [];
  const client = new Client(
    { name: "confirm-e2e", version: "0.0.0" },
    {
      capabilities: options.canAsk ? { elicitation: { form: {} } } : {},
      versionNegotiation: { mode: { pin: "2026-07-28" } },
    },
  );
  if (options.canAsk) {
    client.setRequestHandler("elicitation/create", async (request) => {
      questions.push(String((request.params as { message?: string }).message));
      return { action: "accept", content: { confirm: true } };
    });
  }
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "--sandbox"],
      env: { PATH: process.env.PATH ?? "", ...options.env },
      stderr: "pipe",
    }),
  );
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name: `LumaApi_${name}`, arguments: args })) as CallToolResult;
  const text = (result: CallToolResult) =>
    result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
  return { client, questions, call, text };
}

describe("the built server asks before it emails", () => {
  it("a 2026-07-28 client that can ask: one question naming the event, then the guest is added once", async () => {
    const s = await start({ canAsk: true });
    try {
      const event = JSON.parse(
        s.text(await s.call("GetEventAdminInfo", { event_id: EVENT_ID })).split("\n")[0] ?? "",
      );
      const result = await s.call("AddEventGuests", {
        mode: "execute",
        request_body: JSON.stringify({ event_id: EVENT_ID, guests: [{ email: "new.guest@example.com" }] }),
      });
      expect(result.isError, s.text(result)).toBeFalsy();
      expect(s.questions).toHaveLength(1);
      expect(s.questions[0]).toContain(`Add 1 guest to ${JSON.stringify(event.name)}`);
      expect(s.questions[0]).toMatch(/as Going with a free ticket and email them\?$/);
      const guest = await s.call("GetEventGuest", {
        event_api_id: EVENT_ID,
        guest_email: "new.guest@example.com",
      });
      expect(guest.isError, s.text(guest)).toBeFalsy();
    } finally {
      await s.client.close();
    }
  });

  it("LUMA_CONFIRM=always and a client that cannot ask: a preview, then the token sends it", async () => {
    const s = await start({ canAsk: false, env: { LUMA_CONFIRM: "always" } });
    try {
      const preview = await s.call("DeletePersonTag", { tag_identifier: "tag-sbxnewcomer" });
      expect(s.text(preview)).toMatch(/^Not sent yet/);
      const before = s.text(await s.call("ListPersonTags", {}));
      expect(before).toContain("tag-sbxnewcomer");
      const token = /confirmation_token: "([^"]+)"/.exec(s.text(preview))?.[1] as string;
      const done = await s.call("DeletePersonTag", {
        tag_identifier: "tag-sbxnewcomer",
        confirmation_token: token,
      });
      expect(done.isError, s.text(done)).toBeFalsy();
      expect(s.text(await s.call("ListPersonTags", {}))).not.toContain("tag-sbxnewcomer");
    } finally {
      await s.client.close();
    }
  });
});
