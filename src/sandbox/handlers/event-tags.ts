// Sandbox: event-tag routes (list, create, update, delete, apply to and remove from events). An event's
// tags show in the calendar's event list (views.ts eventListEntry).

import { badRequest, notFound } from "../errors.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import { type EventTag, TAG_COLORS, type TagColor } from "../types.js";

/** An event tag by ID or by name (case-insensitive), as apply and unapply accept both. */
function findTag(store: Store, ref: string): EventTag | undefined {
  const byId = store.state.eventTags.get(ref);
  if (byId) return byId;
  const lowered = ref.trim().toLowerCase();
  for (const tag of store.state.eventTags.values()) if (tag.name.toLowerCase() === lowered) return tag;
  return undefined;
}

function tagOrThrow(store: Store, ref: string): EventTag {
  const tag = findTag(store, ref);
  if (!tag) throw notFound(`Event tag not found: ${ref}`);
  return tag;
}

function freeName(store: Store, name: string, exceptId?: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badRequest("`name` must not be empty");
  const clash = findTag(store, trimmed);
  if (clash && clash.id !== exceptId) {
    throw badRequest(`An event tag named ${JSON.stringify(clash.name)} already exists`);
  }
  return trimmed;
}

function createTag(body: { name: string; color?: TagColor | null }, store: Store) {
  const name = freeName(store, body.name);
  const color = body.color ?? (TAG_COLORS[store.state.eventTags.size % TAG_COLORS.length] as TagColor);
  const tag: EventTag = { id: store.newId("tag"), name, color };
  store.state.eventTags.set(tag.id, tag);
  return { id: tag.id };
}

function updateTag(body: { tag_id: string; name?: string; color?: TagColor }, store: Store) {
  const tag = store.state.eventTags.get(body.tag_id);
  if (!tag) throw notFound(`Event tag not found: ${body.tag_id}`);
  if (body.name !== undefined) tag.name = freeName(store, body.name, tag.id);
  if (body.color !== undefined) tag.color = body.color;
  return {};
}

function deleteTag(body: { tag_id: string }, store: Store) {
  if (!store.state.eventTags.delete(body.tag_id)) throw notFound(`Event tag not found: ${body.tag_id}`);
  for (const event of store.state.events.values()) {
    event.event_tag_ids = event.event_tag_ids.filter((id) => id !== body.tag_id);
  }
  return {};
}

interface TargetsBody {
  tag: string;
  event_ids: string[];
}

/** The events of the body that this calendar manages; the others (and unknown IDs) are skipped. */
function calendarEvents(store: Store, ids: string[]) {
  const unique = [...new Set(ids)];
  const events = unique.flatMap((id) => {
    const event = store.state.events.get(id);
    return event && event.calendar_id === store.state.calendar.id ? [event] : [];
  });
  return { events, skipped: unique.length - events.length };
}

function applyTag(body: TargetsBody, store: Store) {
  const tag = tagOrThrow(store, body.tag);
  const { events, skipped } = calendarEvents(store, body.event_ids);
  let applied = 0;
  for (const event of events) {
    if (event.event_tag_ids.includes(tag.id)) continue;
    event.event_tag_ids.push(tag.id);
    applied += 1;
  }
  return { applied_count: applied, skipped_count: skipped + events.length - applied };
}

function unapplyTag(body: TargetsBody, store: Store) {
  const tag = tagOrThrow(store, body.tag);
  const { events, skipped } = calendarEvents(store, body.event_ids);
  let removed = 0;
  for (const event of events) {
    if (!event.event_tag_ids.includes(tag.id)) continue;
    event.event_tag_ids = event.event_tag_ids.filter((id) => id !== tag.id);
    removed += 1;
  }
  return { removed_count: removed, skipped_count: skipped + events.length - removed };
}

export const eventTagRoutes = [
  get("/v1/calendars/event-tags/list", (_query, store) => ({
    entries: [...store.state.eventTags.values()].map((t) => ({ id: t.id, name: t.name, color: t.color })),
    has_more: false,
  })),
  post("/v1/calendars/event-tags/create", createTag),
  post("/v1/calendars/event-tags/update", updateTag),
  post("/v1/calendars/event-tags/delete", deleteTag),
  post("/v1/calendars/event-tags/apply", applyTag),
  post("/v1/calendars/event-tags/unapply", unapplyTag),
];
