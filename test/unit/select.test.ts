// Which tools a server offers: --toolsets / LUMA_TOOLSETS, --tools / LUMA_TOOLS, --exclude-tools /
// LUMA_EXCLUDE_TOOLS and --read-only / LUMA_READ_ONLY, as parsed from flags and environment.
import { describe, expect, it } from "vitest";
import { ConfigError, parseArgs } from "../../src/config.js";
import { DEFAULT_TOOLS, selectTools, TOOLS, TOOLSETS } from "../support/catalog.js";

/** The opt-in tools, written out by toolset: served only when named (or with `--toolsets all`). */
const OPT_IN_OF = {
  events: ["RequestEventCancellation", "CancelEvent", "UpdateEventHost", "RemoveEventHost"],
  guests: ["UpdateGuestTickets"],
  contacts: ["RemoveContact", "BlockContact", "RestoreContact"],
  webhooks: ["ListWebhooks", "GetWebhook", "CreateWebhook", "UpdateWebhook", "DeleteWebhook"],
  "event-tags": [
    "ListEventTags",
    "CreateEventTag",
    "UpdateEventTag",
    "DeleteEventTag",
    "ApplyTagToEvents",
    "RemoveTagFromEvents",
  ],
  submissions: ["ListCalendarSubmissions", "ApproveEventSubmission", "RejectEventSubmission"],
  "calendar-admin": ["UpdateCalendar", "ListCalendarAdmins"],
  organization: [
    "ListOrganizationAdmins",
    "ListOrganizationCalendars",
    "ListOrganizationEvents",
    "TransferEventCalendar",
    "CreateCalendar",
  ],
};

/** The toolsets, written out: each tool in exactly one. */
const EXPECTED: Record<string, string[]> = {
  events: [
    "GetEventAdminInfo",
    "ListLumaCalendarEvents",
    "CheckEventExistence",
    "CreateEvent",
    "UpdateEvent",
    "AddEventHost",
    "AddEventToLumaCalendar",
    "GenerateUploadUrl",
    ...OPT_IN_OF.events,
  ],
  guests: [
    "GetEventGuest",
    "GetEventGuests",
    "UpdateGuestStatus",
    "SendGuestEventInvite",
    "AddEventGuests",
    ...OPT_IN_OF.guests,
  ],
  tickets: [
    "ListEventTicketTypes",
    "GetTicketTypeById",
    "CreateEventTicketType",
    "UpdateTicketTypeConfiguration",
    "SoftDeleteTicketType",
  ],
  coupons: [
    "ListEventCoupons",
    "ListCalendarCoupons",
    "CreateEventCoupon",
    "ModifyCoupon",
    "GenerateEventCoupon",
    "UpdateCoupon",
  ],
  contacts: [
    "ListPeople",
    "ListPersonTags",
    "ImportPeopleToCalendar",
    "CreatePersonTag",
    "UpdatePersonTag",
    "DeletePersonTag",
    "ApplyTagToCalendarMembers",
    "RemoveTagFromCalendarMembers",
    ...OPT_IN_OF.contacts,
  ],
  memberships: ["ListMembershipTiers", "AddUserToMembershipTier", "UpdateMembershipStatus"],
  account: ["GetUserInfo", "GetCalendar", "LumaEntityLookup"],
  webhooks: OPT_IN_OF.webhooks,
  "event-tags": OPT_IN_OF["event-tags"],
  submissions: OPT_IN_OF.submissions,
  "calendar-admin": OPT_IN_OF["calendar-admin"],
  organization: OPT_IN_OF.organization,
};

const READ_ONLY = [
  "GetEventAdminInfo",
  "ListLumaCalendarEvents",
  "GetEventGuest",
  "GetEventGuests",
  "GetUserInfo",
  "ListPersonTags",
  "LumaEntityLookup",
  "CheckEventExistence",
  "ListPeople",
  "ListEventCoupons",
  "ListCalendarCoupons",
  "ListEventTicketTypes",
  "GetTicketTypeById",
  "ListMembershipTiers",
  "GetCalendar",
];

/** The selection for these flags and environment, as tool names (sorted) plus the start-up reason. */
function select(argv: string[], env: Record<string, string> = {}) {
  const { config } = parseArgs(argv, env);
  const selection = selectTools(config);
  return { names: selection.tools.map((t) => t.name).sort(), reason: selection.reason };
}

