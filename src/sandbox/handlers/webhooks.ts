// Sandbox: webhook routes (list, get, create, update, delete). The sandbox stores webhooks but never
// delivers anything: nothing leaves the machine.

import { nodeCrypto } from "../../node-crypto.js";
import { notFound } from "../errors.js";
import { paginate, type Query } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { Webhook, WebhookEventType } from "../types.js";
import { webhookView } from "../views.js";

function webhookOrThrow(store: Store, id: string): Webhook {
  const webhook = store.state.webhooks.get(id);
  if (!webhook) throw notFound(`Webhook not found: ${id}`);
  return webhook;
}

/** Event types without repeats; `*` stands for all of them, so it is kept alone. */
function normalize(types: WebhookEventType[]): WebhookEventType[] {
  return types.includes("*") ? ["*"] : [...new Set(types)];
}

function createWebhook(body: { url: string; event_types: WebhookEventType[] }, store: Store) {
  const id = store.newId("wh");
  // Derived from the ID, so a replayed session gets the same secret; it only has to look like one.
  const secret = `sbx_whsec_${nodeCrypto().createHash("sha256").update(id).digest("hex").slice(0, 32)}`;
  const webhook: Webhook = {
    id,
    url: body.url,
    event_types: normalize(body.event_types),
    status: "active",
    secret,
    created_at: store.now(),
  };
  store.state.webhooks.set(id, webhook);
  return webhookView(webhook);
}

interface UpdateWebhookBody {
  id: string;
  event_types?: WebhookEventType[];
  status?: Webhook["status"];
}

function updateWebhook(body: UpdateWebhookBody, store: Store) {
  const webhook = webhookOrThrow(store, body.id);
  if (body.event_types !== undefined) webhook.event_types = normalize(body.event_types);
  if (body.status !== undefined) webhook.status = body.status;
  return webhookView(webhook);
}

export const webhookRoutes = [
  get("/v1/webhooks/list", (query: Query, store) =>
    paginate([...store.state.webhooks.values()], query, webhookView),
  ),
  get("/v2/webhooks/get", (query, store) => webhookView(webhookOrThrow(store, query.required("id")))),
  post("/v2/webhooks/create", createWebhook),
  post("/v2/webhooks/update", updateWebhook),
  post("/v1/webhooks/delete", (body: { id: string }, store) => {
    webhookOrThrow(store, body.id);
    store.state.webhooks.delete(body.id);
    return {};
  }),
];
