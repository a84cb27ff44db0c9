// Sandbox: ticket type routes (list, get, create, update, soft delete).

import { badRequest } from "../errors.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { TicketType } from "../types.js";
import { parseDateField } from "../util.js";
import { ticketTypeView } from "../views.js";

/** The configurable fields of a ticket type, shared by create and update (request-bodies.json). */
interface TicketTypeFields {
  name?: string;
  type?: "free" | "paid";
  cents?: number | null;
  currency?: string | null;
  is_hidden?: boolean;
  require_approval?: boolean;
  description?: string | null;
  valid_start_at?: string | null;
  valid_end_at?: string | null;
  max_capacity?: number | null;
  is_flexible?: boolean;
  min_cents?: number | null;
}

interface CreateTicketTypeBody extends TicketTypeFields {
  event_id: string;
  name: string;
  type: "free" | "paid";
}

interface UpdateTicketTypeBody extends TicketTypeFields {
  event_ticket_type_id: string;
}

const FIELDS = [
  "name",
  "type",
  "cents",
  "currency",
  "is_hidden",
  "require_approval",
  "description",
  "valid_start_at",
  "valid_end_at",
  "max_capacity",
  "is_flexible",
  "min_cents",
] as const satisfies readonly (keyof TicketTypeFields)[];

/**
 * Merges a create or update body into a ticket type and checks the result as a whole, since the rules
 * span fields: a paid type needs a price, a free one has none, a sale window must not end before it starts.
 */
function merge(base: TicketType, body: TicketTypeFields): TicketType {
  const next: TicketType = { ...base };
  for (const field of FIELDS) {
    if (body[field] !== undefined) Object.assign(next, { [field]: body[field] });
  }
  next.name = next.name.trim();
  if (!next.name) throw badRequest("`name` must not be empty");
  next.valid_start_at = parseDateField("valid_start_at", next.valid_start_at);
  next.valid_end_at = parseDateField("valid_end_at", next.valid_end_at);
  if (next.valid_start_at && next.valid_end_at && next.valid_end_at < next.valid_start_at) {
    throw badRequest("`valid_end_at` must not be before `valid_start_at`");
  }
  if (next.max_capacity !== null && (next.max_capacity < 0 || !Number.isInteger(next.max_capacity))) {
    throw badRequest("`max_capacity` must be a non-negative integer or null");
  }
  if (next.type === "free") {
    return { ...next, cents: null, currency: null, is_flexible: false, min_cents: null };
  }
  if (next.cents === null || !Number.isInteger(next.cents) || next.cents <= 0) {
    throw badRequest("A paid ticket type needs `cents`, a positive whole number of cents");
  }
  next.currency = (next.currency ?? "usd").toLowerCase();
  if (!/^[a-z_]{3,12}$/.test(next.currency)) throw badRequest(`Unknown currency: ${next.currency}`);
  if (next.is_flexible && next.min_cents !== null && next.min_cents > next.cents) {
    throw badRequest("`min_cents` must not exceed `cents`");
  }
  return next;
}

/**
 * A ticket type with Luma's defaults, before the request's own fields are merged in. Its `id` is empty:
 * the caller takes one from the store once every check has passed, so a refused create uses none up.
 */
export function blankTicketType(eventId: string, name: string, type: "free" | "paid"): TicketType {
  return {
    id: "",
    event_id: eventId,
    name,
    type,
    cents: null,
    currency: null,
    is_hidden: false,
    require_approval: false,
    valid_start_at: null,
    valid_end_at: null,
    max_capacity: null,
    is_flexible: false,
    min_cents: null,
    description: null,
    deleted: false,
  };
}

function createTicketType(body: CreateTicketTypeBody, store: Store) {
  const event = store.managedEvent(body.event_id);
  const checked = merge(blankTicketType(event.id, body.name, body.type), body);
  const created: TicketType = { ...checked, id: store.newId("ett") };
  store.state.ticketTypes.set(created.id, created);
  return ticketTypeView(created);
}

function updateTicketType(body: UpdateTicketTypeBody, store: Store) {
  const current = store.ticketType(body.event_ticket_type_id);
  const updated = merge(current, body);
  store.state.ticketTypes.set(updated.id, updated);
  return ticketTypeView(updated);
}

function assertAnotherVisible(store: Store, ticketType: TicketType): void {
  const othersVisible = store
    .liveTicketTypes(ticketType.event_id)
    .some((t) => t.id !== ticketType.id && !t.is_hidden);
  if (!othersVisible) {
    throw badRequest(`Cannot delete ${ticketType.id}: it is the last visible ticket type of the event`);
  }
}

function deleteTicketType(body: { event_ticket_type_id: string }, store: Store) {
  const ticketType = store.ticketType(body.event_ticket_type_id);
  const sold = store.soldCount(ticketType.id);
  if (sold > 0) {
    throw badRequest(
      `Cannot delete ticket type ${ticketType.id} ("${ticketType.name}"): ${sold} ticket(s) have been sold. Hide it instead.`,
    );
  }
  if (!ticketType.is_hidden) assertAnotherVisible(store, ticketType);
  ticketType.deleted = true;
  return {};
}

export const ticketRoutes = [
  get("/v1/events/ticket-types/list", (query, store) => {
    const event = store.managedEvent(query.required("event_id"));
    const includeHidden = query.boolean("include_hidden") ?? false;
    const entries = store.liveTicketTypes(event.id).filter((t) => includeHidden || !t.is_hidden);
    return { entries: entries.map(ticketTypeView) };
  }),
  get("/v1/events/ticket-types/get", (query, store) =>
    ticketTypeView(store.ticketType(query.required("event_ticket_type_id"))),
  ),
  post<CreateTicketTypeBody>("/v1/events/ticket-types/create", createTicketType),
  post<UpdateTicketTypeBody>("/v1/events/ticket-types/update", updateTicketType),
  post<{ event_ticket_type_id: string }>("/v1/events/ticket-types/delete", deleteTicketType),
];
