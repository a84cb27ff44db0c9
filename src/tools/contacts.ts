// Contacts and their tags: list and import people, manage person tags and who carries them; opt-in, remove,
// block and restore people.
import { CONTACT_FIELDS, MEMBERSHIP_STATUSES, SORT_DIRECTIONS, TAG_COLORS } from "../luma/vocabulary.js";
import { defineBodyTool, defineParamTool, HINTS } from "./define.js";
import { fieldsParam, selectFields } from "./fields.js";
import { cursor, oneOf, pageSize, sortDirection, strings, text } from "./params.js";

const tagName = (description: string) => text("tag", description, true);

export const listPeople = defineParamTool("contacts", {
  name: "ListPeople",
  listsIds: "people",
  title: "List people",
  description: "Retrieve a list of people from the calendar.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/contacts/list",
  params: {
    calendar_membership_status: oneOf(
      "membership_status",
      MEMBERSHIP_STATUSES,
      "Only members with this status.",
    ),
    calendar_membership_tier_api_id: text("calendar_membership_tier_id", "Only members of this tier."),
    calendar_tier_id: text("calendar_membership_tier_id", "Same as calendar_membership_tier_api_id."),
    filter_by_tags: {
      ...text("tags", "Comma-separated tag names or IDs; people with these tags."),
      encode: (value: string) =>
        value
          .split(",")
          .map((tag) => tag.trim())
          .filter(Boolean),
    },
    items_to_return: pageSize(),
    pagination_next_cursor: cursor(),
    search_query: text("query", "Search names or emails."),
    sort_by_column: oneOf(
      "sort_column",
      ["created_at", "event_checked_in_count", "event_approved_count", "name", "revenue_usd_cents"],
      "Sort column.",
    ),
    sort_order: sortDirection(),
    fields: fieldsParam(CONTACT_FIELDS),
  },
  reshape: selectFields(),
  untrusted: true,
});

type Tag = Record<string, unknown>;

const tagCursor = () =>
  cursor()
    .type()
    .refine((value) => /^\d{1,9}$/.test(String(value)), {
      message: "must be a next_cursor from a previous ListPersonTags answer",
    });

/**
 * Luma's current tag route takes no query, so the tool's sort and paging are applied here, to the one list
 * it answers with. Its tags carry no created_at: that sort keeps Luma's order (reversed for desc) and says
 * so. When Luma itself says it has more, the answer says so too, though this route cannot page on.
 */
function pageTags(data: unknown, args: Record<string, unknown>): unknown {
  const answer = data as { entries?: Tag[]; has_more?: unknown };
  const entries = (answer.entries ?? []).slice();
  const column = args.sort_by_column as string | undefined;
  const direction = (args.sorting_direction as string | undefined) ?? "asc";
  const sign = direction.startsWith("desc") ? -1 : 1;
  const notes: string[] = [];
  if (column && entries.some((tag) => tag[column] != null)) {
    const nullsLast = direction.endsWith("nulls last");
    entries.sort((a, b) => {
      const x = a[column];
      const y = b[column];
      if (x == null || y == null) return x == null && y == null ? 0 : (x == null) === nullsLast ? 1 : -1;
      return sign * String(x).localeCompare(String(y));
    });
  } else if (column) {
    if (sign < 0) entries.reverse();
    notes.push(
      `Luma's tags carry no ${column}, so they are in the order Luma listed them${sign < 0 ? ", reversed" : ""}.`,
    );
  }
  const offset = Number(args.pagination_cursor ?? 0);
  const limit = (args.items_to_return as number | undefined) ?? entries.length;
  const page = entries.slice(offset, offset + limit);
  const hasMore = offset + limit < entries.length;
  if (!hasMore && answer.has_more === true) {
    notes.push(
      "Luma says it has more tags than its tag list returns at once; this route cannot page further.",
    );
  }
  return {
    entries: page,
    has_more: hasMore || answer.has_more === true,
    ...(hasMore ? { next_cursor: String(offset + limit) } : {}),
    ...(notes.length ? { note: notes.join(" ") } : {}),
  };
}

export const listPersonTags = defineParamTool("contacts", {
  name: "ListPersonTags",
  listsIds: "tags",
  title: "List person tags",
  description: "Retrieve a list of tags associated with persons.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/calendars/contact-tags/list",
  params: {
    items_to_return: { ...pageSize(), local: true },
    // The cursor is this server's own (an offset), so a foreign one is refused before anything is sent.
    pagination_cursor: { ...cursor(), type: tagCursor, local: true },
    sort_by_column: { ...oneOf("sort_column", ["name", "color", "created_at"], "Sort column."), local: true },
    sorting_direction: { ...oneOf("sort_direction", SORT_DIRECTIONS, "Sort direction."), local: true },
  },
  reshape: pageTags,
});

