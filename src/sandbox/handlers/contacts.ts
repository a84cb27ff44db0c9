// Sandbox: contact (people) and contact-tag routes, and removing, blocking and restoring people.

import { badRequest, notFound } from "../errors.js";
import { paginate, type Query, sortItems } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import { type Contact, type ContactTag, MEMBERSHIP_STATUSES, TAG_COLORS, type TagColor } from "../types.js";
import { contactView } from "../views.js";

interface ImportContactsBody {
  contacts: { email: string; name?: string | null }[];
  tags?: string[] | null;
}

interface TagTargetsBody {
  tag: string;
  emails?: string[];
  user_ids?: string[];
}

const CONTACT_SORT_COLUMNS = [
  "created_at",
  "event_checked_in_count",
  "event_approved_count",
  "name",
  "revenue_usd_cents",
] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function listContacts(query: Query, store: Store) {
  const search = query.optional("query")?.trim().toLowerCase();
  const tagRefs = query.all("tags");
  const status = query.oneOf("membership_status", MEMBERSHIP_STATUSES);
  const tierId = query.optional("calendar_membership_tier_id");
  const column = query.oneOf("sort_column", CONTACT_SORT_COLUMNS) ?? "created_at";
  const direction = query.sortDirection("asc");
  // Tags may be named by ID or name; a contact matches if it has any of them. Unknown tags match nobody.
  const tagIds = new Set(tagRefs.flatMap((ref) => store.findTag(ref)?.id ?? []));
  const stats = store.contactStats();

  const matches = (contact: Contact): boolean => {
    if (contact.removal !== null) return false;
    const user = store.user(contact.user_id);
    if (search && !user.email.includes(search) && !(user.name ?? "").toLowerCase().includes(search))
      return false;
    if (tagRefs.length > 0 && !contact.tag_ids.some((id) => tagIds.has(id))) return false;
    if (status && contact.membership?.status !== status) return false;
    if (tierId && contact.membership?.tier_id !== tierId) return false;
    return true;
  };
  const key = (contact: Contact): string | number | null => {
    const s = stats.get(contact.user_id);
    switch (column) {
      case "created_at":
        return contact.created_at;
      case "name":
        return store.user(contact.user_id).name?.toLowerCase() ?? null;
      case "event_approved_count":
        return s?.approved ?? 0;
      case "event_checked_in_count":
        return s?.checkedIn ?? 0;
      case "revenue_usd_cents":
        return s?.revenueUsdCents ?? 0;
    }
  };
  const sorted = sortItems([...store.state.contacts.values()].filter(matches), key, direction);
  return paginate(sorted, query, (contact) => contactView(store, contact, stats));
}

function tagOrThrow(store: Store, ref: string): ContactTag {
  const tag = store.findTag(ref);
  if (!tag) throw notFound(`Tag not found: ${ref}`);
  return tag;
}

function importContacts(body: ImportContactsBody, store: Store) {
  if (body.contacts.length === 0) throw badRequest("`contacts` must contain at least one contact");
  for (const c of body.contacts) {
    if (!EMAIL.test(c.email.trim())) throw badRequest(`Invalid email: ${JSON.stringify(c.email)}`);
  }
  const tags = (body.tags ?? []).map((ref) => tagOrThrow(store, ref));
  for (const c of body.contacts) {
    const contact = store.ensureContact(store.ensureUser(c.email, c.name));
    for (const tag of tags) if (!contact.tag_ids.includes(tag.id)) contact.tag_ids.push(tag.id);
  }
  return {};
}

function assertNameFree(store: Store, name: string, exceptId?: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badRequest("`name` must not be empty");
  const clash = store.findTag(trimmed);
  if (clash && clash.id !== exceptId)
    throw badRequest(`A tag named ${JSON.stringify(clash.name)} already exists`);
  return trimmed;
}

function createTag(body: { name: string; color?: TagColor | null }, store: Store) {
  const name = assertNameFree(store, body.name);
  // Luma picks a colour when none is given; the sandbox cycles through them so the result is predictable.
  const color = body.color ?? (TAG_COLORS[store.state.tags.size % TAG_COLORS.length] as TagColor);
  const tag: ContactTag = { id: store.newId("tag"), name, color, created_at: store.now() };
  store.state.tags.set(tag.id, tag);
  return { id: tag.id };
}

