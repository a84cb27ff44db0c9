// Sandbox: turns stored records into Luma's response shapes (the 200 schemas of the OpenAPI spec), in
// one place, so a record looks the same in every route that returns it.

import type { ContactStats, Store } from "./store.js";
import type {
  Calendar,
  Contact,
  Coupon,
  ExternalEvent,
  Guest,
  LumaEvent,
  MembershipTier,
  Ticket,
  TicketType,
  User,
  Webhook,
} from "./types.js";
import { isoDuration, locationType, markdownToText } from "./util.js";

export const eventUrl = (slug: string): string => `https://luma.com/${slug}`;

function personFields(user: User) {
  return {
    name: user.name,
    avatar_url: user.avatar_url,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
  };
}

/** GET /v1/users/get-self */
export function userView(user: User) {
  return { id: user.id, ...personFields(user) };
}

/** What every answer about an event the calendar lists carries, managed or not. */
function eventBase(event: LumaEvent) {
  return {
    platform: "luma" as const,
    id: event.id,
    user_id: event.user_id,
    calendar_id: event.calendar_id,
    start_at: event.start_at,
    duration_interval: isoDuration(Date.parse(event.end_at) - Date.parse(event.start_at)),
    end_at: event.end_at,
    created_at: event.created_at,
    timezone: event.timezone,
    name: event.name,
  };
}

/** Tickets of guests with a status (or checked in), and the guests holding them, as events/get counts them. */
function guestCounts(store: Store, event: LumaEvent) {
  const guests = store.guestsOf(event.id);
  const count = (of: Guest[], tickets: (g: Guest) => number) => ({
    guests: of.length,
    tickets: of.reduce((sum, g) => sum + tickets(g), 0),
  });
  const withStatus = (status: Guest["approval_status"]) =>
    count(
      guests.filter((g) => g.approval_status === status),
      // Invited guests hold no ticket; pending and waitlisted ones count at least one.
      (g) => (status === "invited" ? 0 : Math.max(g.tickets.length, status === "approved" ? 0 : 1)),
    );
  const checkedIn = (g: Guest) => g.tickets.filter((t) => t.checked_in_at !== null).length;
  return {
    approved: withStatus("approved"),
    pending_approval: withStatus("pending_approval"),
    waitlist: withStatus("waitlist"),
    invited: withStatus("invited"),
    declined: withStatus("declined"),
    checked_in: count(
      guests.filter((g) => checkedIn(g) > 0),
      checkedIn,
    ),
  };
}

/** Spots left under max_capacity (approved guests' tickets take them); null without a cap. */
function spotsRemaining(store: Store, event: LumaEvent): number | null {
  if (event.max_capacity === null) return null;
  const taken = store
    .guestsOf(event.id)
    .filter((g) => g.approval_status === "approved")
    .reduce((sum, g) => sum + g.tickets.length, 0);
  return Math.max(0, event.max_capacity - taken);
}

/** The lowest price of a visible paid ticket type, in cents; null when registration is free. */
function displayPrice(store: Store, event: LumaEvent) {
  const paid = store
    .liveTicketTypes(event.id)
    .filter((t) => !t.is_hidden && t.type === "paid" && t.cents !== null && t.currency !== null)
    .sort((x, y) => (x.cents as number) - (y.cents as number));
  const lowest = paid[0];
  return lowest
    ? { amount: lowest.cents as number, currency: lowest.currency as string, is_flexible: lowest.is_flexible }
    : null;
}

/** The event as the calendar that manages it sees it (calendars/events/list, organization events). */
function managedCore(store: Store, event: LumaEvent) {
  return {
    ...eventBase(event),
    geo_address_json: event.geo_address_json,
    coordinate: event.coordinate,
    meeting_url: event.meeting_url,
    location_type: locationType(event.meeting_url, event.geo_address_json),
    location_visibility: event.location_visibility,
    cover_url: event.cover_url,
    registration_questions: event.registration_questions,
    url: eventUrl(event.slug),
    visibility: event.visibility,
    waitlist_status: event.waitlist_status,
    registration_open: event.registration_open,
    require_approval: store.liveTicketTypes(event.id).some((t) => !t.is_hidden && t.require_approval),
    spots_remaining: spotsRemaining(store, event),
    display_price: displayPrice(store, event),
    feedback_email: event.feedback_email,
  };
}

/** GET /v1/events/get: the managed event with its description, hosts and guest counts. */
export function eventView(store: Store, event: LumaEvent) {
  return {
    ...managedCore(store, event),
    access: "manage" as const,
    description: markdownToText(event.description_md),
    description_md: event.description_md,
    hosts: event.hosts.map((h) => userView(store.user(h.user_id))),
    guest_counts: guestCounts(store, event),
  };
}