export const importPeopleToCalendar = defineBodyTool("contacts", {
  name: "ImportPeopleToCalendar",
  title: "Import people",
  description: "Import people to your calendar from contact lists. contacts: [{email, name?}].",
  hints: HINTS.create,
  path: "/v1/calendars/contacts/import",
  required: ["contacts"],
  readWith: "ListPeople",
});

export const createPersonTag = defineBodyTool("contacts", {
  name: "CreatePersonTag",
  title: "Create person tag",
  description: `Create a new person tag in the calendar system. color: ${TAG_COLORS.join(", ")}. Answers {id}.`,
  hints: HINTS.create,
  path: "/v1/calendars/contact-tags/create",
  required: ["name"],
  readWith: "ListPersonTags",
});

export const updatePersonTag = defineParamTool("contacts", {
  name: "UpdatePersonTag",
  title: "Update person tag",
  description: "Updates a tag for a person in the calendar system.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/contact-tags/update",
  params: {
    person_tag_api_id: text("tag_id", "Tag ID (tag-...).", true),
    tag_color: oneOf("color", TAG_COLORS, "New color."),
    tag_name: text("name", "New name."),
  },
  readWith: "ListPersonTags",
});

export const deletePersonTag = defineParamTool("contacts", {
  name: "DeletePersonTag",
  title: "Delete person tag",
  description: "Deletes a person tag from the calendar.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/contact-tags/delete",
  params: { tag_identifier: text("tag_id", "Tag ID (tag-...).", true) },
  readWith: "ListPersonTags",
  confirm: {
    consequences: ["deletes"],
    lookups: ["tag"],
    question: ({ tag }) => `Delete the person tag ${tag}? Everyone who has it loses it; it cannot be undone.`,
  },
});

export const applyTagToCalendarMembers = defineParamTool("contacts", {
  name: "ApplyTagToCalendarMembers",
  title: "Tag people",
  description: "Apply a tag to existing calendar members. Others are skipped.",
  hints: HINTS.add,
  method: "POST",
  path: "/v1/calendars/contact-tags/apply",
  params: {
    tag_identifier: tagName("Tag ID (tag-...) or tag name."),
    email_addresses: strings("emails", "Emails of people to tag."),
    user_api_ids_to_tag: strings("user_ids", "User IDs (usr-...) to tag."),
  },
  readWith: "ListPeople",
});

export const removeTagFromCalendarMembers = defineParamTool("contacts", {
  name: "RemoveTagFromCalendarMembers",
  title: "Untag people",
  description: "Remove a tag from existing calendar members.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/contact-tags/unapply",
  params: {
    tag_identifier: tagName("Tag ID (tag-...) or tag name."),
    email_addresses_to_remove_tag: strings("emails", "Emails of people to untag."),
    user_api_ids_to_remove_tag: strings("user_ids", "User IDs (usr-...) to untag."),
  },
  readWith: "ListPeople",
});

// Opt-in: contact moderation.
const contactRef = {
  contact_id: text("contact_id", "Contact ID[[ (ListPeople's id)]]."),
  email: text("email", "The person's email."),
};

/** The person a contact route names: their email, or their contact ID. */
const person = (fields: Record<string, unknown>, quote: (value: unknown) => string) =>
  fields.email !== undefined ? quote(fields.email) : `contact ${quote(fields.contact_id)}`;

export const removeContact = defineParamTool("contacts", {
  name: "RemoveContact",
  title: "Remove person",
  description:
    "Remove a person from the calendar's people: no more invites or newsletters, but they can follow again on their own.[[ RestoreContact undoes it.]]",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/contacts/remove",
  params: contactRef,
  requiresAny: ["contact_id", "email"],
  readWith: "ListPeople",
  confirm: {
    consequences: ["deletes"],
    question: ({ fields, quote }) =>
      `Remove ${person(fields, quote)} from the calendar's people? RestoreContact brings them back.`,
  },
  optIn: true,
});

export const blockContact = defineParamTool("contacts", {
  name: "BlockContact",
  title: "Block person",
  description:
    "Block a person: they can no longer follow the calendar or join its events, and get no invites or newsletters.[[ RestoreContact unblocks.]]",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/calendars/contacts/block",
  params: contactRef,
  requiresAny: ["contact_id", "email"],
  readWith: "ListPeople",
  confirm: {
    consequences: ["blocks"],
    question: ({ fields, quote }) =>
      `Block ${person(fields, quote)} from the calendar? They leave its people and cannot join it again until RestoreContact unblocks them.`,
  },
  optIn: true,
});

export const restoreContact = defineParamTool("contacts", {
  name: "RestoreContact",
  title: "Restore person",
  description: "Restore a removed or blocked person to the calendar's people.",
  hints: HINTS.add,
  method: "POST",
  path: "/v1/calendars/contacts/restore",
  params: contactRef,
  requiresAny: ["contact_id", "email"],
  readWith: "ListPeople",
  optIn: true,
});
