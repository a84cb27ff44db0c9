// Webhooks (opt-in): the URLs Luma POSTs to when something happens on the calendar, the basis of every
// Zapier or n8n trigger. A webhook's signing secret is a credential: this server shows it once, in
// CreateWebhook's answer, and hides it from every later answer, so it does not sit in a model's context.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../luma/vocabulary.js";
import { defineParamTool, HINTS } from "./define.js";
import { cursor, oneOf, pageSize, text, webUrl } from "./params.js";

const eventTypes = (required: boolean) => ({
  field: "event_types",
  required,
  description: "What to send (* for everything).",
  type: () => z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
});

/** The event types a webhook call names, for its question. */
const eventTypeList = (fields: Record<string, unknown>, quote: (value: unknown) => string) =>
  Array.isArray(fields.event_types)
    ? `${fields.event_types.map(quote).join(", ")} events`
    : "events, as the webhook has them,";

const HIDDEN = "hidden: CreateWebhook showed it once";

type Webhook = Record<string, unknown>;

const hideSecret = (webhook: Webhook): Webhook =>
  typeof webhook.secret === "string" ? { ...webhook, secret: HIDDEN } : webhook;

/** A webhook answer (or a list of them) with each signing secret replaced by a notice. */
function hideSecrets(data: unknown): unknown {
  if (typeof data !== "object" || data === null) return data;
  const answer = data as { entries?: unknown };
  if (Array.isArray(answer.entries)) {
    return { ...answer, entries: answer.entries.map((entry) => hideSecret(entry as Webhook)) };
  }
  return hideSecret(data as Webhook);
}

/**
 * How a receiver checks that a delivery comes from Luma; said once, with the secret. Luma's spec does not
 * describe the signature: this is what integrations verify (docs/tools.md names the one it follows).
 */
export const SIGNATURE_NOTE =
  "Store secret now: it is not shown again. Luma does not document its signature scheme; integrations verify a Webhook-Signature header t=<unix seconds>,v1=<hex>, v1 being HMAC-SHA256, keyed with secret, of t + '.' + the raw request body, compared in constant time, and reject a t more than 5 minutes off their clock in either direction.";

function withSignatureNote(data: unknown): unknown {
  if (typeof data !== "object" || data === null || !("secret" in data)) return data;
  return { ...data, note: SIGNATURE_NOTE };
}

export const listWebhooks = defineParamTool("webhooks", {
  name: "ListWebhooks",
  title: "List webhooks",
  description: "List the calendar's webhooks: url, event_types, status (active, paused). Secrets are hidden.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/webhooks/list",
  params: { pagination_cursor: cursor(), pagination_limit: pageSize() },
  reshape: hideSecrets,
});

export const getWebhook = defineParamTool("webhooks", {
  name: "GetWebhook",
  title: "Get webhook",
  description: "Get one webhook by id. Its secret is hidden.",
  hints: HINTS.read,
  method: "GET",
  path: "/v2/webhooks/get",
  params: { id: text("id", "Webhook ID.", true) },
  reshape: hideSecrets,
});

export const createWebhook = defineParamTool("webhooks", {
  name: "CreateWebhook",
  title: "Create webhook",
  description:
    "Have Luma POST to url (http or https) whenever one of event_types happens. Answers the webhook with its signing secret, shown only this once, and how integrations verify deliveries with it.",
  hints: HINTS.create,
  method: "POST",
  path: "/v2/webhooks/create",
  params: {
    url: webUrl("url", "http:// or https:// URL that receives the deliveries.", { required: true }),
    event_types: eventTypes(true),
  },
  readWith: "ListWebhooks",
  reshape: withSignatureNote,
  confirm: {
    consequences: ["exports"],
    question: ({ fields, quote }) =>
      `Have Luma send this calendar's ${eventTypeList(fields, quote)} to ${quote(fields.url)} from now on? Deliveries carry guest names and emails.`,
  },
});

export const updateWebhook = defineParamTool("webhooks", {
  name: "UpdateWebhook",
  title: "Update webhook",
  description:
    "Change a webhook's event_types, or pause and resume it (status). Its url cannot change: delete it and create another.",
  hints: HINTS.update,
  method: "POST",
  path: "/v2/webhooks/update",
  params: {
    id: text("id", "Webhook ID.", true),
    event_types: eventTypes(false),
    status: oneOf("status", ["active", "paused"], "paused stops deliveries."),
  },
  readWith: "GetWebhook",
  reshape: hideSecrets,
  confirm: {
    consequences: ["exports"],
    // Pausing only stops deliveries.
    when: {
      test: (fields) => fields.event_types !== undefined || fields.status === "active",
      says: "it sets event_types or resumes deliveries (status active)",
    },
    question: ({ fields, quote }) =>
      `Have webhook ${quote(fields.id)} send this calendar's ${eventTypeList(fields, quote)} to its URL${fields.status === "active" ? ", resuming its deliveries" : ""}? Deliveries carry guest names and emails.`,
  },
});

export const deleteWebhook = defineParamTool("webhooks", {
  name: "DeleteWebhook",
  title: "Delete webhook",
  description: "Delete a webhook: Luma stops sending to its URL, and automations built on it stop.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/webhooks/delete",
  params: { id: text("id", "Webhook ID.", true) },
  readWith: "ListWebhooks",
  confirm: {
    consequences: ["deletes"],
    question: ({ fields, quote }) =>
      `Delete webhook ${quote(fields.id)}? Luma stops sending to its URL, and automations built on it stop.`,
  },
});