function selectError(argv: string[], env: Record<string, string> = {}): ConfigError {
  try {
    select(argv, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const sorted = (names: string[]) => [...names].sort();

describe("toolsets", () => {
  it("are the toolsets written out above, in that order", () => {
    expect(TOOLSETS).toEqual(Object.keys(EXPECTED));
  });

  it(`partition the ${TOOLS.length} tools of the catalog: each tool in exactly one group`, () => {
    const all = Object.values(EXPECTED).flat();
    expect(all).toHaveLength(TOOLS.length);
    expect(new Set(all).size).toBe(TOOLS.length);
    expect(sorted(all)).toEqual(sorted(TOOLS.map((t) => t.name)));
  });

  it.each(Object.entries(EXPECTED))("--toolsets %s enables exactly its tools", (set, names) => {
    expect(select(["--toolsets", set]).names).toEqual(sorted(names));
  });

  it(`enables the ${DEFAULT_TOOLS.length} default tools by default: the catalog without its opt-in tools`, () => {
    const optIn = Object.values(OPT_IN_OF).flat();
    const names = TOOLS.map((t) => t.name).filter((name) => !optIn.includes(name));
    expect(select([])).toEqual({ names: sorted(names), reason: "default" });
    expect(DEFAULT_TOOLS.map((t) => t.name)).toEqual(names);
  });

  it("takes several groups, comma-separated, with spaces", () => {
    const { names, reason } = select(["--toolsets", "guests, memberships"]);
    expect(names).toEqual(sorted([...(EXPECTED.guests ?? []), ...(EXPECTED.memberships ?? [])]));
    expect(reason).toBe("toolsets guests,memberships");
  });
});

describe("--tools and --exclude-tools", () => {
  it("--tools alone enables only the named tools, under any of their three names", () => {
    const { names, reason } = select(["--tools", "LumaApi_CreateEvent,GetCalendar,LumaApi.ListPeople"]);
    expect(names).toEqual(sorted(["CreateEvent", "GetCalendar", "ListPeople"]));
    expect(reason).toBe("3 named");
  });

  it("--tools adds to the toolsets", () => {
    const { names } = select(["--toolsets=account", "--tools=CreateEvent"]);
    expect(names).toEqual(sorted([...(EXPECTED.account ?? []), "CreateEvent"]));
  });

  it("--exclude-tools removes tools from the toolsets", () => {
    const { names, reason } = select(["--toolsets", "guests", "--exclude-tools", "LumaApi_AddEventGuests"]);
    expect(names).toEqual(sorted((EXPECTED.guests ?? []).filter((n) => n !== "AddEventGuests")));
    expect(reason).toBe("toolsets guests, 1 excluded");
  });

  it("--exclude-tools alone removes tools from the default list", () => {
    expect(select(["--exclude-tools", "CreateEvent,UpdateEvent"]).names).toHaveLength(
      DEFAULT_TOOLS.length - 2,
    );
  });
});

describe("--read-only", () => {
  it(`keeps only the ${READ_ONLY.length} tools whose readOnlyHint is true`, () => {
    const { names, reason } = select(["--read-only"]);
    expect(names).toEqual(sorted(READ_ONLY));
    expect(reason).toBe("read-only");
    for (const tool of DEFAULT_TOOLS) {
      expect(READ_ONLY.includes(tool.name)).toBe(tool.annotations.readOnlyHint);
    }
  });

  it("wins over toolsets and named tools", () => {
    const { names } = select(["--read-only", "--toolsets", "events", "--tools", "CreateEvent,GetCalendar"]);
    expect(names).toEqual(
      sorted(["GetEventAdminInfo", "ListLumaCalendarEvents", "CheckEventExistence", "GetCalendar"]),
    );
  });

  it("stops start-up when nothing read-only is left", () => {
    expect(selectError(["--read-only", "--tools", "CreateEvent"]).message).toMatch(/No tools are left/);
  });
});

describe("environment and flag forms agree", () => {
  const pairs: [string, string[], Record<string, string>][] = [
    ["toolsets", ["--toolsets", "tickets,account"], { LUMA_TOOLSETS: "tickets,account" }],
    ["tools", ["--tools", "CreateEvent"], { LUMA_TOOLS: "CreateEvent" }],
    ["exclude-tools", ["--exclude-tools", "GetCalendar"], { LUMA_EXCLUDE_TOOLS: "GetCalendar" }],
    ["read-only", ["--read-only"], { LUMA_READ_ONLY: "1" }],
  ];
  it.each(pairs)("%s", (_name, argv, env) => {
    expect(select([], env)).toEqual(select(argv));
  });

  it("LUMA_READ_ONLY=true and --read-only=1 read as on, LUMA_READ_ONLY=0 as off", () => {
    expect(select([], { LUMA_READ_ONLY: "true" }).names).toHaveLength(READ_ONLY.length);
    expect(select(["--read-only=1"]).names).toHaveLength(READ_ONLY.length);
    expect(select([], { LUMA_READ_ONLY: "0" }).names).toHaveLength(DEFAULT_TOOLS.length);
  });

  it("a flag overrides its environment variable", () => {
    expect(select(["--toolsets", "account"], { LUMA_TOOLSETS: "events" }).names).toEqual(
      sorted(EXPECTED.account ?? []),
    );
  });
});

describe("unknown names stop start-up with the valid names", () => {
  it("an unknown toolset lists every toolset", () => {
    const error = selectError(["--toolsets", "events,tikets"]);
    expect(error.message).toContain('Unknown toolset "tikets"');
    for (const set of TOOLSETS) expect(error.message).toContain(set);
  });

  it("an unknown tool in --tools says which was meant, not all the tools (issue 22)", () => {
    const error = selectError([], { LUMA_TOOLS: "LumaApi_CreateEvents" });
    expect(error.message).toMatch(/^Unknown tool "LumaApi_CreateEvents"\. Did you mean CreateEvent\b/);
    expect(error.message).not.toContain("ListPersonTags");
    expect(selectError([], { LUMA_TOOLS: "GetEvnt" }).message).toMatch(/Did you mean GetEvent/);
    expect(selectError([], { LUMA_TOOLS: "Zzzzzzzzzzzzzzzz" }).message).not.toMatch(/Did you mean/);
  });

  it("an unknown flag says which was meant (issue 22)", () => {
    expect(() => parseArgs(["--toolset", "all"], {})).toThrow(
      /Unknown argument "--toolset"\. Did you mean --toolsets\?/,
    );
    expect(() => parseArgs(["--frobnicate"], {})).toThrow(
      /^Unknown argument "--frobnicate"\. Run luma-api-mcp --help/,
    );
  });

  it("an unknown tool in --exclude-tools is refused too", () => {
    expect(selectError(["--exclude-tools", "DeleteEverything"]).message).toContain(
      'Unknown tool "DeleteEverything"',
    );
  });
});
