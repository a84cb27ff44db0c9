// The opt-in tools end to end: the built server spawned with --sandbox --toolsets all, driven over stdio
// through an organiser's work: each flow on a server of its own, and all of them in turn on one, which must
// call every opt-in tool. Writes are checked through reads.
import { describe, expect, it } from "vitest";
import { OPT_IN_TOOLS, TOOLS } from "../support/catalog.js";
import { json } from "../support/results.js";
import { type SpawnedServer, spawnServer } from "../support/spawn.js";

type Entries = { entries: Record<string, unknown>[]; has_more: boolean; next_cursor?: string };

const ARGS = ["--sandbox", "--toolsets", "all"];

/** A sandbox server and the calls a flow makes on it; `called` collects the tools called. */
function session(server: SpawnedServer, called: Set<string>) {
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    called.add(name);
    return server.call(name, args);
  };
  /** The answer's JSON; a write that Luma answers with `{}` gives the server's "Done: ..." text, read as {}. */
  const ok = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await call(name, args);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const first = result.content[0];
    return first?.type === "text" && first.text.startsWith("Done: ") ? {} : json(result);
  };
  const list = async (name: string, args: Record<string, unknown> = {}) =>
    (await ok(name, args)) as unknown as Entries;
  /** A call the server previews first (the user's yes, given here): the same call again with its token. */
  const confirmed = async (name: string, args: Record<string, unknown>) => {
    const preview = await call(name, args);
    const token = /confirmation_token: "([^"]+)"/.exec(
      JSON.stringify(preview.content).replaceAll('\\"', '"'),
    )?.[1];
    expect(token, JSON.stringify(preview.content)).toBeTruthy();
    return call(name, { ...args, confirmation_token: token });
  };
  return { call, ok, list, confirmed };
}

