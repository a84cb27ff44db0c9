// Guests: read the guest list, change a guest's status, invite and add guests; opt-in, change a guest's
// tickets.
import { z } from "zod";
import { APPROVAL_STATUSES, GUEST_FIELDS } from "../luma/vocabulary.js";
import { defineBodyTool, defineParamTool, HINTS, plural } from "./define.js";
import { fieldsParam, selectFields } from "./fields.js";
import { cursor, eventId, flag, oneOf, pageSize, sortDirection, strings, text, twin } from "./params.js";

export const getEventGuest = defineParamTool("guests", {
  name: "GetEventGuest",
  title: "Get event guest",
  description: "Retrieve event guest details using their ID.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/events/guests/get",
  params: {
    event_api_id: eventId(),
    event_identifier: twin("event_id", "event_api_id"),
    guest_api_id: text("id", "Guest ID (gst-...), not the user ID."),
    guest_email: text("id", "The guest's email."),
    guest_identifier: text("id", "Guest ID (gst-), guest key (g-), ticket key or email."),
    proxy_key: text("id", "The pk value of the check-in QR code."),
  },
  requires: ["event_id", "id"],
  untrusted: true,
});

/** A page of guests leaves out each one's check-in QR URL unless asked (GetEventGuest shows it too). */
const LEFT_OUT_OF_GUEST_LISTS = ["check_in_qr_code"];

export const getEventGuests = defineParamTool("guests", {
  name: "GetEventGuests",
  listsIds: "guests",
  title: "List event guests",
  description:
    "Retrieve registered or invited guests for an event.[[ For counts, GetEventAdminInfo's guest_counts is one call.]]",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/events/guests/list",
  params: {
    event_api_id: eventId(),
    event_id: twin("event_id", "event_api_id"),
    guest_approval_status: oneOf("approval_status", APPROVAL_STATUSES, "Only guests with this status."),
    guest_sort_column: oneOf(
      "sort_column",
      ["name", "email", "created_at", "registered_at", "checked_in_at"],
      "Sort column.",
    ),
    items_to_return: pageSize(),
    next_cursor_value: cursor(),
    sort_order: sortDirection(),
    fields: fieldsParam(GUEST_FIELDS, LEFT_OUT_OF_GUEST_LISTS),
  },
  requires: ["event_id"],
  reshape: selectFields(LEFT_OUT_OF_GUEST_LISTS),
  untrusted: true,
});

export const updateGuestStatus = defineBodyTool("guests", {
  name: "UpdateGuestStatus",
  title: "Update guest status",
  description:
    "Updates the status of an event guest. status: approved, declined, pending_approval or waitlist. Emails the guest unless send_email is false; should_refund refunds a paid guest.",
  hints: HINTS.notify,
  path: "/v1/events/guests/update-status",
  required: ["event_id", "guest_id", "status"],
  readWith: "GetEventGuest",
  confirm: {
    consequences: ["emails", "refunds"],
    quietWith: "send_email",
    lookups: ["guest"],
    question: ({ fields, effects, event, guest, quote }) =>
      `Set ${guest} to ${quote(fields.status)} on ${event}${effects.includes("emails") ? ", emailing them" : ""}${effects.includes("refunds") ? ", and refund their payment" : ""}?`,
  },
});

export const sendGuestEventInvite = defineBodyTool("guests", {
  name: "SendGuestEventInvite",
  title: "Invite guests",
  description:
    "Send event invitations to guests via email and SMS. SMS only where a phone is linked. guests: [{email, name?}]. Sends at once.",
  hints: HINTS.create,
  path: "/v1/events/guests/send-invites",
  required: ["event_id", "guests"],
  readWith: "GetEventGuests",
  confirm: {
    consequences: ["emails", "texts"],
    question: ({ people, event }) =>
      `Invite ${plural(people, "person", "people")} to ${event} by email and SMS, now?`,
  },
});

export const addEventGuests = defineBodyTool("guests", {
  name: "AddEventGuests",
  title: "Add guests",
  description:
    "Add guests to an event with default or custom tickets. guests: [{email, name?, registration_answers?}]. Going, free ticket, no payment, unless approval_status is pending_approval or waitlist. Emails each unless send_email is false.[[ To invite: SendGuestEventInvite.]]",
  hints: HINTS.create,
  path: "/v1/events/guests/add",
  required: ["event_id", "guests"],
  readWith: "GetEventGuests",
  confirm: {
    consequences: ["emails", "comps"],
    quietWith: "send_email",
    question: ({ fields, effects, people, event }) => {
      const status = fields.approval_status ?? "approved";
      const where =
        status === "waitlist"
          ? `to the waitlist of ${event}`
          : status === "pending_approval"
            ? `to ${event}, pending approval`
            : `to ${event} as Going with a free ticket`;
      const email = effects.includes("emails")
        ? ` and email ${people === 1 ? "them" : "each of them"}`
        : " without emailing them";
      return `Add ${plural(people, "guest")} ${where}${email}?`;
    },
  },
});

export const updateGuestTickets = defineParamTool("guests", {
  name: "UpdateGuestTickets",
  title: "Update guest tickets",
  description:
    "Give a guest free tickets or invalidate some of theirs. No payment or refund is processed; at least one ticket stays. Refused while a payment hold is pending; may exceed capacity. Emails the guest unless send_email is false.",
  hints: HINTS.notify,
  method: "POST",
  path: "/v1/events/guests/update-tickets",
  params: {
    event_id: text("event_id", "Event ID (evt-...).", true),
    guest_id: text("guest_id", "Guest ID (gst-...).", true),
    tickets_to_add: {
      field: "tickets_to_add",
      // A closed object: an open one converts to no strict or Gemini schema (an object with no properties).
      description: "Tickets to give.",
      type: () => z.array(z.strictObject({ event_ticket_type_id: z.string().describe("Ticket type ID.") })),
    },
    ticket_ids_to_remove: strings("ticket_ids_to_remove", "Ticket IDs to take away[[ (GetEventGuest)]]."),
    send_email: flag("send_email", "Email the guest (default true)."),
  },
  readWith: "GetEventGuest",
  confirm: {
    consequences: ["emails", "comps"],
    quietWith: "send_email",
    lookups: ["guest"],
    question: ({ fields, effects, event, guest }) => {
      const added = Array.isArray(fields.tickets_to_add) ? fields.tickets_to_add.length : 0;
      const removed = Array.isArray(fields.ticket_ids_to_remove) ? fields.ticket_ids_to_remove.length : 0;
      const email = effects.includes("emails") ? ", emailing them" : "";
      if (added === 0) {
        return `Remove ${plural(removed, "ticket")} from ${guest} on ${event}${email}? Removed tickets are not refunded.`;
      }
      const removing = removed > 0 ? ` and remove ${plural(removed, "ticket")} (not refunded)` : "";
      return `Give ${guest} ${plural(added, "free ticket")} on ${event}${removing}${email}?`;
    },
  },
  optIn: true,
});
