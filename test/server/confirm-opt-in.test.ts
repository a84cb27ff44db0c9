// The opt-in tools go through the same confirmation step as the default ones: those with consequences take a
// confirmation_token and are previewed or asked about; the others are sent without a question.
import { describe, expect, it } from "vitest";
import { OPT_IN_TOOLS, TOKEN_PARAM } from "../support/catalog.js";
import type { SeenRequest } from "../support/mock-luma.js";
import { type CallToolResult, connectV2 } from "../support/v2.js";

const EVENT = {
  id: "evt-bg",
  name: "Board Game Social",
  start_at: "2026-12-04T18:00:00Z",
  timezone: "Europe/London",
};

const connect = (setup: Parameters<typeof connectV2>[0]) =>
  connectV2(setup, (request: SeenRequest) =>
    request.path === "/v1/events/get" ? { body: EVENT } : { body: {} },
  );

const text = (result: CallToolResult) =>
  result.content.map((item) => (item.type === "text" ? item.text : "")).join("\n");
const tokenOf = (result: CallToolResult) => /confirmation_token: "([^"]+)"/.exec(text(result))?.[1] as string;

describe("opt-in tools and the confirmation step", () => {
  it.each(OPT_IN_TOOLS.map((tool) => [tool.name, tool] as const))(
    "%s takes a confirmation token exactly when it has consequences",
    (_, tool) => {
      expect(Object.hasOwn(tool.input.shape, TOKEN_PARAM)).toBe(tool.consequences.length > 0);
    },
  );

  it("CancelEvent with LUMA_CONFIRM=always: a preview of what it does, then sent once with the token", async () => {
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

  it("CancelEvent in auto mode with a client that cannot ask: a preview all the same (it reaches every guest)", async () => {
    const s = await connect({ era: "2025", mode: "auto" });
    const preview = await s.call("CancelEvent", { event_id: EVENT.id, cancellation_token: "cancel-tok" });
    expect(text(preview)).toMatch(
      /^Not sent yet: this needs the user's yes \(it cancels an event for all its guests\)/,
    );
    expect(s.writes()).toHaveLength(0);
    await s.close();
  });

  it("a client that can ask is asked before RejectEventSubmission; on no, nothing is sent", async () => {
    const s = await connect({ era: "2026", answer: { action: "decline" } });
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

  it("a tool without consequences (CreateEventTag) is sent without a question, even with LUMA_CONFIRM=always", async () => {
    const s = await connect({ era: "2026", mode: "always", answer: { action: "decline" } });
    const result = await s.call("CreateEventTag", { name: "Workshops" });
    expect(result.isError, text(result)).toBeFalsy();
    expect(s.questions).toEqual([]);
    expect(s.writes()).toHaveLength(1);
    await s.close();
  });
});
