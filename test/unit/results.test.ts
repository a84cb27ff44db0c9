// Useful answers within LUMA_MAX_RESULT_CHARS: a long list is cut at a whole entry, never mid-JSON, and says
// how many entries were left out and how to get them; a page with more after it ends with the next-page hint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../support/in-process.js";
import type { Responder } from "../support/mock-luma.js";
import { type CallToolResult, textOf, texts } from "../support/results.js";

const CAP = 100_000;

/** ~300 KB: 600 people of ~500 characters each, of varying size. */
const PEOPLE = Array.from({ length: 600 }, (_, i) => ({
  id: `usr-${String(i).padStart(4, "0")}`,
  email: `person${i}@example.com`,
  name: `Person ${i}`,
  note: "x".repeat(400 + (i % 7) * 20),
  tags: ["speakers", i % 2 ? "vip" : "press"],
}));
const BIG_PAGE = { entries: PEOPLE, has_more: true, next_cursor: "cursor-page-2" };

describe("an answer over LUMA_MAX_RESULT_CHARS", () => {
  let server: Awaited<ReturnType<typeof connect>>;
  let result: CallToolResult;
  let answer: string;
  let notice: string;
  const respond: Responder = (request) =>
    request.path === "/v1/calendars/contacts/list"
      ? { body: BIG_PAGE }
      : { body: { id: "evt-1", description: "y".repeat(CAP * 2) } };

  beforeAll(async () => {
    expect(JSON.stringify(BIG_PAGE).length).toBeGreaterThan(290_000);
    server = await connect({ respond });
    result = await server.call("ListPeople", { items_to_return: 600 });
    [answer = "", notice = ""] = texts(result);
  });
  afterAll(() => server.close());

  it("is cut under the cap", () => {
    expect(answer.length).toBeLessThanOrEqual(CAP);
    expect(answer.length).toBeGreaterThan(CAP * 0.9);
  });

  it("stays valid JSON", () => {
    expect(() => JSON.parse(answer)).not.toThrow();
  });

  it("keeps whole entries, the first ones, in order", () => {
    const kept = (JSON.parse(answer) as { entries: unknown[] }).entries;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(PEOPLE.slice(0, kept.length));
  });

  it("keeps has_more and next_cursor", () => {
    const page = JSON.parse(answer) as Record<string, unknown>;
    expect(page.has_more).toBe(true);
    expect(page.next_cursor).toBe("cursor-page-2");
  });

  it("ends with a notice whose counts match what was kept and left out", () => {
    const kept = (JSON.parse(answer) as { entries: unknown[] }).entries.length;
    // The data, the notice, and the note that guests' text is data.
    expect(result.content).toHaveLength(3);
    expect(notice).toContain(`showing the first ${kept} of 600 entries`);
    expect(notice).toContain(`${600 - kept} left out`);
  });

  it("says how to ask for fewer: the tool, its page-size parameter and a size that fits", () => {
    const kept = (JSON.parse(answer) as { entries: unknown[] }).entries.length;
    expect(notice).toContain(`LumaApi_ListPeople again with the same arguments and items_to_return=${kept}`);
    expect(notice).toContain("pagination_next_cursor");
  });

  it("is the texts alone: no structuredContent repeating the cut text", () => {
    expect(result).not.toHaveProperty("structuredContent");
  });

  it("is not an error", () => {
    expect(result.isError).toBeFalsy();
  });

  it("that is not a list is replaced by its size and a plain notice, not cut mid-JSON", async () => {
    const big = await server.call("GetEventAdminInfo", { event_id: "evt-1" });
    const [text = "", bigNotice = ""] = texts(big);
    expect(JSON.parse(text)).toEqual({ truncated: true, characters: expect.any(Number) });
    expect(bigNotice).toMatch(/over LUMA_MAX_RESULT_CHARS \(100000\), and is not a list that can be cut/);
    expect(big).not.toHaveProperty("structuredContent");
  });
});

describe("a smaller LUMA_MAX_RESULT_CHARS", () => {
  it("cuts at the configured cap", async () => {
    const server = await connect({ config: { maxResultChars: 5_000 }, respond: () => ({ body: BIG_PAGE }) });
    const [answer = "", notice = ""] = texts(await server.call("ListPeople", {}));
    await server.close();
    const kept = (JSON.parse(answer) as { entries: unknown[] }).entries.length;
    expect(answer.length).toBeLessThanOrEqual(5_000);
    expect(notice).toContain(`LUMA_MAX_RESULT_CHARS (5000 characters): showing the first ${kept} of 600`);
  });

  it("says so plainly when not even one entry fits", async () => {
    const server = await connect({ config: { maxResultChars: 300 }, respond: () => ({ body: BIG_PAGE }) });
    const result = await server.call("ListPeople", {});
    await server.close();
    const [answer = "", notice = ""] = texts(result);
    expect(JSON.parse(answer).entries).toEqual([]);
    expect(notice).toContain("showing the first 0 of 600 entries on this page; 600 left out");
    expect(notice).toContain("Even one entry is over the cap");
  });
});

describe("a page that fits", () => {
  const PAGE = { entries: PEOPLE.slice(0, 3), has_more: true, next_cursor: "c-2" };
  let server: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    server = await connect({
      respond: (request) =>
        request.query.pagination_cursor === "c-2"
          ? { body: { entries: PEOPLE.slice(3, 5), has_more: false } }
          : { body: PAGE },
    });
  });
  afterAll(() => server.close());

  it("comes whole, with has_more and next_cursor, and a last line naming the cursor parameter", async () => {
    const result = await server.call("ListPeople", { items_to_return: 3 });
    const [answer, hint] = texts(result);
    expect(JSON.parse(answer ?? "")).toEqual(PAGE);
    expect(hint).toBe('More entries: call LumaApi_ListPeople again with pagination_next_cursor="c-2".');
  });

  it("uses each tool's own cursor name in the hint", async () => {
    const [, hint] = texts(await server.call("ListMembershipTiers", {}));
    expect(hint).toContain('previous_request_next_cursor="c-2"');
  });

  it("the last page has no hint", async () => {
    const result = await server.call("ListPeople", { pagination_next_cursor: "c-2" });
    expect(textOf(result)).not.toMatch(/More entries/);
  });
});
