// The built server spawned with --sandbox, driven through an organiser's work over stdio: each flow on a
// server of its own, and all of them in turn on one, which must call every default tool (the opt-in tools'
// flows are test/e2e/opt-in-flows.test.ts's). Writes are checked through later reads.
import { describe, expect, it } from "vitest";
import { DEFAULT_TOOLS as TOOLS } from "../support/catalog.js";
import { type CallToolResult, json } from "../support/results.js";
import { type SpawnedServer, spawnServer } from "../support/spawn.js";

type Entries = { entries: Record<string, unknown>[]; has_more: boolean; next_cursor?: string };

/** A sandbox server and the calls a flow makes on it; `called` collects the tools called. */
function session(server: SpawnedServer, called: Set<string>) {
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    called.add(name);
    return server.call(name, args);
  };
  const read = async (name: string, args: Record<string, unknown> = {}) => json(await call(name, args));
  const ok = async (name: string, body: Record<string, unknown>): Promise<CallToolResult> => {
    const result = await call(name, { mode: "execute", request_body: body });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result;
  };
  return { server, call, read, ok };
}

const FLOWS: Record<string, (s: ReturnType<typeof session>) => Promise<void>> = {
  "says it is in sandbox mode: stderr, instructions and the calendar's name": async ({ server, read }) => {
    expect(server.stderr()).toMatch(/SANDBOX MODE/);
    expect(server.instructions()).toMatch(/^SANDBOX MODE/);
    const calendar = await read("GetCalendar");
    expect(calendar.name).toMatch(/^Sandbox: /);
    const me = await read("GetUserInfo");
    expect(me.id).toBe("usr-sbxowner");
  },

  "events: create, update, look up, add to the calendar, hosts and an upload URL": async ({ read, ok }) => {
    const created = json(
      await ok("CreateEvent", {
        name: "Flow test night",
        start_at: "2027-02-01T18:00:00.000Z",
        timezone: "UTC",
        slug: "flow-test-night",
      }),
    );
    const id = created.id as string;
    const upcoming = (await read("ListLumaCalendarEvents", {
      start_date_after: "2027-01-31T00:00:00.000Z",
      filter_events_before: "2027-02-02T00:00:00.000Z",
    })) as unknown as Entries;
    expect(upcoming.entries.map((e) => e.id)).toContain(id);

    await ok("UpdateEvent", { event_id: id, name: "Flow test night (renamed)" });
    await ok("AddEventHost", { event_id: id, email: "cohost@example.com", access_level: "check-in" });
    const admin = await read("GetEventAdminInfo", { event_api_id: id });
    expect(JSON.stringify(admin)).toContain("Flow test night (renamed)");

    const lookup = await read("CheckEventExistence", { event_identifier: id });
    expect(JSON.stringify(lookup)).toContain(id);
    const entity = await read("LumaEntityLookup", { entity_slug: "flow-test-night" });
    expect(JSON.stringify(entity)).toContain(id);

    const partner = {
      calendar_platform_type: "external",
      event_details_url: "https://example.com/partner-event",
    };
    expect(await read("CheckEventExistence", partner)).toEqual({ event: null });
    await ok("AddEventToLumaCalendar", {
      platform: "external",
      url: "https://example.com/partner-event",
      name: "Partner meetup",
      start_at: "2027-03-01T18:00:00.000Z",
      duration_interval: "PT2H",
      timezone: "UTC",
    });
    const external = (await read("CheckEventExistence", partner)) as {
      event: { id: string; status: string };
    };
    expect(external.event).toMatchObject({ id: expect.stringMatching(/^evt-/), status: "approved" });

    const upload = json(await ok("GenerateUploadUrl", { content_type: "image/png" }));
    expect(upload.file_url).toMatch(/^https:\/\/images\.lumacdn\.com\//);
  },

  "guests: add, invite, filter by status, approve from the waitlist": async ({ read, ok }) => {
    await ok("AddEventGuests", {
      event_id: "evt-sbx0007",
      guests: [{ email: "flow.guest@example.com", name: "Flow Guest" }],
    });
    await ok("SendGuestEventInvite", {
      event_id: "evt-sbx0007",
      guests: [{ email: "flow.invitee@example.com" }],
    });
    const approved = (await read("GetEventGuests", {
      event_id: "evt-sbx0007",
      guest_approval_status: "approved",
    })) as unknown as Entries;
    expect(approved.entries.map((g) => g.user_email)).toContain("flow.guest@example.com");
    const invited = (await read("GetEventGuests", {
      event_api_id: "evt-sbx0007",
      guest_approval_status: "invited",
    })) as unknown as Entries;
    expect(invited.entries.map((g) => g.user_email)).toContain("flow.invitee@example.com");

    await ok("UpdateGuestStatus", { event_id: "evt-sbx0005", guest_id: "gst-sbx0509", status: "approved" });
    const guest = await read("GetEventGuest", {
      event_api_id: "evt-sbx0005",
      guest_identifier: "gst-sbx0509",
    });
    expect(guest.approval_status).toBe("approved");
  },

  "pages through every guest of an event exactly once": async ({ read }) => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = (await read("GetEventGuests", {
        event_id: "evt-sbx0003",
        items_to_return: 4,
        ...(cursor ? { next_cursor_value: cursor } : {}),
      })) as unknown as Entries;
      seen.push(...page.entries.map((g) => g.id));
      cursor = page.has_more ? page.next_cursor : undefined;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(4);
    expect(new Set(seen).size).toBe(seen.length);
  },

  "tickets: create, read, update, and the soft-delete rules": async ({ call, read, ok }) => {
    const created = json(
      await ok("CreateEventTicketType", { event_id: "evt-sbx0004", name: "Flow Pass", type: "free" }),
    );
    await ok("UpdateTicketTypeConfiguration", {
      event_ticket_type_id: created.id,
      name: "Flow Pass (updated)",
    });
    const ticket = await read("GetTicketTypeById", { ticket_type_id: created.id });
    expect(JSON.stringify(ticket)).toContain("Flow Pass (updated)");
    const visible = (await read("ListEventTicketTypes", { event_id: "evt-sbx0004" })) as unknown as Entries;
    const all = (await read("ListEventTicketTypes", {
      event_identifier: "evt-sbx0004",
      include_hidden_ticket_types: "true",
    })) as unknown as Entries;
    expect(all.entries.length).toBe(visible.entries.length + 1);

    const sold = await call("SoftDeleteTicketType", { event_ticket_type_id: "ett-sbx0401" });
    expect(sold.isError).toBe(true);
    expect(JSON.stringify(sold.content)).toMatch(/HTTP 400/);
    const unsold = await call("SoftDeleteTicketType", { event_ticket_type_id: created.id });
    expect(unsold.isError).toBeFalsy();
    const after = (await read("ListEventTicketTypes", { event_id: "evt-sbx0004" })) as unknown as Entries;
    expect(after.entries.map((t) => t.id)).not.toContain(created.id);
  },

  "coupons: event and calendar coupons, created and modified": async ({ read, ok }) => {
    await ok("CreateEventCoupon", {
      event_id: "evt-sbx0004",
      code: "FLOW10",
      discount: { discount_type: "percent", percent_off: 10 },
    });
    await ok("ModifyCoupon", { event_id: "evt-sbx0004", code: "FLOW10", remaining_count: 3 });
    const eventCoupons = (await read("ListEventCoupons", {
      event_api_id: "evt-sbx0004",
    })) as unknown as Entries;
    expect(eventCoupons.entries.find((c) => c.code === "FLOW10")?.remaining_count).toBe(3);

    await ok("GenerateEventCoupon", {
      code: "FLOWCAL",
      discount: { discount_type: "percent", percent_off: 5 },
    });
    await ok("UpdateCoupon", { code: "FLOWCAL", remaining_count: 7 });
    const calendarCoupons = (await read("ListCalendarCoupons", {
      items_to_return: 50,
    })) as unknown as Entries;
    expect(calendarCoupons.entries.find((c) => c.code === "FLOWCAL")?.remaining_count).toBe(7);
  },

  "contacts: import, tag, filter by tag, untag, rename and delete the tag": async ({ call, read, ok }) => {
    await ok("ImportPeopleToCalendar", {
      contacts: [{ email: "flow.contact@example.com", name: "Flow Contact" }],
    });
    const tag = json(await ok("CreatePersonTag", { name: "Flow Tag", color: "green" }));
    const tagId = tag.id as string;
    expect(
      (
        await call("ApplyTagToCalendarMembers", {
          tag_identifier: tagId,
          email_addresses: ["flow.contact@example.com"],
        })
      ).isError,
    ).toBeFalsy();
    const tagged = (await read("ListPeople", { filter_by_tags: "Flow Tag" })) as unknown as Entries;
    expect(JSON.stringify(tagged.entries)).toContain("flow.contact@example.com");
    const searched = (await read("ListPeople", { search_query: "flow.contact" })) as unknown as Entries;
    expect(searched.entries).toHaveLength(1);

    await call("RemoveTagFromCalendarMembers", {
      tag_identifier: tagId,
      email_addresses_to_remove_tag: ["flow.contact@example.com"],
    });
    const untagged = (await read("ListPeople", { filter_by_tags: tagId })) as unknown as Entries;
    expect(untagged.entries).toHaveLength(0);

    expect(
      (await call("UpdatePersonTag", { person_tag_api_id: tagId, tag_name: "Flow Tag 2", tag_color: "blue" }))
        .isError,
    ).toBeFalsy();
    const tags = (await read("ListPersonTags", { sort_by_column: "name" })) as unknown as Entries;
    expect(tags.entries.find((t) => t.id === tagId)).toMatchObject({ name: "Flow Tag 2", color: "blue" });
    expect((await call("DeletePersonTag", { tag_identifier: tagId })).isError).toBeFalsy();
    const remaining = (await read("ListPersonTags")) as unknown as Entries;
    expect(remaining.entries.map((t) => t.id)).not.toContain(tagId);
  },

  "memberships: tiers, add a member, approve and filter by status": async ({ call, read, ok }) => {
    const tiers = (await read("ListMembershipTiers", { items_to_return_count: 10 })) as unknown as Entries;
    expect(tiers.entries.map((t) => t.id)).toContain("tier-sbxcommunity");
    await ok("AddUserToMembershipTier", {
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
    const approved = (await read("ListPeople", {
      calendar_membership_status: "approved",
      calendar_membership_tier_api_id: "tier-sbxcommunity",
    })) as unknown as Entries;
    expect(JSON.stringify(approved.entries)).toContain("samuel.adeyemi@example.com");
  },
};

describe("sandbox mode, end to end", () => {
  for (const [name, flow] of Object.entries(FLOWS)) {
    it(name, async () => {
      const server = await spawnServer(["--sandbox"]);
      try {
        await flow(session(server, new Set()));
      } finally {
        await server.close();
      }
    });
  }

  it(`the flows, in turn on one server, call every one of the ${TOOLS.length} default tools`, async () => {
    const server = await spawnServer(["--sandbox"]);
    const called = new Set<string>();
    try {
      for (const flow of Object.values(FLOWS)) await flow(session(server, called));
    } finally {
      await server.close();
    }
    expect([...called].sort()).toEqual(TOOLS.map((t) => t.name).sort());
  });
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
