// The built server spawned with --sandbox --toolsets all, driven over stdio through an organiser's work, area
// by area (opt-in tools' flows included), each flow on a server of its own. Writes are checked through later
// reads. That every tool answers on the sandbox is test/sandbox/tools.test.ts's, from the table of tool cases.
import { describe, expect, it } from "vitest";
import { TOOLS } from "../support/catalog.js";
import { json } from "../support/results.js";
import { type SpawnedServer, spawnServer } from "../support/spawn.js";

type Entries = { entries: Record<string, unknown>[]; has_more: boolean; next_cursor?: string };

/** The sandbox serving every tool. */
const ARGS = ["--sandbox", "--toolsets", "all"];

/** A sandbox server and the calls a flow makes on it. */
function session(server: SpawnedServer) {
  const call = (name: string, args: Record<string, unknown> = {}) => server.call(name, args);
  /** The answer's JSON; a write that Luma answers with `{}` gives the server's "Done: ..." text, read as {}. */
  const ok = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await call(name, args);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const first = result.content[0];
    return first?.type === "text" && first.text.startsWith("Done: ") ? {} : json(result);
  };
  const list = async (name: string, args: Record<string, unknown> = {}) =>
    (await ok(name, args)) as unknown as Entries;
  /** A body tool's call: `mode: "execute"` with `body`. */
  const execute = (name: string, body: Record<string, unknown>) =>
    ok(name, { mode: "execute", request_body: body });
  /** A call the server previews first (the user's yes, given here): the same call again with its token. */
  const confirmed = async (name: string, args: Record<string, unknown>) => {
    const preview = await call(name, args);
    const token = /confirmation_token: "([^"]+)"/.exec(
      JSON.stringify(preview.content).replaceAll('\\"', '"'),
    )?.[1];
    expect(token, JSON.stringify(preview.content)).toBeTruthy();
    return call(name, { ...args, confirmation_token: token });
  };
  return { server, call, ok, list, execute, confirmed };
}

