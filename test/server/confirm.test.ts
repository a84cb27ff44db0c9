// A human says yes before a write that emails people, comps tickets, charges, refunds, cancels or deletes:
// asked through the client where it can ask (both protocol eras), a preview and a one-time token where it
// cannot. Every tool of the catalog (opt-in ones included) goes through the same step, on a server that
// serves them all.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/audit.js";
import { Sealer } from "../../src/seal.js";
import { TOKEN_PARAM, TOOLS } from "../support/catalog.js";
import type { SeenRequest } from "../support/mock-luma.js";
import { type CallToolResult, connectV2, type Setup } from "../support/v2.js";

const EVENT = {
  id: "evt-bg",
  name: "Board Game Social",
  start_at: "2026-12-04T18:00:00Z",
  timezone: "Europe/London",
};
const guests = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `g${i}@example.com` }));
const addGuests = (n: number, extra: Record<string, unknown> = {}) => ({
  mode: "execute",
  request_body: { event_id: EVENT.id, guests: guests(n), ...extra },
});

/** The server (every tool) with an SDK v2 client, over a Luma that knows EVENT. */
const connect = (setup: Setup) =>
  connectV2(setup, (request: SeenRequest) =>
    request.path === "/v1/events/get" ? { body: EVENT } : { body: {} },
  );

const text = (result: CallToolResult) =>
  result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
/** The token a preview hands out. */
const tokenOf = (result: CallToolResult) => /confirmation_token: "([^"]+)"/.exec(text(result))?.[1] as string;

describe("which tools take a confirmation token", () => {
  it.each(TOOLS.map((tool) => [tool.name, tool] as const))(
    "%s takes a confirmation token exactly when it has consequences",
    (_, tool) => {
      expect(Object.hasOwn(tool.input.shape, TOKEN_PARAM)).toBe(tool.consequences.length > 0);
    },
  );
});

for (const era of ["2025", "2026"] as const) {
  describe(`a client that can ask its user (${era} era)`, () => {
    it("asks a concrete question; on yes, sends once", async () => {
      const s = await connect({ era, answer: { action: "accept", content: { confirm: true } } });
      const result = await s.call("AddEventGuests", addGuests(3));
      expect(s.questions).toEqual([
        'Add 3 guests to "Board Game Social" (Fri 4 Dec) as Going with a free ticket and email each of them?',
      ]);
      expect(result.isError, text(result)).toBeFalsy();
      expect(s.writes()).toHaveLength(1);
      await s.close();
    });

    for (const [label, answer] of [
      ["no", { action: "decline" }],
      ["dismissed", { action: "cancel" }],
      ["accept with confirm false", { action: "accept", content: { confirm: false } }],
    ] as const) {
      it(`${label}: nothing is sent, and the result says so without being an error to retry`, async () => {
        const s = await connect({ era, answer });
        const result = await s.call("SendGuestEventInvite", {
          mode: "execute",
          request_body: { event_id: EVENT.id, guests: guests(2) },
        });
        expect(s.questions[0]).toBe(
          'Invite 2 people to "Board Game Social" (Fri 4 Dec) by email and SMS, now?',
        );
        expect(result.isError).toBeFalsy();
        expect(text(result)).toMatch(
          /^Not sent: the user (said no|dismissed the question)\. Nothing was sent/,
        );
        expect(s.writes()).toHaveLength(0);
        await s.close();
      });
    }

    it("asks before RejectEventSubmission; on no, nothing is sent", async () => {
      const s = await connect({ era, answer: { action: "decline" } });
      const result = await s.call("RejectEventSubmission", {
        calendar_event_id: "calev-1",
        message: "Off-topic",
      });
      expect(s.questions).toHaveLength(1);
      expect(s.questions[0]).toMatch(
        /^Reject submission "calev-1"\? The submitter is emailed, with the message "Off-topic"\.$/,
      );
      expect(text(result)).toMatch(/Not sent: the user said no/);
      expect(s.writes()).toHaveLength(0);
      await s.close();
    });

    it("a write that only changes records is not asked about", async () => {
      const s = await connect({ era, answer: { action: "decline" } });
      const result = await s.call("UpdatePersonTag", { person_tag_api_id: "tag-1", tag_name: "VIP" });
      expect(result.isError, text(result)).toBeFalsy();
      expect(s.questions).toEqual([]);
      expect(s.writes()).toHaveLength(1);
      await s.close();
    });

    it("send_email false: the question says no one is emailed", async () => {
      const s = await connect({ era, answer: { action: "accept", content: { confirm: true } } });
      await s.call("AddEventGuests", addGuests(1, { send_email: false }));
      expect(s.questions[0]).toMatch(/Add 1 guest to "Board Game Social".* without emailing them\?$/);
      await s.close();
    });
  });
}