function eventTags(store: Store, ids: readonly string[]) {
  return ids.flatMap((id) => {
    const tag = store.state.eventTags.get(id);
    return tag ? [{ id: tag.id, name: tag.name }] : [];
  });
}

/** Who added an event to the calendar's list: its creator for a Luma event, else the calendar's owner. */
export function submitterView(store: Store, eventId: string) {
  const event = store.state.events.get(eventId);
  return userView(event ? store.user(event.user_id) : store.owner);
}

/** An entry of GET /v1/calendars/events/list for an event the calendar manages. */
export function eventListEntry(store: Store, event: LumaEvent) {
  return {
    ...managedCore(store, event),
    access: "manage" as const,
    tags: eventTags(store, event.event_tag_ids),
    submitted_by: submitterView(store, event.id),
  };
}

/** Roughly 1 km: where a guests-only address leaves only the area. */
const coarse = (value: number) => Math.round(value * 100) / 100;

/**
 * An entry of GET /v1/calendars/events/list (access=view) for a Luma event listed on the calendar but managed
 * by another: no host-only fields, and a guests-only address cut to city level.
 */
export function viewListEntry(store: Store, event: LumaEvent) {
  const hidden = event.location_visibility === "guests-only";
  const geo = event.geo_address_json;
  return {
    ...eventBase(event),
    cover_url: event.cover_url,
    url: eventUrl(event.slug),
    visibility: event.visibility,
    location_type: locationType(event.meeting_url, event.geo_address_json),
    location_visibility: event.location_visibility,
    waitlist_status: event.waitlist_status,
    access: "view" as const,
    geo_address_json:
      geo && hidden
        ? {
            address: geo.city_state ?? geo.city ?? "",
            city: geo.city,
            region: geo.region,
            country: geo.country,
            city_state: geo.city_state,
            full_address: null,
            google_maps_place_id: null,
            apple_maps_place_id: null,
            description: null,
          }
        : geo,
    coordinate:
      event.coordinate && hidden
        ? { latitude: coarse(event.coordinate.latitude), longitude: coarse(event.coordinate.longitude) }
        : event.coordinate,
    tags: [] as { id: string; name: string }[],
    submitted_by: submitterView(store, event.id),
  };
}

/** An entry of GET /v1/calendars/events/list for an event on another platform. */
export function externalListEntry(store: Store, event: ExternalEvent) {
  return {
    platform: "external" as const,
    id: event.id,
    calendar_id: event.calendar_id,
    start_at: event.start_at,
    duration_interval: event.duration_interval,
    end_at: event.end_at,
    created_at: event.created_at,
    timezone: event.timezone,
    name: event.name,
    geo_address_json: event.geo_address_json,
    coordinate: event.coordinate,
    url: event.url,
    host: event.host,
    tags: [] as { id: string; name: string }[],
    submitted_by: userView(store.owner),
  };
}

function ticketView(store: Store, ticket: Ticket) {
  return {
    id: ticket.id,
    amount: ticket.amount,
    amount_discount: ticket.amount_discount,
    amount_tax: ticket.amount_tax,
    currency: ticket.currency,
    checked_in_at: ticket.checked_in_at,
    event_ticket_type_id: ticket.event_ticket_type_id,
    is_captured: ticket.is_captured,
    name: store.state.ticketTypes.get(ticket.event_ticket_type_id)?.name ?? "Ticket",
  };
}

/** An entry of GET /v1/events/guests/list: no order details, as on Luma. */
export function guestListEntry(store: Store, guest: Guest) {
  const user = store.user(guest.user_id);
  return {
    id: guest.id,
    user_id: user.id,
    user_email: user.email,
    user_name: user.name,
    user_first_name: user.first_name,
    user_last_name: user.last_name,
    approval_status: guest.approval_status,
    check_in_qr_code: `https://luma.com/check-in/${guest.event_id}?pk=${guest.key}`,
    eth_address: null,
    invited_at: guest.invited_at,
    joined_at: guest.joined_at,
    phone_number: guest.phone_number,
    registered_at: guest.registered_at,
    registration_answers: guest.registration_answers,
    solana_address: null,
    utm_source: guest.utm_source,
    event_tickets: guest.tickets.map((t) => ticketView(store, t)),
  };
}