// In the order of the catalog's areas.
const FLOWS: Record<string, (s: ReturnType<typeof session>) => Promise<void>> = {
  "says it is in sandbox mode: stderr, instructions and the calendar's name": async ({ server, ok }) => {
    expect(server.stderr()).toMatch(/SANDBOX MODE/);
    expect(server.instructions()).toMatch(/^SANDBOX MODE/);
    const calendar = await ok("GetCalendar");
    expect(calendar.name).toMatch(/^Sandbox: /);
    const me = await ok("GetUserInfo");
    expect(me.id).toBe("usr-sbxowner");
  },

  "events: create, update, look up, add to the calendar, hosts and an upload URL": async ({
    ok,
    list,
    execute,
  }) => {
    const created = await execute("CreateEvent", {
      name: "Flow test night",
      start_at: "2027-02-01T18:00:00.000Z",
      timezone: "UTC",
      slug: "flow-test-night",
    });
    const id = created.id as string;
    const upcoming = await list("ListLumaCalendarEvents", {
      start_date_after: "2027-01-31T00:00:00.000Z",
      filter_events_before: "2027-02-02T00:00:00.000Z",
    });
    expect(upcoming.entries.map((e) => e.id)).toContain(id);

    await execute("UpdateEvent", { event_id: id, name: "Flow test night (renamed)" });
    await execute("AddEventHost", { event_id: id, email: "cohost@example.com", access_level: "check-in" });
    const admin = await ok("GetEventAdminInfo", { event_api_id: id });
    expect(JSON.stringify(admin)).toContain("Flow test night (renamed)");

    const lookup = await ok("CheckEventExistence", { event_identifier: id });
    expect(JSON.stringify(lookup)).toContain(id);
    const entity = await ok("LumaEntityLookup", { entity_slug: "flow-test-night" });
    expect(JSON.stringify(entity)).toContain(id);

    const partner = {
      calendar_platform_type: "external",
      event_details_url: "https://example.com/partner-event",
    };
    expect(await ok("CheckEventExistence", partner)).toEqual({ event: null });
    await execute("AddEventToLumaCalendar", {
      platform: "external",
      url: "https://example.com/partner-event",
      name: "Partner meetup",
      start_at: "2027-03-01T18:00:00.000Z",
      duration_interval: "PT2H",
      timezone: "UTC",
    });
    const external = (await ok("CheckEventExistence", partner)) as {
      event: { id: string; status: string };
    };
    expect(external.event).toMatchObject({ id: expect.stringMatching(/^evt-/), status: "approved" });

    const upload = await execute("GenerateUploadUrl", { content_type: "image/png" });
    expect(upload.file_url).toMatch(/^https:\/\/images\.lumacdn\.com\//);
  },

  "events: cancels in two steps, and changes and removes a host": async ({
    call,
    ok,
    execute,
    confirmed,
  }) => {
    const created = await execute("CreateEvent", {
      name: "Doomed night",
      start_at: "2027-03-01T18:00:00.000Z",
      timezone: "UTC",
    });
    const id = created.id as string;
    await execute("AddEventHost", { event_id: id, email: "co@example.com" });
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

  "guests: add, invite, filter by status, approve from the waitlist": async ({ ok, list, execute }) => {
    await execute("AddEventGuests", {
      event_id: "evt-sbx0007",
      guests: [{ email: "flow.guest@example.com", name: "Flow Guest" }],
    });
    await execute("SendGuestEventInvite", {
      event_id: "evt-sbx0007",
      guests: [{ email: "flow.invitee@example.com" }],
    });
    const approved = await list("GetEventGuests", {
      event_id: "evt-sbx0007",
      guest_approval_status: "approved",
    });
    expect(approved.entries.map((g) => g.user_email)).toContain("flow.guest@example.com");
    const invited = await list("GetEventGuests", {
      event_api_id: "evt-sbx0007",
      guest_approval_status: "invited",
    });
    expect(invited.entries.map((g) => g.user_email)).toContain("flow.invitee@example.com");

    await execute("UpdateGuestStatus", {
      event_id: "evt-sbx0005",
      guest_id: "gst-sbx0509",
      status: "approved",
    });
    const guest = await ok("GetEventGuest", {
      event_api_id: "evt-sbx0005",
      guest_identifier: "gst-sbx0509",
    });
    expect(guest.approval_status).toBe("approved");
  },

  "pages through every guest of an event exactly once": async ({ list }) => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await list("GetEventGuests", {
        event_id: "evt-sbx0003",
        items_to_return: 4,
        ...(cursor ? { next_cursor_value: cursor } : {}),
      });
      seen.push(...page.entries.map((g) => g.id));
      cursor = page.has_more ? page.next_cursor : undefined;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(4);
    expect(new Set(seen).size).toBe(seen.length);
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

  "tickets: create, read, update, and the soft-delete rules": async ({ call, ok, list, execute }) => {
    const created = await execute("CreateEventTicketType", {
      event_id: "evt-sbx0004",
      name: "Flow Pass",
      type: "free",
    });
    await execute("UpdateTicketTypeConfiguration", {
      event_ticket_type_id: created.id,
      name: "Flow Pass (updated)",
    });
    const ticket = await ok("GetTicketTypeById", { ticket_type_id: created.id });
    expect(JSON.stringify(ticket)).toContain("Flow Pass (updated)");
    const visible = await list("ListEventTicketTypes", { event_id: "evt-sbx0004" });
    const all = await list("ListEventTicketTypes", {
      event_identifier: "evt-sbx0004",
      include_hidden_ticket_types: "true",
    });
    expect(all.entries.length).toBe(visible.entries.length + 1);

    const sold = await call("SoftDeleteTicketType", { event_ticket_type_id: "ett-sbx0401" });
    expect(sold.isError).toBe(true);
    expect(JSON.stringify(sold.content)).toMatch(/HTTP 400/);
    const unsold = await call("SoftDeleteTicketType", { event_ticket_type_id: created.id });
    expect(unsold.isError).toBeFalsy();
    const after = await list("ListEventTicketTypes", { event_id: "evt-sbx0004" });
    expect(after.entries.map((t) => t.id)).not.toContain(created.id);
  },

  "coupons: event and calendar coupons, created and modified": async ({ list, execute }) => {
    await execute("CreateEventCoupon", {
      event_id: "evt-sbx0004",
      code: "FLOW10",
      discount: { discount_type: "percent", percent_off: 10 },
    });
    await execute("ModifyCoupon", { event_id: "evt-sbx0004", code: "FLOW10", remaining_count: 3 });
    const eventCoupons = await list("ListEventCoupons", {
      event_api_id: "evt-sbx0004",
    });
    expect(eventCoupons.entries.find((c) => c.code === "FLOW10")?.remaining_count).toBe(3);

    await execute("GenerateEventCoupon", {
      code: "FLOWCAL",
      discount: { discount_type: "percent", percent_off: 5 },
    });
    await execute("UpdateCoupon", { code: "FLOWCAL", remaining_count: 7 });
    const calendarCoupons = await list("ListCalendarCoupons", {
      items_to_return: 50,
    });
    expect(calendarCoupons.entries.find((c) => c.code === "FLOWCAL")?.remaining_count).toBe(7);
  },

  "contacts: import, tag, filter by tag, untag, rename and delete the tag": async ({
    call,
    list,
    execute,
  }) => {
    await execute("ImportPeopleToCalendar", {
      contacts: [{ email: "flow.contact@example.com", name: "Flow Contact" }],
    });
    const tag = await execute("CreatePersonTag", { name: "Flow Tag", color: "green" });
    const tagId = tag.id as string;
    expect(
      (
        await call("ApplyTagToCalendarMembers", {
          tag_identifier: tagId,
          email_addresses: ["flow.contact@example.com"],
        })
      ).isError,
    ).toBeFalsy();
    const tagged = await list("ListPeople", { filter_by_tags: "Flow Tag" });
    expect(JSON.stringify(tagged.entries)).toContain("flow.contact@example.com");
    const searched = await list("ListPeople", { search_query: "flow.contact" });
    expect(searched.entries).toHaveLength(1);

    await call("RemoveTagFromCalendarMembers", {
      tag_identifier: tagId,
      email_addresses_to_remove_tag: ["flow.contact@example.com"],
    });
    const untagged = await list("ListPeople", { filter_by_tags: tagId });
    expect(untagged.entries).toHaveLength(0);

    expect(
      (await call("UpdatePersonTag", { person_tag_api_id: tagId, tag_name: "Flow Tag 2", tag_color: "blue" }))
        .isError,
    ).toBeFalsy();
    const tags = await list("ListPersonTags", { sort_by_column: "name" });
    expect(tags.entries.find((t) => t.id === tagId)).toMatchObject({ name: "Flow Tag 2", color: "blue" });
    expect((await call("DeletePersonTag", { tag_identifier: tagId })).isError).toBeFalsy();
    const remaining = await list("ListPersonTags");
    expect(remaining.entries.map((t) => t.id)).not.toContain(tagId);
  },

  "memberships: tiers, add a member, approve and filter by status": async ({ call, list, execute }) => {
    const tiers = await list("ListMembershipTiers", { items_to_return_count: 10 });
    expect(tiers.entries.map((t) => t.id)).toContain("tier-sbxcommunity");
    await execute("AddUserToMembershipTier", {
      email: "flow.member@example.com",
      membership_tier_id: "tier-sbxcommunity",
    });
    expect(
      (
        await call("UpdateMembershipStatus", {
          user_identifier: "samuel.adeyemi@example.com",
          membership_status: "approved",
        })
      ).isError,
    ).toBeFalsy();
    const approved = await list("ListPeople", {
      calendar_membership_status: "approved",
      calendar_membership_tier_api_id: "tier-sbxcommunity",
    });
    expect(JSON.stringify(approved.entries)).toContain("samuel.adeyemi@example.com");
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

describe("sandbox mode, end to end", () => {
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
        await flow(session(server));
      } finally {
        await server.close();
      }
    });
  }
});

describe("without --sandbox and without a key", () => {
  it("answers tool calls with an isError naming LUMA_API_KEY and --sandbox", async () => {
    const server = await spawnServer([], {});
    const result = await server.call("GetCalendar");
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/LUMA_API_KEY.*--sandbox/);
    await server.close();
  });
});
