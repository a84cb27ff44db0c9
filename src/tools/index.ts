// The catalog: every tool, in the LumaApi toolkit's order (the order clients show them in), then the opt-in
// tools (Tool.optIn; see select.ts) by toolset.
import * as account from "./account.js";
import * as calendarAdmin from "./calendar-admin.js";
import * as contacts from "./contacts.js";
import * as coupons from "./coupons.js";
import type { Tool } from "./define.js";
import * as eventTags from "./event-tags.js";
import * as events from "./events.js";
import * as guests from "./guests.js";
import * as memberships from "./memberships.js";
import * as organization from "./organization.js";
import * as submissions from "./submissions.js";
import * as tickets from "./tickets.js";
import * as webhooks from "./webhooks.js";

export const TOOLS: readonly Tool[] = [
  events.getEventAdminInfo,
  events.listLumaCalendarEvents,
  guests.getEventGuest,
  guests.getEventGuests,
  account.getUserInfo,
  contacts.listPersonTags,
  account.lumaEntityLookup,
  events.checkEventExistence,
  contacts.listPeople,
  coupons.listEventCoupons,
  coupons.listCalendarCoupons,
  tickets.listEventTicketTypes,
  tickets.getTicketTypeById,
  memberships.listMembershipTiers,
  contacts.updatePersonTag,
  contacts.deletePersonTag,
  contacts.applyTagToCalendarMembers,
  contacts.removeTagFromCalendarMembers,
  tickets.softDeleteTicketType,
  memberships.updateMembershipStatus,
  account.getCalendar,
  events.createEvent,
  events.updateEvent,
  guests.updateGuestStatus,
  guests.sendGuestEventInvite,
  guests.addEventGuests,
  events.addEventHost,
  coupons.createEventCoupon,
  coupons.modifyCoupon,
  coupons.generateEventCoupon,
  coupons.updateCoupon,
  contacts.importPeopleToCalendar,
  contacts.createPersonTag,
  events.addEventToLumaCalendar,
  events.generateUploadUrl,
  tickets.createEventTicketType,
  tickets.updateTicketTypeConfiguration,
  memberships.addUserToMembershipTier,
  // Opt-in from here on.
  events.requestEventCancellation,
  events.cancelEvent,
  events.updateEventHost,
  events.removeEventHost,
  guests.updateGuestTickets,
  contacts.removeContact,
  contacts.blockContact,
  contacts.restoreContact,
  webhooks.listWebhooks,
  webhooks.getWebhook,
  webhooks.createWebhook,
  webhooks.updateWebhook,
  webhooks.deleteWebhook,
  eventTags.listEventTags,
  eventTags.createEventTag,
  eventTags.updateEventTag,
  eventTags.deleteEventTag,
  eventTags.applyTagToEvents,
  eventTags.removeTagFromEvents,
  submissions.listCalendarSubmissions,
  submissions.approveEventSubmission,
  submissions.rejectEventSubmission,
  calendarAdmin.updateCalendar,
  calendarAdmin.listCalendarAdmins,
  organization.listOrganizationAdmins,
  organization.listOrganizationCalendars,
  organization.listOrganizationEvents,
  organization.transferEventCalendar,
  organization.createCalendar,
];
