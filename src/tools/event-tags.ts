// Event tags (opt-in): the calendar's labels for events (not for people: those are the person tags of
// contacts.ts), and which events carry them. ListLumaCalendarEvents shows each event's tags.
import { z } from "zod";
import { TAG_COLORS } from "../luma/vocabulary.js";
import { defineParamTool, HINTS } from "./define.js";
import { oneOf, text } from "./params.js";

const tagId = () => text("tag_id", "Event tag ID (tag-...).", true);
const color = () => oneOf("color", TAG_COLORS, "Tag colour.");
const targets = (verb: string) => ({
  tag: text("tag", "Event tag ID or name.", true),
  event_ids: {
    field: "event_ids",
    required: true,
    description: `Event IDs (evt-...) to ${verb}.`,
    type: () => z.array(z.string()).min(1, "give at least one event ID (evt-...), as Luma requires"),
  },
});

export const listEventTags = defineParamTool("event-tags", {
  name: "ListEventTags",
  title: "List event tags",
  description: "List the calendar's event tags (id, name, color).[[ Tags of people: ListPersonTags.]]",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/event-tags/list",
  params: {},
});

export const createEventTag = defineParamTool("event-tags", {
  name: "CreateEventTag",
  title: "Create event tag",
  description: "Create an event tag. Answers {id}.",
  hints: HINTS.create,
  method: "POST",
  path: "/v1/calendars/event-tags/create",
  params: { name: text("name", "Tag name.", true), color: color() },
  readWith: "ListEventTags",
});

export const updateEventTag = defineParamTool("event-tags", {
  name: "UpdateEventTag",
  title: "Update event tag",
  description: "Rename or recolour an event tag.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/event-tags/update",
  params: { tag_id: tagId(), name: text("name", "New name."), color: color() },
  readWith: "ListEventTags",
});

export const deleteEventTag = defineParamTool("event-tags", {
  name: "DeleteEventTag",
  title: "Delete event tag",
  description: "Delete an event tag; every event loses it.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/event-tags/delete",
  params: { tag_id: tagId() },
  readWith: "ListEventTags",
  confirm: {
    consequences: ["deletes"],
    question: ({ fields, quote }) =>
      `Delete the event tag ${quote(fields.tag_id)}? Every event loses it; it cannot be undone.`,
  },
});

export const applyTagToEvents = defineParamTool("event-tags", {
  name: "ApplyTagToEvents",
  title: "Tag events",
  description:
    "Apply an event tag to events. Events not on this calendar are skipped; answers applied_count and skipped_count.",
  hints: HINTS.add,
  method: "POST",
  path: "/v1/calendars/event-tags/apply",
  params: targets("tag"),
  readWith: "ListLumaCalendarEvents",
});

export const removeTagFromEvents = defineParamTool("event-tags", {
  name: "RemoveTagFromEvents",
  title: "Untag events",
  description: "Remove an event tag from events. Answers removed_count and skipped_count.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/event-tags/unapply",
  params: targets("untag"),
  readWith: "ListLumaCalendarEvents",
});
