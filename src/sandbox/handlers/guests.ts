// Sandbox: guest routes (get, list, add, send invites, update status, update tickets).

import { badRequest, notFound } from "../errors.js";
import { paginate, type Query, sortItems } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import {
  APPROVAL_STATUSES,
  type ApprovalStatus,
  type Guest,
  type LumaEvent,
  type TicketType,
} from "../types.js";
import { guestListEntry, guestView } from "../views.js";

interface GuestInput {
  email: string;
  name?: string | null;
  registration_answers?: { question_id: string; value: unknown }[] | null;
}

interface AddGuestsBody {
  event_id: string;
  guests: GuestInput[];
  ticket?: { event_ticket_type_id: string } | null;
  tickets?: { event_ticket_type_id: string }[] | null;
  approval_status?: "approved" | "pending_approval" | "waitlist" | null;
  send_email?: boolean | null;
}

interface SendInvitesBody {
  event_id: string;
  guests: GuestInput[];
  message?: string | null;
}

interface UpdateGuestStatusBody {
  event_id: string;
  guest_id: string;
  status: "approved" | "declined" | "pending_approval" | "waitlist";
  should_refund?: boolean;
  send_email?: boolean | null;
  message?: string | null;
}

const GUEST_SORT_COLUMNS = ["name", "email", "created_at", "registered_at", "checked_in_at"] as const;

function checkedInAt(guest: Guest): string | null {
  const times = guest.tickets.map((t) => t.checked_in_at).filter((t): t is string => t !== null);
  return times.length > 0 ? (times.sort()[0] as string) : null;
}

function listGuests(query: Query, store: Store) {
  const event = store.managedEvent(query.required("event_id"));
  const status = query.oneOf("approval_status", APPROVAL_STATUSES);
  const column = query.oneOf("sort_column", GUEST_SORT_COLUMNS) ?? "created_at";
  const direction = query.sortDirection("asc");
  const guests = store.guestsOf(event.id).filter((g) => status === undefined || g.approval_status === status);
  const key = (g: Guest): string | null => {
    const user = store.user(g.user_id);
    switch (column) {
      case "name":
        return user.name?.toLowerCase() ?? null;
      case "email":
        return user.email;
      case "created_at":
        return g.created_at;
      case "registered_at":
        return g.registered_at;
      case "checked_in_at":
        return checkedInAt(g);
    }
  };
  return paginate(sortItems(guests, key, direction), query, (g) => guestListEntry(store, g));
}

function getGuest(query: Query, store: Store) {
  const event = store.managedEvent(query.required("event_id"));
  const id = query.required("id");
  const guest = store.findGuest(event.id, id);
  if (!guest) throw notFound(`Guest not found on event ${event.id}: ${id}`);
  return guestView(store, guest);
}

/** Distinct, well-formed emails of a guests array, in order; Luma rejects the batch on a bad one. */
function guestInputs(inputs: GuestInput[]): GuestInput[] {
  if (inputs.length === 0) throw badRequest("`guests` must contain at least one guest");
  const seen = new Set<string>();
  const out: GuestInput[] = [];
  for (const input of inputs) {
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw badRequest(`Invalid email: ${JSON.stringify(input.email)}`);
    if (seen.has(email)) continue;
    seen.add(email);
    out.push({ email, name: input.name, registration_answers: input.registration_answers });
  }
  return out;
}

/** The ticket type guests get when none is named: the event's first visible one, else its first. */
function defaultTicketType(store: Store, event: LumaEvent): TicketType {
  const live = store.liveTicketTypes(event.id);
  const chosen = live.find((t) => !t.is_hidden) ?? live[0];
  if (!chosen) throw badRequest(`Event ${event.id} has no ticket types`);
  return chosen;
}

function eventTicketType(store: Store, event: LumaEvent, id: string): TicketType {
  const ticketType = store.state.ticketTypes.get(id);
  if (!ticketType || ticketType.deleted || ticketType.event_id !== event.id) {
    throw notFound(`Ticket type ${id} not found on event ${event.id}`);
  }
  return ticketType;
}

/** Gives a guest free tickets (guests/add bypasses payment) and the matching zero-amount order. */
function issueTickets(store: Store, guest: Guest, types: TicketType[]): void {
  for (const type of types) {
    guest.tickets.push({
      id: store.newId("tkt"),
      event_ticket_type_id: type.id,
      amount: 0,
      amount_discount: 0,
      amount_tax: 0,
      currency: type.currency,
      is_captured: true,
      checked_in_at: null,
    });
  }
  guest.orders.push({
    id: store.newId("ord"),
    amount: 0,
    amount_discount: 0,
    amount_tax: 0,
    currency: types[0]?.currency ?? null,
    coupon_id: null,
    is_captured: true,
  });
}

function newGuest(store: Store, event: LumaEvent, input: GuestInput, status: ApprovalStatus): Guest {
  const user = store.ensureUser(input.email, input.name);
  store.ensureContact(user);
  const now = store.now();
  const guest: Guest = {
    id: store.newId("gst"),
    key: store.newId("g"),
    event_id: event.id,
    user_id: user.id,
    approval_status: status,
    created_at: now,
    invited_at: status === "invited" ? now : null,
    joined_at: null,
    registered_at: null,
    phone_number: null,
    utm_source: null,
    registration_answers: status === "invited" ? null : [],
    tickets: [],
    orders: [],
  };
  store.state.guests.set(guest.id, guest);
  return guest;
}