function updateTag(body: { tag_id: string; name?: string; color?: TagColor }, store: Store) {
  const tag = store.state.tags.get(body.tag_id);
  if (!tag) throw notFound(`Tag not found: ${body.tag_id}`);
  if (body.name !== undefined) tag.name = assertNameFree(store, body.name, tag.id);
  if (body.color !== undefined) tag.color = body.color;
  return {};
}

function deleteTag(body: { tag_id: string }, store: Store) {
  if (!store.state.tags.delete(body.tag_id)) throw notFound(`Tag not found: ${body.tag_id}`);
  for (const contact of store.state.contacts.values()) {
    contact.tag_ids = contact.tag_ids.filter((id) => id !== body.tag_id);
  }
  return {};
}

/**
 * The contacts named by emails and user IDs (each counted once), plus how many names matched no
 * contact: apply and unapply only touch existing contacts and report the rest as skipped.
 */
function targets(store: Store, body: TagTargetsBody): { contacts: Contact[]; unknown: number } {
  const refs = [...(body.emails ?? []), ...(body.user_ids ?? [])];
  if (refs.length === 0) throw badRequest("Pass `emails` or `user_ids` (or both)");
  const contacts = new Map<string, Contact>();
  let unknown = 0;
  for (const ref of refs) {
    const contact = store.findContact(ref);
    if (contact) contacts.set(contact.id, contact);
    else unknown += 1;
  }
  return { contacts: [...contacts.values()], unknown };
}

function applyTag(body: TagTargetsBody, store: Store) {
  const tag = tagOrThrow(store, body.tag);
  const { contacts, unknown } = targets(store, body);
  let applied = 0;
  for (const contact of contacts) {
    if (contact.tag_ids.includes(tag.id)) continue;
    contact.tag_ids.push(tag.id);
    applied += 1;
  }
  return { applied_count: applied, skipped_count: contacts.length - applied + unknown };
}

function unapplyTag(body: TagTargetsBody, store: Store) {
  const tag = tagOrThrow(store, body.tag);
  const { contacts, unknown } = targets(store, body);
  let removed = 0;
  for (const contact of contacts) {
    if (!contact.tag_ids.includes(tag.id)) continue;
    contact.tag_ids = contact.tag_ids.filter((id) => id !== tag.id);
    removed += 1;
  }
  return { removed_count: removed, skipped_count: contacts.length - removed + unknown };
}

/**
 * contacts/remove, block and restore: a contact is named by contact_id or email; removed and blocked people
 * leave the people list, restore brings them back. They answer `{}`, as Luma's spec has it.
 */
function moderate(to: Contact["removal"]) {
  return (body: { contact_id?: string; email?: string }, store: Store) => {
    const contactId = body.contact_id;
    const email = body.email;
    if (!contactId && !email) throw badRequest("Pass `contact_id` or `email`");
    const contact = contactId ? store.state.contacts.get(contactId) : store.findContact(email as string);
    if (!contact) throw notFound(`Contact not found: ${contactId ?? email}`);
    if (to === null || contact.removal !== "blocked" || to === "blocked") contact.removal = to;
    return {};
  };
}

export const contactRoutes = [
  get("/v1/calendars/contacts/list", listContacts),
  post<ImportContactsBody>("/v1/calendars/contacts/import", importContacts),
  // Luma's current route returns every tag at once and takes no query; the MCP server pages it itself.
  get("/v1/calendars/contact-tags/list", (_query, store) => ({
    entries: [...store.state.tags.values()].map((t) => ({ id: t.id, name: t.name, color: t.color })),
    has_more: false,
  })),
  post("/v1/calendars/contact-tags/create", createTag),
  post("/v1/calendars/contact-tags/update", updateTag),
  post("/v1/calendars/contact-tags/delete", deleteTag),
  post("/v1/calendars/contact-tags/apply", applyTag),
  post("/v1/calendars/contact-tags/unapply", unapplyTag),
  post("/v1/calendars/contacts/remove", moderate("removed")),
  post("/v1/calendars/contacts/block", moderate("blocked")),
  post("/v1/calendars/contacts/restore", moderate(null)),
];