/** GET /v1/events/guests/get: the list entry plus ticket orders with the coupon applied to each. */
export function guestView(store: Store, guest: Guest) {
  return {
    ...guestListEntry(store, guest),
    event_ticket_orders: guest.orders.map((order) => {
      const coupon = order.coupon_id ? store.state.coupons.get(order.coupon_id) : undefined;
      return {
        id: order.id,
        amount: order.amount,
        amount_discount: order.amount_discount,
        amount_tax: order.amount_tax,
        currency: order.currency,
        coupon_info: coupon
          ? {
              api_id: coupon.id,
              percent_off: coupon.percent_off,
              cents_off: coupon.cents_off,
              currency: coupon.currency,
              code: coupon.code,
            }
          : null,
        is_captured: order.is_captured,
      };
    }),
  };
}

/** Ticket-types list, get, create and update. */
export function ticketTypeView(t: TicketType) {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    cents: t.cents,
    currency: t.currency,
    is_hidden: t.is_hidden,
    require_approval: t.require_approval,
    valid_start_at: t.valid_start_at,
    valid_end_at: t.valid_end_at,
    max_capacity: t.max_capacity,
    is_flexible: t.is_flexible,
    min_cents: t.min_cents,
  };
}

/** Event and calendar coupon lists and creates. */
export function couponView(c: Coupon) {
  return {
    id: c.id,
    code: c.code,
    remaining_count: c.remaining_count,
    valid_start_at: c.valid_start_at,
    valid_end_at: c.valid_end_at,
    percent_off: c.percent_off,
    cents_off: c.cents_off,
    currency: c.currency,
    event_ticket_type_id: c.event_ticket_type_id,
  };
}

const NO_STATS: ContactStats = { approved: 0, checkedIn: 0, revenueUsdCents: 0 };

/** An entry of GET /v1/calendars/contacts/list. */
export function contactView(store: Store, contact: Contact, stats: Map<string, ContactStats>) {
  const user = store.user(contact.user_id);
  const s = stats.get(user.id) ?? NO_STATS;
  return {
    id: contact.id,
    user_id: user.id,
    created_at: contact.created_at,
    event_approved_count: s.approved,
    event_checked_in_count: s.checkedIn,
    revenue_usd_cents: s.revenueUsdCents,
    tags: contact.tag_ids.flatMap((id) => {
      const tag = store.state.tags.get(id);
      return tag ? [{ id: tag.id, name: tag.name }] : [];
    }),
    membership: contact.membership
      ? { status: contact.membership.status, calendar_membership_tier_id: contact.membership.tier_id }
      : null,
    ...personFields(user),
  };
}

/** An entry of GET /v1/memberships/tiers/list. */
export function tierView(tier: MembershipTier) {
  return {
    id: tier.id,
    name: tier.name,
    description: tier.description,
    tint_color: tier.tint_color,
    access_info: tier.access_info,
  };
}

/** GET /v1/calendars/get (the sandbox's calendar), calendars/update and the organization's calendars. */
export function calendarView(store: Store, calendar?: Calendar) {
  const c = calendar ?? store.state.calendar;
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    avatar_url: c.avatar_url,
    url: `https://luma.com/${c.slug}`,
    description: c.description,
    social_image_url: c.social_image_url,
    cover_image_url: c.cover_image_url,
    is_personal: c.is_personal,
    location: c.location,
    coordinate: c.coordinate,
    instagram_handle: c.instagram_handle,
    twitter_handle: c.twitter_handle,
    youtube_handle: c.youtube_handle,
    website: c.website,
  };
}

/** An admin of the organization (organizations/admins/list), with the older api_id its spec still has. */
export function organizationAdminView(user: User) {
  return { id: user.id, ...personFields(user), api_id: user.id };
}

/** A webhook as webhooks/list, get, create and update answer it: with its secret, as Luma's spec has it. */
export function webhookView(webhook: Webhook) {
  return {
    id: webhook.id,
    url: webhook.url,
    event_types: [...webhook.event_types],
    status: webhook.status,
    secret: webhook.secret,
    created_at: webhook.created_at,
  };
}

/** An entry of GET /v1/organizations/events/list: the event, its older field names, and who manages it. */
export function organizationEventEntry(store: Store, event: LumaEvent) {
  const core = managedCore(store, event);
  const managing = store.organizationCalendars().filter((c) => c.id === event.calendar_id);
  return {
    ...core,
    api_id: event.id,
    user_api_id: event.user_id,
    calendar_api_id: event.calendar_id,
    zoom_meeting_url: event.meeting_url,
    geo_latitude: event.coordinate ? String(event.coordinate.latitude) : null,
    geo_longitude: event.coordinate ? String(event.coordinate.longitude) : null,
    managing_calendars: managing.map((calendar) => ({
      ...calendarView(store, calendar),
      status: store.state.listings.get(event.id) === "pending" ? ("pending" as const) : ("approved" as const),
    })),
  };
}