/** A guest's answers as Luma shows them (label and question_type from the event's question), checked against it. */
function answersOf(event: LumaEvent, input: GuestInput): unknown[] {
  return (input.registration_answers ?? []).map(({ question_id, value }) => {
    const question = event.registration_questions.find((q) => (q as { id?: unknown }).id === question_id) as
      | { id: string; label: string; question_type: string }
      | undefined;
    if (!question) {
      throw badRequest(
        `Unknown registration question ${JSON.stringify(question_id)} for event ${event.id}: its questions are in registration_questions of events/get`,
      );
    }
    return { label: question.label, question_id, value, question_type: question.question_type };
  });
}

/** Statuses in which a person holds no registration yet, so adding them registers them afresh. */
const UNREGISTERED: ReadonlySet<ApprovalStatus> = new Set(["invited", "session", "declined"]);

function addGuests(body: AddGuestsBody, store: Store) {
  const event = store.managedEvent(body.event_id);
  if (body.ticket && body.tickets) throw badRequest("Pass either `ticket` or `tickets`, not both");
  const refs = body.tickets ?? (body.ticket ? [body.ticket] : []);
  const types =
    refs.length > 0
      ? refs.map((r) => eventTicketType(store, event, r.event_ticket_type_id))
      : [defaultTicketType(store, event)];
  const status = body.approval_status ?? "approved";
  const inputs = guestInputs(body.guests);
  // Every answer is checked before anyone is added, so a refused body changes nothing.
  const answers = inputs.map((input) => answersOf(event, input));
  for (const [i, input] of inputs.entries()) {
    const user = store.userByEmail(input.email);
    const existing = user ? store.guestsOf(event.id).find((g) => g.user_id === user.id) : undefined;
    // Someone already registered keeps their registration; Luma does not duplicate guests.
    if (existing && !UNREGISTERED.has(existing.approval_status)) continue;
    const guest = existing ?? newGuest(store, event, input, status);
    const now = store.now();
    guest.approval_status = status;
    guest.registered_at = now;
    if (status === "approved") guest.joined_at = now;
    // Answers given for someone who already answered leave theirs as they were, as Luma's spec says.
    if (!guest.registration_answers?.length) guest.registration_answers = answers[i] ?? [];
    if (guest.tickets.length === 0) issueTickets(store, guest, types);
  }
  return {};
}

function sendInvites(body: SendInvitesBody, store: Store) {
  const event = store.managedEvent(body.event_id);
  for (const input of guestInputs(body.guests)) {
    const user = store.userByEmail(input.email);
    const known = user && store.guestsOf(event.id).some((g) => g.user_id === user.id);
    if (!known) newGuest(store, event, input, "invited");
  }
  return {};
}

function updateGuestStatus(body: UpdateGuestStatusBody, store: Store) {
  const event = store.managedEvent(body.event_id);
  if (body.send_email === false && body.message) {
    throw badRequest("`message` cannot be combined with `send_email: false`");
  }
  const guest = store.findGuest(event.id, body.guest_id);
  if (!guest) throw notFound(`Guest not found on event ${event.id}: ${body.guest_id}`);
  guest.approval_status = body.status;
  if (body.status === "approved") {
    // Approval captures any held payment; a guest without a ticket (e.g. invited) gets the default one.
    if (guest.tickets.length === 0) issueTickets(store, guest, [defaultTicketType(store, event)]);
    for (const item of [...guest.tickets, ...guest.orders]) item.is_captured = true;
    guest.registered_at ??= store.now();
    guest.joined_at ??= store.now();
  } else if (body.should_refund) {
    for (const item of [...guest.tickets, ...guest.orders]) item.is_captured = false;
  }
  return {};
}

interface UpdateTicketsBody {
  event_id: string;
  guest_id: string;
  tickets_to_add?: { event_ticket_type_id: string }[];
  ticket_ids_to_remove?: string[];
  send_email?: boolean | null;
}

/**
 * An administrative change, as Luma's spec describes it: added tickets are free whatever their type's price,
 * removed ones are invalidated without refund, at least one ticket stays, and capacity does not stop it.
 * Everything is checked before anything changes.
 */
function updateTickets(body: UpdateTicketsBody, store: Store) {
  const event = store.managedEvent(body.event_id);
  const guest = store.findGuest(event.id, body.guest_id);
  if (!guest) throw notFound(`Guest not found on event ${event.id}: ${body.guest_id}`);
  const toAdd = (body.tickets_to_add ?? []).map((t) => eventTicketType(store, event, t.event_ticket_type_id));
  const toRemove = body.ticket_ids_to_remove ?? [];
  if (toAdd.length === 0 && toRemove.length === 0) {
    throw badRequest("Pass `tickets_to_add` or `ticket_ids_to_remove` (or both)");
  }
  for (const id of toRemove) {
    if (!guest.tickets.some((t) => t.id === id)) throw notFound(`Guest ${guest.id} has no ticket ${id}`);
  }
  if (guest.tickets.length - new Set(toRemove).size + toAdd.length < 1) {
    throw badRequest("At least one valid ticket must remain on the guest");
  }
  guest.tickets = guest.tickets.filter((t) => !toRemove.includes(t.id));
  if (toAdd.length > 0) issueTickets(store, guest, toAdd);
  return {};
}

export const guestRoutes = [
  get("/v1/events/guests/get", getGuest),
  get("/v1/events/guests/list", listGuests),
  post<AddGuestsBody>("/v1/events/guests/add", addGuests),
  post<SendInvitesBody>("/v1/events/guests/send-invites", sendInvites),
  post<UpdateGuestStatusBody>("/v1/events/guests/update-status", updateGuestStatus),
  post<UpdateTicketsBody>("/v1/events/guests/update-tickets", updateTickets),
];
