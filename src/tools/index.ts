// The catalog: every tool, in the LumaApi toolkit's order (the order clients show them in).
import * as account from "./account.js";
import * as contacts from "./contacts.js";
import * as coupons from "./coupons.js";
import type { Tool } from "./define.js";
import * as events from "./events.js";
import * as guests from "./guests.js";
import * as memberships from "./memberships.js";
import * as tickets from "./tickets.js";

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
];
