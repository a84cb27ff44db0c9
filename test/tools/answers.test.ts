// Answers cost what they carry: null and empty fields, names that only split the name beside them and zero
// milliseconds are left out (the instructions say absent means none); a page of guests leaves out the
// check-in QR URL unless asked; the large lists take a `fields` selection. Measured on the sandbox's 10-guest
// page of evt-sbx0001, against Luma's answer as it was passed through before.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNTRUSTED_NOTE } from "../../src/calls/call.js";
import { compactAnswer } from "../../src/calls/results.js";
import type { RunningSandbox } from "../../src/sandbox/listen.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { instructions } from "../../src/server.js";
import { TOOLS } from "../../src/tools/index.js";
import { KEY, NOW } from "../sandbox/helpers.js";
import { connectTo } from "../support/in-process.js";
import { json, textOf } from "../support/results.js";

const tokens = (text: string) => encode(text).length;

describe("compactAnswer", () => {
  it("drops null, empty strings, arrays and objects at any depth, and keeps false and 0", () => {
    expect(
      compactAnswer({ a: null, b: "", c: [], d: {}, e: { f: null, g: false, h: 0 }, i: [{ j: null, k: 1 }] }),
    ).toEqual({ e: { g: false, h: 0 }, i: [{ k: 1 }] });
  });

  it("keeps a list's entries, even empty, and an answer that would say nothing stays whole", () => {
    expect(compactAnswer({ entries: [], has_more: false })).toEqual({ entries: [], has_more: false });
    expect(compactAnswer({ event: null })).toEqual({ event: null });
  });

  it("leaves out first and last names only where they are the two words of the name", () => {
    expect(compactAnswer({ name: "Ava Thompson", first_name: "Ava", last_name: "Thompson" })).toEqual({
      name: "Ava Thompson",
    });
    const split = { user_name: "Mary Ann Smith", user_first_name: "Mary Ann", user_last_name: "Smith" };
    expect(compactAnswer(split)).toEqual(split);
    const differs = { name: "Bo", first_name: "Robert", last_name: "Lee" };
    expect(compactAnswer(differs)).toEqual(differs);
  });

  it("writes a date-time with zero milliseconds without them, the same instant", () => {
    const answer = compactAnswer({ at: "2026-10-27T02:00:00.000Z", other: "2026-10-27T02:00:00.123Z" });
    expect(answer).toEqual({ at: "2026-10-27T02:00:00Z", other: "2026-10-27T02:00:00.123Z" });
    expect(Date.parse((answer as { at: string }).at)).toBe(Date.parse("2026-10-27T02:00:00.000Z"));
  });

  it("the instructions say what an absent field means", () => {
    expect(instructions(TOOLS)).toMatch(/omit null and empty fields \(absent: none\)/);
  });
});

describe("the 10-guest page of GetEventGuests", () => {
  let sandbox: RunningSandbox;
  let server: Awaited<ReturnType<typeof connectTo>>;
  let raw: { entries: Record<string, unknown>[] };
  beforeAll(async () => {
    sandbox = await startSandbox({ now: NOW });
    server = await connectTo(sandbox.url);
    const answer = await fetch(
      `${sandbox.url}/v1/events/guests/list?event_id=evt-sbx0001&pagination_limit=10`,
      {
        headers: { "x-luma-api-key": KEY },
      },
    );
    raw = (await answer.json()) as typeof raw;
  });
  afterAll(async () => {
    await server.close();
    await sandbox.close();
  });

  const page = async (extra: Record<string, unknown> = {}) =>
    server.call("GetEventGuests", { event_api_id: "evt-sbx0001", items_to_return: 10, ...extra });

  it("is at least 30% smaller than Luma's answer passed through", async () => {
    expect(raw.entries).toHaveLength(10);
    // What the model read before: Luma's JSON as it came, and the note on other people's text.
    const before = tokens(`${JSON.stringify(raw)}\n${UNTRUSTED_NOTE}`);
    const result = await page();
    const after = tokens(result.content.map((item) => (item as { text: string }).text).join("\n"));
    expect(after).toBeLessThanOrEqual(before * 0.7);
  });

  it("loses nothing a model needs: every field left out was empty, a split of user_name, or the QR URL", async () => {
    const kept = json(await page()).entries as Record<string, unknown>[];
    for (const [i, entry] of raw.entries.entries()) {
      const compact = kept[i] as Record<string, unknown>;
      for (const [key, value] of Object.entries(entry)) {
        if (key in compact) {
          expect(JSON.stringify(compactAnswer(value))).toBe(JSON.stringify(compact[key]));
          continue;
        }
        const empty = value === null || value === "" || (Array.isArray(value) && value.length === 0);
        const split = key === "user_first_name" || key === "user_last_name";
        if (split) expect(compact.user_name).toBe(`${entry.user_first_name} ${entry.user_last_name}`);
        expect(empty || split || key === "check_in_qr_code", key).toBe(true);
      }
    }
  });

  it("gives the check-in QR URL when fields names it, and only the named fields (and id)", async () => {
    const entries = json(await page({ fields: ["user_email", "check_in_qr_code"] })).entries as Record<
      string,
      unknown
    >[];
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(["check_in_qr_code", "id", "user_email"]);
    expect(entries[0]?.check_in_qr_code).toBe(raw.entries[0]?.check_in_qr_code);
  });
});

describe("the fields selection", () => {
  let sandbox: RunningSandbox;
  let server: Awaited<ReturnType<typeof connectTo>>;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: NOW });
    server = await connectTo(sandbox.url, { config: { toolsets: ["all"] } });
  });
  afterAll(async () => {
    await server.close();
    await sandbox.close();
  });

  it.each([
    ["ListPeople", {}, ["email", "tags"]],
    ["ListLumaCalendarEvents", {}, ["name", "start_at"]],
    ["ListOrganizationEvents", {}, ["name"]],
    ["ListCalendarSubmissions", {}, ["name"]],
  ] as const)("%s keeps only id and the named fields", async (name, args, fields) => {
    const result = await server.call(name, { ...args, fields });
    expect(result.isError, textOf(result)).toBeFalsy();
    const entries = json(result).entries as Record<string, unknown>[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      for (const key of Object.keys(entry)) expect(["id", ...fields]).toContain(key);
    }
  });

  it("refuses a field the entries do not have, with the nearest one, before anything is sent", async () => {
    const result = await server.call("GetEventGuests", {
      event_api_id: "evt-sbx0001",
      fields: ["user_emial"],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /"user_emial" is not a field of these entries; did you mean "user_email"\?/,
    );
  });
});
