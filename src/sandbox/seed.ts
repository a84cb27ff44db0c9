// Sandbox: the seeded calendar ("Sandbox: Riverside Tech Meetups") that every sandbox starts with.
//
// Dates: every timestamp is an offset from `day0`, the sandbox's `now` rounded DOWN to midnight UTC.
// Rounding to the day (not using `now` itself) keeps the data identical for every start on the same
// UTC day, so two sandboxes, or two runs of a test, see byte-identical answers, while the offsets keep
// "upcoming" events upcoming whenever the sandbox runs: the nearest upcoming event starts at day0 + 3
// days and the latest past event ends before day0, so neither flips within the day.
//
// IDs are fixed strings (`evt-sbx0001`, `gst-sbx0301`, ...) that never change between starts; records
// created by writes get counter IDs (`evt-sbxnew001`) from the Store. All emails are @example.com.

import type {
  ApprovalStatus,
  Calendar,
  Contact,
  ContactTag,
  Coupon,
  EventTag,
  ExternalEvent,
  GeoAddress,
  Guest,
  ListingStatus,
  LumaEvent,
  MembershipStatus,
  MembershipTier,
  Order,
  SandboxState,
  TagColor,
  Ticket,
  TicketType,
  User,
} from "./types.js";
import { isoDuration, time } from "./util.js";

const TIMEZONE = "America/Los_Angeles";
const CALENDAR_ID = "cal-sbxriverside";
const OWNER_ID = "usr-sbxowner";
const CDN = "https://images.lumacdn.com";

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const avatar = (n: number): string => `${CDN}/avatars-default/avatar_${(n % 30) + 1}.png`;
export const personUserId = (n: number): string => `usr-sbx${pad(n, 4)}`;

/** The calendar's people; #40 was imported with an email only, so Luma knows no name for them. */
const PEOPLE: [first: string, last: string][] = [
  ["Ava", "Thompson"],
  ["Liam", "Chen"],
  ["Sofia", "Martinez"],
  ["Noah", "Patel"],
  ["Mia", "Johnson"],
  ["Ethan", "Nguyen"],
  ["Isabella", "Garcia"],
  ["Lucas", "Kim"],
  ["Amelia", "Brown"],
  ["Mateo", "Rossi"],
  ["Harper", "Williams"],
  ["Elijah", "Okafor"],
  ["Chloe", "Dubois"],
  ["James", "OConnor"],
  ["Zoe", "Anderson"],
  ["Benjamin", "Cohen"],
  ["Layla", "Haddad"],
  ["Henry", "Walker"],
  ["Nora", "Lindqvist"],
  ["Samuel", "Adeyemi"],
  ["Grace", "Park"],
  ["Daniel", "Silva"],
  ["Priya", "Raman"],
  ["Owen", "Murphy"],
  ["Hannah", "Schmidt"],
  ["Leo", "Tanaka"],
  ["Emma", "Novak"],
  ["Jack", "Wilson"],
  ["Aisha", "Bello"],
  ["Ryan", "Foster"],
  ["Maya", "Greenberg"],
  ["Caleb", "Wright"],
  ["Fatima", "Zahra"],
  ["Diego", "Alvarez"],
  ["Lily", "Evans"],
  ["Marcus", "Reed"],
  ["Yuki", "Sato"],
  ["Olivia", "Hart"],
  ["Theo", "Laurent"],
  ["Ines", "Costa"],
];
const NAMELESS = new Set([40]);

const TAGS: { id: string; name: string; color: TagColor; people: number[] }[] = [
  { id: "tag-sbxvip", name: "VIP", color: "cranberry", people: [1, 5, 12, 21] },
  { id: "tag-sbxspeaker", name: "Speaker", color: "purple", people: [2, 8, 16, 23] },
  { id: "tag-sbxvolunteer", name: "Volunteer", color: "green", people: [3, 9, 14, 27, 30] },
  { id: "tag-sbxsponsor", name: "Sponsor", color: "yellow", people: [6, 18] },
  { id: "tag-sbxnewcomer", name: "Newcomer", color: "blue", people: [33, 34, 35, 36, 37, 38, 39] },
];

