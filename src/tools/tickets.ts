// Ticket types: list, read, create, change and soft-delete an event's ticket types.
import { z } from "zod";
import { defineBodyTool, defineParamTool, HINTS } from "./define.js";
import { eventId, text, twin } from "./params.js";

const ticketTypeId = text("event_ticket_type_id", "Ticket type ID (ett-, ttype-... any prefix).");

export const listEventTicketTypes = defineParamTool("tickets", {
  name: "ListEventTicketTypes",
  listsIds: "ticket types",
  title: "List ticket types",
  description: "Retrieve a list of all ticket types for an event. Not paged.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/events/ticket-types/list",
  params: {
    event_id: eventId(),
    event_identifier: twin("event_id", "event_id"),
    include_hidden_ticket_types: {
      field: "include_hidden",
      // Advertised as a plain boolean (adapters drop a boolean-or-string union's type); "true" and "false"
      // from callers that learnt the LumaApi toolkit's string form are still taken.
      description: "true to include hidden ticket types.",
      type: () =>
        z.preprocess((value) => (value === "true" ? true : value === "false" ? false : value), z.boolean()),
      encode: (value: boolean | string) => String(value),
    },
  },
  requires: ["event_id"],
});

export const getTicketTypeById = defineParamTool("tickets", {
  name: "GetTicketTypeById",
  title: "Get ticket type",
  description: "Retrieve event ticket type details by ID.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/events/ticket-types/get",
  params: {
    event_ticket_type_api_id: ticketTypeId,
    ticket_type_id: twin("event_ticket_type_id", "event_ticket_type_api_id"),
  },
  requires: ["event_ticket_type_id"],
});

export const softDeleteTicketType = defineParamTool("tickets", {
  name: "SoftDeleteTicketType",
  title: "Delete ticket type",
  description:
    "Soft delete a ticket type if certain conditions are met. Luma refuses if tickets were sold or it is the event's last visible type.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/events/ticket-types/delete",
  params: { event_ticket_type_id: { ...ticketTypeId, required: true } },
  readWith: "ListEventTicketTypes",
  confirm: {
    consequences: ["deletes"],
    lookups: ["ticketType"],
    question: ({ ticketType }) =>
      `Delete the ticket type ${ticketType}? It can no longer be chosen; this cannot be undone from here.`,
  },
});

export const createEventTicketType = defineBodyTool("tickets", {
  name: "CreateEventTicketType",
  title: "Create ticket type",
  description: "Create a new ticket type for an event. type: free or paid (paid needs cents and currency).",
  hints: HINTS.create,
  path: "/v1/events/ticket-types/create",
  required: ["event_id", "name", "type"],
  readWith: "ListEventTicketTypes",
});

export const updateTicketTypeConfiguration = defineBodyTool("tickets", {
  name: "UpdateTicketTypeConfiguration",
  title: "Update ticket type",
  description: "Update an existing ticket type configuration.",
  hints: HINTS.update,
  path: "/v1/events/ticket-types/update",
  required: ["event_ticket_type_id"],
  readWith: "GetTicketTypeById",
});
