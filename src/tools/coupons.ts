// Coupons: an event's coupons and the calendar-wide ones.
import { defineBodyTool, defineParamTool, HINTS } from "./define.js";
import { cursor, eventId, pageSize, twin } from "./params.js";

export const listEventCoupons = defineParamTool("coupons", {
  name: "ListEventCoupons",
  title: "List event coupons",
  description: "Retrieve all coupons created for an event.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/events/coupons/list",
  params: {
    event_api_id: eventId(),
    event_identifier: twin("event_id", "event_api_id"),
    item_return_limit: pageSize(),
    pagination_cursor: cursor(),
  },
  requires: ["event_id"],
});

export const listCalendarCoupons = defineParamTool("coupons", {
  name: "ListCalendarCoupons",
  title: "List calendar coupons",
  description: "Retrieve all coupons for a calendar.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/coupons/list",
  params: { items_to_return: pageSize(), pagination_cursor: cursor() },
});

export const createEventCoupon = defineBodyTool("coupons", {
  name: "CreateEventCoupon",
  title: "Create event coupon",
  description:
    "Create a non-editable coupon for event registration. Only its discount is fixed; remaining count and validity can change.",
  hints: HINTS.create,
  path: "/v1/events/coupons/create",
  required: ["event_id", "code", "discount"],
  readWith: "ListEventCoupons",
});

export const modifyCoupon = defineBodyTool("coupons", {
  name: "ModifyCoupon",
  title: "Update event coupon",
  description: "Update a coupon’s details in the system. An event's coupon, found by code.",
  hints: HINTS.update,
  path: "/v1/events/coupons/update",
  required: ["event_id", "code"],
  readWith: "ListEventCoupons",
});

export const generateEventCoupon = defineBodyTool("coupons", {
  name: "GenerateEventCoupon",
  title: "Create calendar coupon",
  description: "Create a coupon for calendar-managed events. It applies calendar-wide.",
  hints: HINTS.create,
  path: "/v1/calendars/coupons/create",
  required: ["code", "discount"],
  readWith: "ListCalendarCoupons",
});

export const updateCoupon = defineBodyTool("coupons", {
  name: "UpdateCoupon",
  title: "Update calendar coupon",
  description: "Updates a coupon in the calendar. A calendar coupon, found by code.",
  hints: HINTS.update,
  path: "/v1/calendars/coupons/update",
  required: ["code"],
  readWith: "ListCalendarCoupons",
});