const TIERS: MembershipTier[] = [
  {
    id: "tier-sbxcommunity",
    name: "Community Member",
    description: "Free membership: early RSVPs and the members-only breakfasts. Approved by the organizers.",
    tint_color: "#2f80ed",
    access_info: { type: "free", require_approval: true },
  },
  {
    id: "tier-sbxsupporter",
    name: "Supporter",
    description: "Pay monthly or yearly to keep the meetups free for everyone else.",
    tint_color: "#bb2dc7",
    access_info: {
      type: "payment-recurring",
      currency: "usd",
      stripe_account_id: "acct_sbxriverside",
      stripe_product_id: "prod_sbxsupporter",
      stripe_monthly_price_id: "price_sbxsupportermonthly",
      amount_monthly: 1000,
      stripe_yearly_price_id: "price_sbxsupporteryearly",
      amount_yearly: 10000,
      require_approval: false,
    },
  },
];

const MEMBERS: { tier: string; status: MembershipStatus; people: number[] }[] = [
  { tier: "tier-sbxcommunity", status: "approved", people: [1, 2, 3, 4, 5, 9, 14] },
  { tier: "tier-sbxcommunity", status: "pending", people: [20, 29] },
  { tier: "tier-sbxcommunity", status: "declined", people: [31] },
  { tier: "tier-sbxsupporter", status: "approved", people: [6, 12, 18, 21] },
  { tier: "tier-sbxsupporter", status: "approved-pending-payment", people: [24, 26] },
  { tier: "tier-sbxsupporter", status: "declined", people: [30] },
];

const EVENT_TAGS: EventTag[] = [
  { id: "evtag-sbxjavascript", name: "JavaScript", color: "yellow" },
  { id: "evtag-sbxworkshop", name: "Workshop", color: "blue" },
  { id: "evtag-sbxai", name: "AI", color: "purple" },
  { id: "evtag-sbxconference", name: "Conference", color: "cranberry" },
  { id: "evtag-sbxopensource", name: "Open Source", color: "green" },
  { id: "evtag-sbxsocial", name: "Social", color: "orange" },
];

interface Venue {
  place: string;
  street: string;
  coordinate: { latitude: number; longitude: number };
}

const FOUNDRY: Venue = {
  place: "The Foundry Coworking",
  street: "3560 University Ave",
  coordinate: { latitude: 33.9817, longitude: -117.3738 },
};
const ORANGE_HALL: Venue = {
  place: "Orange Street Hall",
  street: "4200 Orange St",
  coordinate: { latitude: 33.9781, longitude: -117.3749 },
};
const MISSION_CAFE: Venue = {
  place: "Mission Cafe (back room)",
  street: "3700 Main St",
  coordinate: { latitude: 33.9829, longitude: -117.3753 },
};

function geo(venue: Venue): GeoAddress {
  return {
    address: venue.street,
    city: "Riverside",
    region: "California",
    country: "United States",
    city_state: "Riverside, California",
    full_address: `${venue.place}, ${venue.street}, Riverside, CA 92501, USA`,
    google_maps_place_id: null,
    apple_maps_place_id: null,
    description: venue.place,
  };
}

interface TicketTypeSpec {
  name: string;
  cents?: number;
  hidden?: boolean;
  approval?: boolean;
  capacity?: number;
  validEndDays?: number;
}

interface GuestSpec {
  person: number;
  status: ApprovalStatus;
  ticketType?: number;
  checkedIn?: boolean;
  coupon?: string;
}

interface CouponSpec {
  code: string;
  percentOff?: number;
  centsOff?: number;
  remaining: number;
  ticketType?: number;
}