describe("a question nobody answers", () => {
  it("times out: nothing is sent", async () => {
    const s = await connect({ era: "2025", answer: "never", questionTimeoutMs: 200 });
    const result = await s.call("DeletePersonTag", { tag_identifier: "tag-1" });
    expect(result.isError).toBe(true);
    expect(s.writes()).toHaveLength(0);
    await s.close();
  });
});

describe("a client that cannot ask", () => {
  it("auto (the default): goes ahead as before", async () => {
    const s = await connect({ era: "2025" });
    const result = await s.call("AddEventGuests", addGuests(2));
    expect(result.isError, text(result)).toBeFalsy();
    expect(s.writes()).toHaveLength(1);
    await s.close();
  });

  it("auto, more people than LUMA_CONFIRM_OVER: a preview, nothing sent", async () => {
    const s = await connect({ era: "2025", over: 10 });
    const result = await s.call("AddEventGuests", addGuests(11));
    expect(result.isError).toBeFalsy();
    expect(text(result)).toMatch(
      /^Not sent yet: this needs the user's yes \(it reaches 11 people, over LUMA_CONFIRM_OVER \(10\)\)/,
    );
    expect(text(result)).toMatch(/Add 11 guests to "Board Game Social" \(Fri 4 Dec\)/);
    expect(s.writes()).toHaveLength(0);
    await s.close();
  });

  it("auto, CancelEvent: a preview all the same (it reaches every guest)", async () => {
    const s = await connect({ era: "2025", mode: "auto" });
    const preview = await s.call("CancelEvent", { event_id: EVENT.id, cancellation_token: "cancel-tok" });
    expect(text(preview)).toMatch(
      /^Not sent yet: this needs the user's yes \(it cancels an event for all its guests\)/,
    );
    expect(s.writes()).toHaveLength(0);
    await s.close();
  });

  it("never: no questions, no previews, even for many people", async () => {
    const s = await connect({ era: "2025", mode: "never", answer: { action: "decline" } });
    await s.call("AddEventGuests", addGuests(50));
    expect(s.questions).toEqual([]);
    expect(s.writes()).toHaveLength(1);
    await s.close();
  });
});

