// Sandbox: one sandbox's mutable state plus the look-ups and invariants that several handlers share
// (finding an event the key may manage, a guest by any of its identifiers, a tag by ID or name, ...).
// Every startSandbox() gets its own Store, so parallel sandboxes never see each other's writes.

import { forbidden, notFound } from "./errors.js";
import type {
  Calendar,
  Contact,
  ContactTag,
  Guest,
  LumaEvent,
  SandboxState,
  TicketType,
  User,
} from "./types.js";

const DEFAULT_AVATAR_COUNT = 30;

export interface ContactStats {
  approved: number;
  checkedIn: number;
  revenueUsdCents: number;
}

export class Store {
  private readonly counters = new Map<string, number>();
  private readonly startedAt = Date.now();

  constructor(
    readonly state: SandboxState,
    private readonly seedNow: Date,
  ) {}

  /** The sandbox clock: the seed's `now`, advancing in real time, so writes land after the seed data. */
  now(): string {
    return new Date(this.seedNow.getTime() + (Date.now() - this.startedAt)).toISOString();
  }

  /** IDs of created records come from a counter per prefix, so a replayed session gets the same IDs. */
  newId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-sbxnew${String(n).padStart(3, "0")}`;
  }

  get owner(): User {
    return this.user(this.state.ownerId);
  }

  user(id: string): User {
    const user = this.state.users.get(id);
    if (!user) throw new Error(`sandbox invariant: unknown user ${id}`);
    return user;
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.state.users.values()) if (user.email === wanted) return user;
    return undefined;
  }

  /** Finds or creates the user behind an email; like Luma, an existing name is never overwritten. */
  ensureUser(email: string, name?: string | null): User {
    const existing = this.userByEmail(email);
    const names = splitName(name);
    if (existing) {
      if (existing.name === null && names.name !== null) Object.assign(existing, names);
      return existing;
    }
    const id = this.newId("usr");
    const avatar = (this.state.users.size % DEFAULT_AVATAR_COUNT) + 1;
    const user: User = {
      id,
      email: email.trim().toLowerCase(),
      ...names,
      avatar_url: `https://images.lumacdn.com/avatars-default/avatar_${avatar}.png`,
    };
    this.state.users.set(id, user);
    return user;
  }

  contactOfUser(userId: string): Contact | undefined {
    for (const contact of this.state.contacts.values()) if (contact.user_id === userId) return contact;
    return undefined;
  }

  /** Everyone who registers, is invited or is imported becomes a contact of the calendar. */
  ensureContact(user: User): Contact {
    const existing = this.contactOfUser(user.id);
    if (existing) return existing;
    const contact: Contact = {
      id: this.newId("cnt"),
      user_id: user.id,
      created_at: this.now(),
      tag_ids: [],
      membership: null,
      removal: null,
    };
    this.state.contacts.set(contact.id, contact);
    return contact;
  }

  /** A contact by user ID (`usr-...`) or email, as the membership and tag routes accept either. */
  findContact(ref: string): Contact | undefined {
    const user = ref.includes("@") ? this.userByEmail(ref) : this.state.users.get(ref);
    return user ? this.contactOfUser(user.id) : undefined;
  }

  /** An event this calendar manages: unknown IDs are 404, other calendars' events 403, as on Luma. */
  managedEvent(id: string): LumaEvent {
    const event = this.state.events.get(id);
    if (!event) throw notFound(`Event not found: ${id}`);
    if (event.calendar_id !== this.state.calendar.id) {
      throw forbidden(`This API key does not have manage access to event ${id}`);
    }
    return event;
  }

  /** A live (not soft-deleted) ticket type of a managed event. */
  ticketType(id: string): TicketType {
    const ticketType = this.state.ticketTypes.get(id);
    if (!ticketType || ticketType.deleted) throw notFound(`Ticket type not found: ${id}`);
    this.managedEvent(ticketType.event_id);
    return ticketType;
  }

  liveTicketTypes(eventId: string): TicketType[] {
    return [...this.state.ticketTypes.values()].filter((t) => t.event_id === eventId && !t.deleted);
  }

  /** Tickets issued for a ticket type, whatever the guest's status: Luma's "sold" count. */
  soldCount(ticketTypeId: string): number {
    let sold = 0;
    for (const guest of this.state.guests.values()) {
      sold += guest.tickets.filter((t) => t.event_ticket_type_id === ticketTypeId).length;
    }
    return sold;
  }

  guestsOf(eventId: string): Guest[] {
    return [...this.state.guests.values()].filter((g) => g.event_id === eventId);
  }

  /** Luma's guest identifier: a guest ID (`gst-`), a guest key (`g-`), a ticket key, or an email. */
  findGuest(eventId: string, identifier: string): Guest | undefined {
    const wanted = identifier.trim();
    const lowered = wanted.toLowerCase();
    return this.guestsOf(eventId).find(
      (g) =>
        g.id === wanted ||
        g.key === wanted ||
        g.tickets.some((t) => t.id === wanted) ||
        this.user(g.user_id).email === lowered,
    );
  }

  /** A contact tag by ID or by name (case-insensitive), as apply/unapply/import/list accept both. */
  findTag(ref: string): ContactTag | undefined {
    const byId = this.state.tags.get(ref);
    if (byId) return byId;
    const lowered = ref.trim().toLowerCase();
    for (const tag of this.state.tags.values()) if (tag.name.toLowerCase() === lowered) return tag;
    return undefined;
  }

  /** Per-user attendance and revenue, derived from guests so that every write is reflected. */
  contactStats(): Map<string, ContactStats> {
    const stats = new Map<string, ContactStats>();
    for (const guest of this.state.guests.values()) {
      const entry = stats.get(guest.user_id) ?? { approved: 0, checkedIn: 0, revenueUsdCents: 0 };
      if (guest.approval_status === "approved") entry.approved += 1;
      if (guest.tickets.some((t) => t.checked_in_at !== null)) entry.checkedIn += 1;
      for (const order of guest.orders) {
        if (order.is_captured && order.currency === "usd") entry.revenueUsdCents += order.amount;
      }
      stats.set(guest.user_id, entry);
    }
    return stats;
  }

  /** Every calendar of the sandbox's organization: its own calendar first. */
  organizationCalendars(): Calendar[] {
    return [this.state.calendar, ...this.state.organization.calendars.values()];
  }

  /** Slugs are global on Luma: events and calendars share them. `exceptId` is the record being renamed. */
  isSlugTaken(slug: string, exceptId?: string): boolean {
    const lowered = slug.toLowerCase();
    for (const calendar of this.organizationCalendars()) {
      if (calendar.id !== exceptId && calendar.slug.toLowerCase() === lowered) return true;
    }
    for (const event of this.state.events.values()) {
      if (event.id !== exceptId && event.slug.toLowerCase() === lowered) return true;
    }
    return false;
  }
}

export function splitName(name?: string | null): Pick<User, "name" | "first_name" | "last_name"> {
  const trimmed = name?.trim();
  if (!trimmed) return { name: null, first_name: null, last_name: null };
  const space = trimmed.indexOf(" ");
  if (space < 0) return { name: trimmed, first_name: trimmed, last_name: null };
  return { name: trimmed, first_name: trimmed.slice(0, space), last_name: trimmed.slice(space + 1) };
}