interface EventSpec {
  name: string;
  slug: string;
  /** Start, in days and hours after day0. */
  days: number;
  hour: number;
  hours: number;
  createdDaysBeforeDay0: number;
  description: string;
  venue?: Venue;
  meetingUrl?: string;
  visibility?: LumaEvent["visibility"];
  waitlist?: boolean;
  capacity?: number;
  tags: string[];
  cohost?: number;
  question?: { id: string; label: string; answers: string[] };
  ticketTypes: TicketTypeSpec[];
  coupons?: CouponSpec[];
  guests: GuestSpec[];
}

const group = (people: number[], status: ApprovalStatus, extra: Partial<GuestSpec> = {}): GuestSpec[] =>
  people.map((person) => ({ person, status, ...extra }));

/** evt-sbx0001 ... evt-sbx0007, in this order. */
const EVENTS: EventSpec[] = [
  {
    name: "Riverside JS Night #12",
    slug: "sandbox-js-night",
    days: -30,
    hour: 2,
    hours: 3,
    createdDaysBeforeDay0: 75,
    description: "Lightning talks on **TypeScript**, bundlers and the web platform, then pizza.",
    venue: FOUNDRY,
    tags: ["evtag-sbxjavascript"],
    ticketTypes: [{ name: "General Admission" }],
    guests: [
      ...group([1, 2, 3, 4, 5, 6], "approved", { checkedIn: true }),
      ...group([7, 8], "approved"),
      ...group([9, 10], "declined"),
    ],
  },
  {
    name: "Intro to Rust Workshop",
    slug: "sandbox-intro-rust",
    days: -10,
    hour: 17,
    hours: 3,
    createdDaysBeforeDay0: 50,
    description: "A hands-on morning: ownership, borrowing and your first CLI. Bring a laptop.",
    venue: ORANGE_HALL,
    capacity: 20,
    tags: ["evtag-sbxworkshop"],
    ticketTypes: [{ name: "Workshop Ticket", cents: 2500, capacity: 20 }],
    coupons: [{ code: "RUSTY10", centsOff: 1000, remaining: 9 }],
    guests: [
      ...group([2, 4, 11, 12], "approved", { checkedIn: true }),
      { person: 13, status: "approved", coupon: "RUSTY10" },
      { person: 15, status: "approved" },
      { person: 16, status: "declined" },
    ],
  },
  {
    name: "AI Builders Meetup: Agents in Production",
    slug: "sandbox-ai-builders",
    days: 7,
    hour: 2,
    hours: 2.5,
    createdDaysBeforeDay0: 21,
    description: "Show-and-tell of agents running in production. Spots are limited: every RSVP is reviewed.",
    venue: FOUNDRY,
    capacity: 40,
    tags: ["evtag-sbxai"],
    cohost: 23,
    question: {
      id: "q-sbxbuilding",
      label: "What are you building?",
      answers: ["A support triage agent", "Evaluation tooling", "An MCP server", "Nothing yet, curious!"],
    },
    ticketTypes: [{ name: "RSVP", approval: true }],
    guests: [
      ...group([1, 3, 17, 18, 19], "approved"),
      ...group([20, 21, 22, 23], "pending_approval"),
      ...group([24, 25], "declined"),
      ...group([26, 27], "invited"),
    ],
  },
  {
    name: "Riverside DevConf",
    slug: "sandbox-devconf",
    days: 21,
    hour: 16,
    hours: 8,
    createdDaysBeforeDay0: 60,
    description: "A full day, two tracks: web, infrastructure and developer tooling. Lunch included.",
    venue: ORANGE_HALL,
    capacity: 150,
    tags: ["evtag-sbxconference"],
    cohost: 16,
    ticketTypes: [
      { name: "Early Bird", cents: 4900, capacity: 50, validEndDays: 7 },
      { name: "General Admission", cents: 7900 },
      { name: "Speaker Pass", hidden: true },
      { name: "Student", cents: 1900, approval: true },
    ],
    coupons: [
      { code: "EARLYDEV", percentOff: 20, remaining: 40 },
      { code: "SPEAKERS", percentOff: 100, remaining: 10, ticketType: 2 },
    ],
    guests: [
      ...group([5, 6, 12, 28, 32], "approved"),
      { person: 29, status: "approved", coupon: "EARLYDEV" },
      { person: 8, status: "approved", ticketType: 2, coupon: "SPEAKERS" },
      ...group([33, 34], "session"),
    ],
  },
  {
    name: "Open Source Saturday (Online)",
    slug: "sandbox-oss-saturday",
    days: 14,
    hour: 17,
    hours: 4,
    createdDaysBeforeDay0: 30,
    description: "Pair up and land your first pull request. Maintainers on call all afternoon.",
    meetingUrl: "https://zoom.us/j/5550100100",
    capacity: 8,
    waitlist: true,
    tags: ["evtag-sbxopensource"],
    ticketTypes: [{ name: "Free RSVP", capacity: 8 }],
    guests: [...group([9, 10, 11, 14, 30, 35, 36, 37], "approved"), ...group([38, 39, 40], "waitlist")],
  },
  {
    name: "Founders Breakfast (Members Only)",
    slug: "sandbox-founders-breakfast",
    days: 45,
    hour: 15,
    hours: 1.5,
    createdDaysBeforeDay0: 5,
    description: "Coffee and candid conversation for founders. Community members only.",
    venue: MISSION_CAFE,
    visibility: "members-only",
    capacity: 12,
    tags: ["evtag-sbxsocial"],
    ticketTypes: [{ name: "Member Seat", capacity: 12 }],
    guests: [{ person: 6, status: "approved" }, ...group([12, 18, 21], "invited")],
  },
  {
    name: "Board Game Social",
    slug: "sandbox-board-games",
    days: 3,
    hour: 2,
    hours: 3,
    createdDaysBeforeDay0: 12,
    description: "No talks, no laptops: bring a game or learn a new one.",
    venue: MISSION_CAFE,
    tags: ["evtag-sbxsocial"],
    ticketTypes: [{ name: "RSVP" }],
    guests: [...group([15, 31], "approved"), { person: 7, status: "invited" }],
  },
];