describe("LUMA_CONFIRM=always without a client that can ask: preview and token", () => {
  it("the same call with the token sends once; the token cannot be used again", async () => {
    const s = await connect({ era: "2025", mode: "always" });
    const preview = await s.call("DeletePersonTag", { tag_identifier: "tag-1" });
    expect(text(preview)).toMatch(/Not sent yet.*LUMA_CONFIRM is always/);
    const token = tokenOf(preview);
    expect(token).toBeTruthy();
    const sent = await s.call("DeletePersonTag", { tag_identifier: "tag-1", confirmation_token: token });
    expect(sent.isError, text(sent)).toBeFalsy();
    expect(s.writes()).toHaveLength(1);
    const replayed = await s.call("DeletePersonTag", { tag_identifier: "tag-1", confirmation_token: token });
    expect(replayed.isError).toBe(true);
    expect(text(replayed)).toMatch(/already used/);
    expect(s.writes()).toHaveLength(1);
    await s.close();
  });

  it("CancelEvent: a preview of what it does, then sent once with the token", async () => {
    const s = await connect({ era: "2025", mode: "always" });
    const args = { event_id: EVENT.id, cancellation_token: "cancel-tok", should_refund: true };
    const preview = await s.call("CancelEvent", args);
    expect(text(preview)).toMatch(/Not sent yet.*LUMA_CONFIRM is always/);
    expect(text(preview)).toContain(
      'Cancel "Board Game Social" (Fri 4 Dec) for everyone, email all its guests and refund those who paid? It cannot be undone.',
    );
    expect(s.writes()).toHaveLength(0);
    const sent = await s.call("CancelEvent", { ...args, confirmation_token: tokenOf(preview) });
    expect(sent.isError, text(sent)).toBeFalsy();
    expect(s.writes()).toHaveLength(1);
    expect(s.writes()[0]?.body).toEqual(args);
    await s.close();
  });

  it("a token for another tool is refused", async () => {
    const s = await connect({ era: "2025", mode: "always" });
    const token = tokenOf(await s.call("DeletePersonTag", { tag_identifier: "tag-1" }));
    const result = await s.call("SoftDeleteTicketType", {
      event_ticket_type_id: "ett-1",
      confirmation_token: token,
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/issued for LumaApi_DeletePersonTag, not this tool/);
    expect(s.writes()).toHaveLength(0);
    await s.close();
  });

  it("a token for other arguments is refused", async () => {
    const s = await connect({ era: "2025", mode: "always" });
    const token = tokenOf(await s.call("AddEventGuests", addGuests(1)));
    const result = await s.call("AddEventGuests", { ...addGuests(2), confirmation_token: token });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/issued for other arguments/);
    expect(s.writes()).toHaveLength(0);
    await s.close();
  });

  it("an expired token is refused", async () => {
    const secret = "a state secret shared by the replicas";
    const sealer = new Sealer(secret);
    const s = await connect({ era: "2025", mode: "always", stateSecret: secret });
    const token = tokenOf(await s.call("DeletePersonTag", { tag_identifier: "tag-1" }));
    const payload = sealer.open("confirmation token", token) as Record<string, unknown>;
    const expired = sealer.seal("confirmation token", { ...payload, expires: Date.now() - 1 });
    const result = await s.call("DeletePersonTag", { tag_identifier: "tag-1", confirmation_token: expired });
    expect(text(result)).toMatch(/has expired/);
    expect(s.writes()).toHaveLength(0);
    await s.close();
  });

  it("a forged token is refused; one sealed with the shared secret works on another replica", async () => {
    const secret = "a state secret shared by the replicas";
    const a = await connect({ era: "2025", mode: "always", stateSecret: secret });
    const b = await connect({ era: "2025", mode: "always", stateSecret: secret });
    const token = tokenOf(await a.call("DeletePersonTag", { tag_identifier: "tag-1" }));
    const forged = `${token.split(".")[0]}.AAAA`;
    expect(
      text(await b.call("DeletePersonTag", { tag_identifier: "tag-1", confirmation_token: forged })),
    ).toMatch(/not a token this server issued/);
    const sent = await b.call("DeletePersonTag", { tag_identifier: "tag-1", confirmation_token: token });
    expect(sent.isError, text(sent)).toBeFalsy();
    expect(b.writes()).toHaveLength(1);
    await a.close();
    await b.close();
  });
});

describe("a write without consequences", () => {
  it("CreateEventTag is sent without a question, even with LUMA_CONFIRM=always and a client that can ask", async () => {
    const s = await connect({ era: "2026", mode: "always", answer: { action: "decline" } });
    const result = await s.call("CreateEventTag", { name: "Workshops" });
    expect(result.isError, text(result)).toBeFalsy();
    expect(s.questions).toEqual([]);
    expect(s.writes()).toHaveLength(1);
    await s.close();
  });
});

describe("LUMA_AUDIT_LOG", () => {
  it("one JSON line per write attempt: tool, IDs, people, confirmation, outcome; no key, no emails", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "luma-audit-")), "audit.jsonl");
    const s = await connect({ era: "2025", answer: { action: "decline" }, auditFile: file });
    await s.call("AddEventGuests", addGuests(2));
    await s.call("UpdatePersonTag", { person_tag_api_id: "tag-1", tag_name: "VIP" });
    await s.call("ListPersonTags", {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const entries = lines.map((line) => JSON.parse(line) as AuditEntry & { time: string });
    expect(entries.map(({ time: _, ...entry }) => entry)).toEqual([
      {
        tool: "AddEventGuests",
        targets: { event_id: EVENT.id },
        people: 2,
        confirmed: "declined",
        outcome: "not sent",
      },
      {
        tool: "UpdatePersonTag",
        targets: { tag_id: "tag-1" },
        people: 0,
        confirmed: "not asked",
        outcome: "accepted",
      },
    ]);
    expect(readFileSync(file, "utf8")).not.toMatch(/example\.com|sk-test/);
    await s.close();
  });
});
