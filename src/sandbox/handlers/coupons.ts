// Sandbox: coupon routes. Event coupons and calendar coupons behave alike and differ only in scope
// (an event ID or the whole calendar), so one set of functions serves both.

import { badRequest, notFound } from "../errors.js";
import { paginate, type Query } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { Coupon } from "../types.js";
import { dateTimeField } from "../util.js";
import { couponView } from "../views.js";

type Discount =
  | { discount_type: "percent"; percent_off: number }
  | { discount_type: "amount"; cents_off: number; currency: string };

interface CreateCouponBody {
  event_id?: string;
  event_ticket_type_id?: string;
  code: string;
  discount: Discount;
  remaining_count?: number;
  valid_start_at?: string | null;
  valid_end_at?: string | null;
}

interface UpdateCouponBody {
  event_id?: string;
  code: string;
  remaining_count?: number;
  valid_start_at?: string | null;
  valid_end_at?: string | null;
}

/** Luma's "unlimited": remaining_count 1000000. */
const UNLIMITED = 1_000_000;

/** The event ID a coupon belongs to, or null for a calendar coupon. */
type Scope = string | null;

/** Checks that the key manages the event before any of its coupons are touched. */
function scopeOf(store: Store, eventId: string | undefined): Scope {
  return eventId === undefined ? null : store.managedEvent(eventId).id;
}

function couponsIn(store: Store, scope: Scope): Coupon[] {
  return [...store.state.coupons.values()].filter((c) => c.event_id === scope);
}

/** Codes are case-insensitive on Luma ("It is not case sensitive"). */
function findByCode(store: Store, scope: Scope, code: string): Coupon | undefined {
  const wanted = code.trim().toLowerCase();
  return couponsIn(store, scope).find((c) => c.code.toLowerCase() === wanted);
}

/** Both ends are ISO 8601 UTC (dateTimeField), so they compare as strings. */
function checkWindow(start: string | null, end: string | null): void {
  if (start && end && end < start) {
    throw badRequest("`valid_end_at` must not be before `valid_start_at`");
  }
}

function checkRemaining(count: number): void {
  if (!Number.isInteger(count) || count < 0 || count > UNLIMITED) {
    throw badRequest(`\`remaining_count\` must be a whole number from 0 to ${UNLIMITED}`);
  }
}

function listCoupons(query: Query, store: Store, scope: Scope) {
  return paginate(couponsIn(store, scope), query, couponView);
}

function createCoupon(body: CreateCouponBody, store: Store) {
  const scope = scopeOf(store, body.event_id);
  const code = body.code.trim();
  if (!code) throw badRequest("`code` must not be blank");
  if (findByCode(store, scope, code)) {
    throw badRequest(
      `A coupon with code ${code} already exists ${scope ? `for event ${scope}` : "on this calendar"}`,
    );
  }
  let ticketTypeId: string | null = null;
  if (scope && body.event_ticket_type_id !== undefined) {
    const ticketType = store.state.ticketTypes.get(body.event_ticket_type_id);
    if (!ticketType || ticketType.deleted || ticketType.event_id !== scope) {
      throw notFound(`Ticket type ${body.event_ticket_type_id} not found on event ${scope}`);
    }
    ticketTypeId = ticketType.id;
  }
  const remaining = body.remaining_count ?? UNLIMITED;
  checkRemaining(remaining);
  const start = dateTimeField("valid_start_at", body.valid_start_at);
  const end = dateTimeField("valid_end_at", body.valid_end_at);
  checkWindow(start, end);
  // Taken only now that every check has passed, so a refused create uses no ID up.
  const coupon: Coupon = {
    id: store.newId("cpn"),
    event_id: scope,
    code,
    remaining_count: remaining,
    valid_start_at: start,
    valid_end_at: end,
    percent_off: body.discount.discount_type === "percent" ? body.discount.percent_off : null,
    cents_off: body.discount.discount_type === "amount" ? body.discount.cents_off : null,
    currency: body.discount.discount_type === "amount" ? body.discount.currency : null,
    event_ticket_type_id: ticketTypeId,
  };
  store.state.coupons.set(coupon.id, coupon);
  return couponView(coupon);
}

/** Only the count and the validity window can change: Luma fixes a coupon's terms at creation. */
function updateCoupon(body: UpdateCouponBody, store: Store) {
  const scope = scopeOf(store, body.event_id);
  const coupon = findByCode(store, scope, body.code);
  if (!coupon)
    throw notFound(`Coupon not found ${scope ? `on event ${scope}` : "on this calendar"}: ${body.code}`);
  const start =
    body.valid_start_at === undefined
      ? coupon.valid_start_at
      : dateTimeField("valid_start_at", body.valid_start_at);
  const end =
    body.valid_end_at === undefined ? coupon.valid_end_at : dateTimeField("valid_end_at", body.valid_end_at);
  checkWindow(start, end);
  if (body.remaining_count !== undefined) checkRemaining(body.remaining_count);
  coupon.remaining_count = body.remaining_count ?? coupon.remaining_count;
  coupon.valid_start_at = start;
  coupon.valid_end_at = end;
  return {};
}

export const couponRoutes = [
  get("/v1/events/coupons/list", (query, store) =>
    listCoupons(query, store, store.managedEvent(query.required("event_id")).id),
  ),
  get("/v1/calendars/coupons/list", (query, store) => listCoupons(query, store, null)),
  post<CreateCouponBody & { event_id: string }>("/v1/events/coupons/create", createCoupon),
  post<UpdateCouponBody & { event_id: string }>("/v1/events/coupons/update", updateCoupon),
  // Calendar routes ignore any event_id, so a stray one cannot turn them into event coupons.
  post<CreateCouponBody>("/v1/calendars/coupons/create", (body, store) =>
    createCoupon({ ...body, event_id: undefined, event_ticket_type_id: undefined }, store),
  ),
  post<UpdateCouponBody>("/v1/calendars/coupons/update", (body, store) =>
    updateCoupon({ ...body, event_id: undefined }, store),
  ),
];