const REGISTERED: ReadonlySet<ApprovalStatus> = new Set([
  "approved",
  "pending_approval",
  "waitlist",
  "declined",
]);

export function buildSeed(now: Date): SandboxState {
  const day0 = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const iso = (ms: number): string => new Date(ms).toISOString();
  const dayAt = (days: number, hours = 0): number => day0 + days * time.DAY + hours * time.HOUR;

  const users = new Map<string, User>();
  const addUser = (user: User): void => void users.set(user.id, user);
  addUser({
    id: OWNER_ID,
    email: "morgan.rivera@example.com",
    name: "Morgan Rivera",
    first_name: "Morgan",
    last_name: "Rivera",
    avatar_url: `${CDN}/avatars/sandbox/morgan-rivera.png`,
  });
  addUser({
    id: "usr-sbxpartner",
    email: "jordan.lee@example.com",
    name: "Jordan Lee",
    first_name: "Jordan",
    last_name: "Lee",
    avatar_url: avatar(0),
  });
  PEOPLE.forEach(([first, last], i) => {
    const n = i + 1;
    const named = !NAMELESS.has(n);
    addUser({
      id: personUserId(n),
      email: `${first}.${last}@example.com`.toLowerCase(),
      name: named ? `${first} ${last}` : null,
      first_name: named ? first : null,
      last_name: named ? last : null,
      avatar_url: avatar(n),
    });
  });

  const tags = new Map<string, ContactTag>();
  TAGS.forEach((t, i) => {
    tags.set(t.id, { id: t.id, name: t.name, color: t.color, created_at: iso(dayAt(-200 + i * 10, 18)) });
  });

  const contacts = new Map<string, Contact>();
  PEOPLE.forEach((_, i) => {
    const n = i + 1;
    const id = `cnt-sbx${pad(n, 4)}`;
    const member = MEMBERS.find((m) => m.people.includes(n));
    contacts.set(id, {
      id,
      user_id: personUserId(n),
      created_at: iso(dayAt(-400 + n * 8, 17)),
      tag_ids: TAGS.filter((t) => t.people.includes(n)).map((t) => t.id),
      membership: member ? { id: `mbr-sbx${pad(n, 4)}`, status: member.status, tier_id: member.tier } : null,
      removal: null,
    });
  });

  const events = new Map<string, LumaEvent>();
  const ticketTypes = new Map<string, TicketType>();
  const guests = new Map<string, Guest>();
  const coupons = new Map<string, Coupon>();
  const listings = new Map<string, ListingStatus>();

  EVENTS.forEach((spec, i) => {
    const ev = pad(i + 1);
    const eventId = `evt-sbx${pad(i + 1, 4)}`;
    const start = dayAt(spec.days, spec.hour);
    const end = start + spec.hours * time.HOUR;
    const created = dayAt(-spec.createdDaysBeforeDay0, 20);
    const hosts: LumaEvent["hosts"] = [{ user_id: OWNER_ID, access_level: "manager", is_visible: true }];
    if (spec.cohost)
      hosts.push({ user_id: personUserId(spec.cohost), access_level: "manager", is_visible: true });
    events.set(eventId, {
      id: eventId,
      calendar_id: CALENDAR_ID,
      user_id: OWNER_ID,
      name: spec.name,
      slug: spec.slug,
      start_at: iso(start),
      end_at: iso(end),
      created_at: iso(created),
      timezone: TIMEZONE,
      description_md: spec.description,
      geo_address_json: spec.venue ? geo(spec.venue) : null,
      coordinate: spec.venue ? { ...spec.venue.coordinate } : null,
      meeting_url: spec.meetingUrl ?? null,
      location_visibility: "public",
      cover_url: `${CDN}/event-covers/sandbox/${spec.slug}.png`,
      visibility: spec.visibility ?? "public",
      waitlist_status: spec.waitlist ? "enabled" : "disabled",
      registration_open: true,
      feedback_email: { enabled: true, delay: "PT1H" },
      registration_questions: spec.question
        ? [{ id: spec.question.id, label: spec.question.label, required: true, question_type: "text" }]
        : [],
      max_capacity: spec.capacity ?? null,
      hosts,
      event_tag_ids: [...spec.tags],
    });
    listings.set(eventId, "approved");

    const typeIds = spec.ticketTypes.map((t, j) => {
      const id = `ett-sbx${ev}${pad(j + 1)}`;
      ticketTypes.set(id, {
        id,
        event_id: eventId,
        name: t.name,
        type: t.cents ? "paid" : "free",
        cents: t.cents ?? null,
        currency: t.cents ? "usd" : null,
        is_hidden: t.hidden ?? false,
        require_approval: t.approval ?? false,
        valid_start_at: null,
        valid_end_at: t.validEndDays === undefined ? null : iso(dayAt(t.validEndDays)),
        max_capacity: t.capacity ?? null,
        is_flexible: false,
        min_cents: null,
        description: null,
        deleted: false,
      });
      return id;
    });

    for (const [j, c] of (spec.coupons ?? []).entries()) {
      const id = `cpn-sbx${ev}${pad(j + 1)}`;
      coupons.set(id, {
        id,
        event_id: eventId,
        code: c.code,
        remaining_count: c.remaining,
        valid_start_at: null,
        valid_end_at: null,
        percent_off: c.percentOff ?? null,
        cents_off: c.centsOff ?? null,
        currency: c.centsOff ? "usd" : null,
        event_ticket_type_id: c.ticketType === undefined ? null : (typeIds[c.ticketType] ?? null),
      });
    }

    // Registrations trickle in during the week before the event (or before day0 for upcoming ones).
    const registrationBase = Math.min(start, day0) - 7 * time.DAY;
    spec.guests.forEach((g, k) => {
      const nn = `${ev}${pad(k + 1)}`;
      const typeId = typeIds[g.ticketType ?? 0] as string;
      const type = ticketTypes.get(typeId) as TicketType;
      const coupon = [...coupons.values()].find((c) => c.event_id === eventId && c.code === g.coupon);
      const price = type.cents ?? 0;
      const discount = !coupon
        ? 0
        : coupon.percent_off !== null
          ? Math.round((price * coupon.percent_off) / 100)
          : Math.min(price, coupon.cents_off ?? 0);
      const stamp = iso(registrationBase + k * 3 * time.HOUR);
      const registered = REGISTERED.has(g.status);
      const captured = g.status === "approved";
      const currency = type.type === "paid" ? type.currency : null;
      const tickets: Ticket[] = registered
        ? [
            {
              id: `tkt-sbx${nn}`,
              event_ticket_type_id: typeId,
              amount: price - discount,
              amount_discount: discount,
              amount_tax: 0,
              currency,
              is_captured: captured,
              checked_in_at: g.checkedIn ? iso(start + (10 + k * 3) * time.MINUTE) : null,
            },
          ]
        : [];
      const orders: Order[] = registered
        ? [
            {
              id: `ord-sbx${nn}`,
              amount: price - discount,
              amount_discount: discount,
              amount_tax: 0,
              currency,
              coupon_id: coupon?.id ?? null,
              is_captured: captured,
            },
          ]
        : [];
      const question = spec.question;
      guests.set(`gst-sbx${nn}`, {
        id: `gst-sbx${nn}`,
        key: `g-sbx${nn}`,
        event_id: eventId,
        user_id: personUserId(g.person),
        approval_status: g.status,
        created_at: stamp,
        invited_at: g.status === "invited" ? stamp : null,
        joined_at: g.status === "approved" ? stamp : null,
        registered_at: registered ? stamp : null,
        phone_number: g.person % 4 === 0 ? `+1951555${pad(g.person, 4)}` : null,
        utm_source: k % 5 === 0 && registered ? "newsletter" : null,
        registration_answers:
          registered && question
            ? [
                {
                  label: question.label,
                  question_id: question.id,
                  value: question.answers[k % question.answers.length],
                  answer: question.answers[k % question.answers.length],
                  question_type: "text",
                },
              ]
            : registered
              ? []
              : null,
        tickets,
        orders,
      });
    });
  });

  // A Luma event that another calendar manages: it can be looked up and added to this calendar's
  // listing, but not managed (events/get answers 403).
  events.set("evt-sbxpartner1", {
    id: "evt-sbxpartner1",
    calendar_id: "cal-sbxpartner",
    user_id: "usr-sbxpartner",
    name: "Inland Empire Hackathon",
    slug: "sandbox-ie-hackathon",
    start_at: iso(dayAt(30, 16)),
    end_at: iso(dayAt(31, 2)),
    created_at: iso(dayAt(-20, 19)),
    timezone: TIMEZONE,
    description_md: "A weekend of building, hosted by our friends at Inland Empire Devs.",
    geo_address_json: geo(FOUNDRY),
    coordinate: { ...FOUNDRY.coordinate },
    meeting_url: null,
    location_visibility: "public",
    cover_url: `${CDN}/event-covers/sandbox/sandbox-ie-hackathon.png`,
    visibility: "public",
    waitlist_status: "disabled",
    registration_open: true,
    feedback_email: { enabled: false },
    registration_questions: [],
    max_capacity: 100,
    hosts: [{ user_id: "usr-sbxpartner", access_level: "manager", is_visible: true }],
    event_tag_ids: [],
  });

  const externalEvents = new Map<string, ExternalEvent>();
  const addExternal = (
    e: Omit<ExternalEvent, "end_at" | "duration_interval">,
    ms: number,
    s: ListingStatus,
  ) => {
    externalEvents.set(e.id, {
      ...e,
      end_at: iso(Date.parse(e.start_at) + ms),
      duration_interval: isoDuration(ms),
    });
    listings.set(e.id, s);
  };
  addExternal(
    {
      id: "evt-sbxext0001",
      calendar_id: CALENDAR_ID,
      name: "Hardware Hackers Night",
      url: "https://events.example.com/hardware-hackers-night",
      start_at: iso(dayAt(10, 2)),
      timezone: TIMEZONE,
      geo_address_json: geo(MISSION_CAFE),
      coordinate: { ...MISSION_CAFE.coordinate },
      host: "Riverside Makerspace",
      created_at: iso(dayAt(-8, 18)),
    },
    3 * time.HOUR,
    "approved",
  );
  addExternal(
    {
      id: "evt-sbxext0002",
      calendar_id: CALENDAR_ID,
      name: "Product Managers Happy Hour",
      url: "https://events.example.com/pm-happy-hour",
      start_at: iso(dayAt(17, 1)),
      timezone: TIMEZONE,
      geo_address_json: null,
      coordinate: null,
      host: null,
      created_at: iso(dayAt(-2, 21)),
    },
    2 * time.HOUR,
    "pending",
  );

  // Calendar coupons work on every event the calendar manages.
  coupons.set("cpn-sbxcal01", {
    id: "cpn-sbxcal01",
    event_id: null,
    code: "RIVERSIDE15",
    remaining_count: 100,
    valid_start_at: iso(dayAt(-30)),
    valid_end_at: iso(dayAt(90)),
    percent_off: 15,
    cents_off: null,
    currency: null,
    event_ticket_type_id: null,
  });
  coupons.set("cpn-sbxcal02", {
    id: "cpn-sbxcal02",
    event_id: null,
    code: "MEMBER5",
    remaining_count: 1000000,
    valid_start_at: null,
    valid_end_at: null,
    percent_off: null,
    cents_off: 500,
    currency: "usd",
    event_ticket_type_id: null,
  });

  const calendar: Calendar = {
    id: CALENDAR_ID,
    name: "Sandbox: Riverside Tech Meetups",
    slug: "sandbox-riverside-tech",
    description:
      "A simulated Luma calendar served by the luma-api-mcp sandbox. Nothing here is real: " +
      "writes live in memory until the sandbox stops.",
    avatar_url: `${CDN}/calendars/sandbox/riverside-avatar.png`,
    cover_image_url: `${CDN}/calendars/sandbox/riverside-cover.png`,
    social_image_url: null,
    is_personal: false,
    location: {
      city: "Riverside",
      region: "California",
      country: "United States",
      country_code: "US",
      timezone: TIMEZONE,
    },
    coordinate: { latitude: 33.9806, longitude: -117.3755 },
    instagram_handle: null,
    twitter_handle: "riversidetech_sbx",
    youtube_handle: null,
    website: "https://riverside-tech.example.com",
  };

  // A second calendar of the same organization, for the organization routes (transfers land here).
  const workshops: Calendar = {
    ...structuredClone(calendar),
    id: "cal-sbxworkshops",
    name: "Sandbox: Riverside Workshops",
    slug: "sandbox-riverside-workshops",
    description: "The hands-on workshops of the simulated Riverside organization.",
    avatar_url: `${CDN}/calendars/sandbox/workshops-avatar.png`,
    cover_image_url: null,
    twitter_handle: null,
  };

  return {
    calendar,
    ownerId: OWNER_ID,
    users,
    events,
    externalEvents,
    listings,
    ticketTypes,
    guests,
    coupons,
    tags,
    contacts,
    tiers: new Map(TIERS.map((t) => [t.id, structuredClone(t)])),
    eventTags: new Map(EVENT_TAGS.map((t) => [t.id, { ...t }])),
    adminIds: [OWNER_ID, personUserId(2)],
    webhooks: new Map([
      [
        "wh-sbx0001",
        {
          id: "wh-sbx0001",
          url: "https://hooks.example.com/riverside/registrations",
          event_types: ["guest.registered", "guest.updated"],
          status: "active",
          secret: "sbx_whsec_riverside_registrations",
          created_at: iso(dayAt(-60, 17)),
        },
      ],
    ]),
    cancellationTokens: new Map(),
    organization: {
      id: "org-sbxriverside",
      name: "Sandbox: Riverside Tech Org",
      admin_ids: [OWNER_ID],
      calendars: new Map([[workshops.id, workshops]]),
    },
  };
}