const FLOWS: Record<string, (s: ReturnType<typeof session>) => Promise<void>> = {
  "events: cancels in two steps, and changes and removes a host": async ({ call, ok, confirmed }) => {
    const created = await ok("CreateEvent", {
      mode: "execute",
      request_body: { name: "Doomed night", start_at: "2027-03-01T18:00:00.000Z", timezone: "UTC" },
    });
    const id = created.id as string;
    await ok("AddEventHost", { mode: "execute", request_body: { event_id: id, email: "co@example.com" } });
    await ok("UpdateEventHost", { event_id: id, email: "co@example.com", access_level: "check-in" });
    await ok("RemoveEventHost", { event_id: id, email: "co@example.com" });
    const admin = await ok("GetEventAdminInfo", { event_id: id });
    expect(JSON.stringify(admin)).not.toContain("co@example.com");

    const token = await ok("RequestEventCancellation", { event_id: id });
    expect(token).toMatchObject({ is_paid: false, guest_count: 0 });
    // Cancelling previews first (it reaches every guest); the user's yes then sends it.
    const wrong = await confirmed("CancelEvent", { event_id: id, cancellation_token: "guess" });
    expect(wrong.isError).toBe(true);
    const done = await confirmed("CancelEvent", {
      event_id: id,
      cancellation_token: token.cancellation_token,
    });
    expect(done.isError, JSON.stringify(done.content)).toBeFalsy();
    const gone = await call("GetEventAdminInfo", { event_id: id });
    expect(JSON.stringify(gone.content)).toContain("HTTP 404");
  },
  "guests and contacts: a guest's tickets; removing, blocking and restoring a person": async ({
    ok,
    list,
  }) => {
    await ok("UpdateGuestTickets", {
      event_id: "evt-sbx0004",
      guest_id: "gst-sbx0402",
      tickets_to_add: [{ event_ticket_type_id: "ett-sbx0403" }],
      send_email: false,
    });
    const guest = await ok("GetEventGuest", { event_api_id: "evt-sbx0004", guest_api_id: "gst-sbx0402" });
    expect(JSON.stringify(guest.event_tickets)).toContain("ett-sbx0403");

    const emails = async () => JSON.stringify((await list("ListPeople", { items_to_return: 100 })).entries);
    await ok("RemoveContact", { email: "noah.patel@example.com" });
    expect(await emails()).not.toContain("noah.patel@example.com");
    await ok("RestoreContact", { email: "noah.patel@example.com" });
    await ok("BlockContact", { email: "ava.thompson@example.com" });
    expect(await emails()).toContain("noah.patel@example.com");
    expect(await emails()).not.toContain("ava.thompson@example.com");
  },
  "webhooks: the secret once, then hidden; paused; deleted": async ({ call, ok, list }) => {
    const created = await ok("CreateWebhook", {
      url: "https://hooks.example.com/zap",
      event_types: ["guest.registered"],
    });
    const secret = created.secret as string;
    expect(secret).toMatch(/\w{16}/);
    expect(created.note).toMatch(/Webhook-Signature/);
    const id = created.id as string;
    const listed = await list("ListWebhooks");
    expect(listed.entries.map((w) => w.id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(secret);
    await ok("UpdateWebhook", { id, status: "paused" });
    const got = await ok("GetWebhook", { id });
    expect(got).toMatchObject({ id, status: "paused" });
    expect(JSON.stringify(got)).not.toContain(secret);
    await ok("DeleteWebhook", { id });
    expect((await call("GetWebhook", { id })).isError).toBe(true);
  },
  "event tags: created, applied (shown on the event), renamed, removed, deleted": async ({ ok, list }) => {
    const tag = await ok("CreateEventTag", { name: "Flow", color: "green" });
    await ok("ApplyTagToEvents", { tag: "Flow", event_ids: ["evt-sbx0005"] });
    const tagsOf = async () => {
      const events = await list("ListLumaCalendarEvents", { number_of_items_to_return: 100 });
      return JSON.stringify(events.entries.find((e) => e.id === "evt-sbx0005")?.tags);
    };
    expect(await tagsOf()).toContain("Flow");
    await ok("UpdateEventTag", { tag_id: tag.id, name: "Flow 2" });
    expect((await list("ListEventTags")).entries).toContainEqual({
      id: tag.id,
      name: "Flow 2",
      color: "green",
    });
    await ok("RemoveTagFromEvents", { tag: tag.id, event_ids: ["evt-sbx0005"] });
    expect(await tagsOf()).not.toContain("Flow");
    await ok("DeleteEventTag", { tag_id: tag.id });
    expect((await list("ListEventTags")).entries.map((t) => t.id)).not.toContain(tag.id);
  },
  "submissions: pending ones listed, approved and rejected": async ({ ok, list }) => {
    const pending = await list("ListCalendarSubmissions", { status: "pending", platforms: ["external"] });
    expect(pending.entries.map((e) => e.id)).toContain("evt-sbxext0002");
    await ok("ApproveEventSubmission", { calendar_event_id: "evt-sbxext0002" });
    const approved = await list("ListCalendarSubmissions", { status: "approved", platforms: ["external"] });
    expect(approved.entries.map((e) => e.id)).toContain("evt-sbxext0002");
    await ok("RejectEventSubmission", { calendar_event_id: "evt-sbxext0002", message: "Moved online" });
    const after = await list("ListCalendarSubmissions", { status: "approved", platforms: ["external"] });
    expect(after.entries.map((e) => e.id)).not.toContain("evt-sbxext0002");
  },
  "calendar and organization admin": async ({ call, ok, list }) => {
    const calendar = await ok("GetCalendar");
    await ok("UpdateCalendar", { calendar_id: calendar.id, description: "Updated by the flow." });
    expect((await ok("GetCalendar")).description).toBe("Updated by the flow.");
    expect((await ok("ListCalendarAdmins")).entries).toContainEqual(
      expect.objectContaining({ id: "usr-sbxowner" }),
    );
    expect((await ok("ListOrganizationAdmins")).entries).toHaveLength(1);

    const created = await ok("CreateCalendar", { name: "Flow Calendar", slug: "flow-calendar" });
    const calendars = await list("ListOrganizationCalendars");
    expect(calendars.entries.map((c) => c.id)).toContain(created.id);
    await ok("TransferEventCalendar", { event_id: "evt-sbx0003", calendar_id: created.id });
    const events = await list("ListOrganizationEvents", { pagination_limit: 100 });
    const moved = events.entries.find((e) => e.id === "evt-sbx0003");
    expect(JSON.stringify(moved?.managing_calendars)).toContain(created.id as string);
    expect((await call("GetEventAdminInfo", { event_id: "evt-sbx0003" })).isError).toBe(true);
  },
};

describe("opt-in tools against the sandbox, end to end", () => {
  it("serves the whole catalog", async () => {
    const server = await spawnServer(ARGS);
    try {
      const tools = await server.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.wireName));
      expect(server.stderr()).toContain(`ready: ${TOOLS.length} of ${TOOLS.length} tools: toolsets all;`);
    } finally {
      await server.close();
    }
  });

  for (const [name, flow] of Object.entries(FLOWS)) {
    it(name, async () => {
      const server = await spawnServer(ARGS);
      try {
        await flow(session(server, new Set()));
      } finally {
        await server.close();
      }
    });
  }

  it(`the flows, in turn on one server, call every one of the ${OPT_IN_TOOLS.length} opt-in tools`, async () => {
    const server = await spawnServer(ARGS);
    const called = new Set<string>();
    try {
      for (const flow of Object.values(FLOWS)) await flow(session(server, called));
    } finally {
      await server.close();
    }
    expect(OPT_IN_TOOLS.map((tool) => tool.name).filter((name) => !called.has(name))).toEqual([]);
  });
});
