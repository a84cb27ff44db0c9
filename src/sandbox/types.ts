// Sandbox: the in-memory records behind the simulated Luma API. These are the sandbox's own
// storage shapes, not Luma's wire shapes (views.ts turns them into those), so that derived values
// such as a contact's revenue or a ticket type's sales are computed from one source of truth.
import type { APPROVAL_STATUSES, MEMBERSHIP_STATUSES, TAG_COLORS } from "../luma/vocabulary.js";

export { APPROVAL_STATUSES, MEMBERSHIP_STATUSES, TAG_COLORS } from "../luma/vocabulary.js";

export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export type TagColor = (typeof TAG_COLORS)[number];

export type ListingStatus = "approved" | "pending" | "rejected";
export type AccessLevel = "none" | "check-in" | "manager";

export interface User {
  id: string;
  email: string;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  avatar_url: string;
}

export interface Coordinate {
  latitude: number;
  longitude: number;
}

/** Luma's response form of an address (requests use `{type: "manual" | "google", ...}`). */
export interface GeoAddress {
  address: string;
  city: string | null;
  region: string | null;
  country: string | null;
  city_state: string | null;
  full_address: string | null;
  google_maps_place_id: string | null;
  apple_maps_place_id: string | null;
  description: string | null;
}

export interface Calendar {
  id: string;
  name: string;
  slug: string;
  description: string;
  avatar_url: string;
  cover_image_url: string | null;
  social_image_url: string | null;
  is_personal: boolean;
  location: {
    city: string;
    region: string | null;
    country: string | null;
    country_code: string | null;
    timezone: string;
  };
  coordinate: Coordinate;
  instagram_handle: string | null;
  twitter_handle: string | null;
  youtube_handle: string | null;
  website: string | null;
}

export interface Host {
  user_id: string;
  access_level: AccessLevel;
  is_visible: boolean;
}

export interface LumaEvent {
  id: string;
  /** The calendar that manages the event; events of other calendars can only be listed, not managed. */
  calendar_id: string;
  user_id: string;
  name: string;
  slug: string;
  start_at: string;
  end_at: string;
  created_at: string;
  timezone: string;
  description_md: string;
  geo_address_json: GeoAddress | null;
  coordinate: Coordinate | null;
  meeting_url: string | null;
  location_visibility: "public" | "guests-only";
  cover_url: string;
  visibility: "public" | "members-only" | "private";
  waitlist_status: "disabled" | "enabled";
  /** Whether the host takes registrations (independent of capacity). */
  registration_open: boolean;
  feedback_email: { enabled: boolean; delay?: string };
  registration_questions: unknown[];
  max_capacity: number | null;
  hosts: Host[];
  event_tag_ids: string[];
}

/** An event on another platform that is listed on the calendar (calendars/events/add, platform external). */
export interface ExternalEvent {
  id: string;
  calendar_id: string;
  name: string;
  url: string;
  start_at: string;
  end_at: string;
  duration_interval: string;
  timezone: string;
  geo_address_json: GeoAddress | null;
  coordinate: Coordinate | null;
  host: string | null;
  created_at: string;
}

export interface TicketType {
  id: string;
  event_id: string;
  name: string;
  type: "free" | "paid";
  cents: number | null;
  currency: string | null;
  is_hidden: boolean;
  require_approval: boolean;
  valid_start_at: string | null;
  valid_end_at: string | null;
  max_capacity: number | null;
  is_flexible: boolean;
  min_cents: number | null;
  description: string | null;
  deleted: boolean;
}

export interface Ticket {
  id: string;
  event_ticket_type_id: string;
  amount: number;
  amount_discount: number;
  amount_tax: number;
  currency: string | null;
  is_captured: boolean;
  checked_in_at: string | null;
}

export interface Order {
  id: string;
  amount: number;
  amount_discount: number;
  amount_tax: number;
  currency: string | null;
  coupon_id: string | null;
  is_captured: boolean;
}

export interface Guest {
  id: string;
  /** The guest key (`g-...`), also the `pk` of the check-in QR code. */
  key: string;
  event_id: string;
  user_id: string;
  approval_status: ApprovalStatus;
  created_at: string;
  invited_at: string | null;
  joined_at: string | null;
  registered_at: string | null;
  phone_number: string | null;
  utm_source: string | null;
  registration_answers: unknown[] | null;
  tickets: Ticket[];
  orders: Order[];
}

export interface Coupon {
  id: string;
  /** null for a calendar-wide coupon. */
  event_id: string | null;
  code: string;
  remaining_count: number;
  valid_start_at: string | null;
  valid_end_at: string | null;
  percent_off: number | null;
  cents_off: number | null;
  currency: string | null;
  event_ticket_type_id: string | null;
}

export interface ContactTag {
  id: string;
  name: string;
  color: TagColor;
  created_at: string;
}

export interface Membership {
  id: string;
  status: MembershipStatus;
  tier_id: string;
}

export interface Contact {
  id: string;
  user_id: string;
  created_at: string;
  tag_ids: string[];
  membership: Membership | null;
  /** Removed or blocked from the calendar's people (contacts/remove, contacts/block); null while listed. */
  removal: "removed" | "blocked" | null;
}

export type TierAccessInfo =
  | { type: "free"; require_approval: boolean }
  | { type: "payment-once"; amount: number; currency: string; require_approval: boolean }
  | {
      type: "payment-recurring";
      currency: string;
      stripe_account_id: string;
      stripe_product_id: string;
      stripe_monthly_price_id: string | null;
      amount_monthly: number | null;
      stripe_yearly_price_id: string | null;
      amount_yearly: number | null;
      require_approval: boolean;
    };

export interface MembershipTier {
  id: string;
  name: string;
  description: string | null;
  tint_color: string;
  access_info: TierAccessInfo;
}

export interface EventTag {
  id: string;
  name: string;
  color: TagColor;
}

export type WebhookEventType =
  | "*"
  | "calendar.event.added"
  | "calendar.person.subscribed"
  | "event.canceled"
  | "event.created"
  | "event.updated"
  | "guest.registered"
  | "guest.updated"
  | "ticket.registered";

export interface Webhook {
  id: string;
  url: string;
  event_types: WebhookEventType[];
  status: "active" | "paused";
  secret: string;
  created_at: string;
}

/** A token of events/cancel/request: good for one cancellation of its event until it expires. */
export interface CancellationToken {
  event_id: string;
  expires_at: number;
}

/** The organization the sandbox's calendar belongs to, for the organization routes. */
export interface Organization {
  id: string;
  name: string;
  admin_ids: string[];
  /** The organization's other calendars (the sandbox's own calendar is `SandboxState.calendar`). */
  calendars: Map<string, Calendar>;
}

/** Everything a sandbox holds; seed.ts builds it, Store mutates it. Maps keep insertion order. */
export interface SandboxState {
  calendar: Calendar;
  ownerId: string;
  users: Map<string, User>;
  events: Map<string, LumaEvent>;
  externalEvents: Map<string, ExternalEvent>;
  /** Events listed on the calendar, by event ID: managed events, added Luma events and external ones. */
  listings: Map<string, ListingStatus>;
  ticketTypes: Map<string, TicketType>;
  guests: Map<string, Guest>;
  coupons: Map<string, Coupon>;
  tags: Map<string, ContactTag>;
  contacts: Map<string, Contact>;
  tiers: Map<string, MembershipTier>;
  eventTags: Map<string, EventTag>;
  /** The calendar's admins, by user ID (the owner first). */
  adminIds: string[];
  webhooks: Map<string, Webhook>;
  cancellationTokens: Map<string, CancellationToken>;
  organization: Organization;
}
