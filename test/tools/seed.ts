// The seed's tools as its page lists them (the LumaApi toolkit, see README's credits): each tool's one-line
// description and its parameter names. GetCalendar is not on the page: its entry is written from the catalog.
export interface SeedTool {
  sentence: string;
  params: string[];
  /** Parameters the tool takes beyond the seed's: Luma's newer fields, and the `fields` selection of lists. */
  added?: string[];
}

const BODY = ["mode", "request_body"];

export const SEED: Record<string, SeedTool> = {
  GetEventAdminInfo: {
    sentence: "Retrieve admin information for an accessible event.",
    params: ["event_api_id", "event_id"],
  },
  ListLumaCalendarEvents: {
    sentence: "Retrieve all events managed by your Luma Calendar.",
    added: ["access", "fields"],
    params: [
      "event_sort_direction",
      "filter_events_before",
      "number_of_items_to_return",
      "pagination_cursor",
      "sort_by_column",
      "start_date_after",
    ],
  },
  GetEventGuest: {
    sentence: "Retrieve event guest details using their ID.",
    params: [
      "event_api_id",
      "event_identifier",
      "guest_api_id",
      "guest_email",
      "guest_identifier",
      "proxy_key",
    ],
  },
  GetEventGuests: {
    sentence: "Retrieve registered or invited guests for an event.",
    added: ["fields"],
    params: [
      "event_api_id",
      "event_id",
      "guest_approval_status",
      "guest_sort_column",
      "items_to_return",
      "next_cursor_value",
      "sort_order",
    ],
  },
  GetUserInfo: { sentence: "Retrieve the user’s personal information and profile details.", params: [] },
  ListPersonTags: {
    sentence: "Retrieve a list of tags associated with persons.",
    params: ["items_to_return", "pagination_cursor", "sort_by_column", "sorting_direction"],
  },
  LumaEntityLookup: { sentence: "Lookup an entity on Luma by its slug.", params: ["entity_slug"] },
  CheckEventExistence: {
    sentence: "Determine if an event exists on the calendar.",
    params: ["calendar_platform_type", "event_details_url", "event_identifier"],
  },
  ListPeople: {
    sentence: "Retrieve a list of people from the calendar.",
    added: ["fields"],
    params: [
      "calendar_membership_status",
      "calendar_membership_tier_api_id",
      "calendar_tier_id",
      "filter_by_tags",
      "items_to_return",
      "pagination_next_cursor",
      "search_query",
      "sort_by_column",
      "sort_order",
    ],
  },
  ListEventCoupons: {
    sentence: "Retrieve all coupons created for an event.",
    params: ["event_api_id", "event_identifier", "item_return_limit", "pagination_cursor"],
  },
  ListCalendarCoupons: {
    sentence: "Retrieve all coupons for a calendar.",
    params: ["items_to_return", "pagination_cursor"],
  },
  ListEventTicketTypes: {
    sentence: "Retrieve a list of all ticket types for an event.",
    params: ["event_id", "event_identifier", "include_hidden_ticket_types"],
  },
  GetTicketTypeById: {
    sentence: "Retrieve event ticket type details by ID.",
    params: ["event_ticket_type_api_id", "ticket_type_id"],
  },
  ListMembershipTiers: {
    sentence: "Retrieve available membership tiers for the calendar.",
    params: ["items_to_return_count", "previous_request_next_cursor"],
  },
  CreateEvent: { sentence: "Creates and schedules a new event.", params: BODY },
  UpdateEvent: { sentence: "Update event details using Luma’s API.", params: BODY },
  UpdateGuestStatus: { sentence: "Updates the status of an event guest.", params: BODY },
  SendGuestEventInvite: { sentence: "Send event invitations to guests via email and SMS.", params: BODY },
  AddEventGuests: { sentence: "Add guests to an event with default or custom tickets.", params: BODY },
  AddEventHost: { sentence: "Add a host to an event in Luma.", params: BODY },
  CreateEventCoupon: { sentence: "Create a non-editable coupon for event registration.", params: BODY },
  ModifyCoupon: { sentence: "Update a coupon’s details in the system.", params: BODY },
  GenerateEventCoupon: { sentence: "Create a coupon for calendar-managed events.", params: BODY },
  UpdateCoupon: { sentence: "Updates a coupon in the calendar.", params: BODY },
  ImportPeopleToCalendar: { sentence: "Import people to your calendar from contact lists.", params: BODY },
  CreatePersonTag: { sentence: "Create a new person tag in the calendar system.", params: BODY },
  UpdatePersonTag: {
    sentence: "Updates a tag for a person in the calendar system.",
    params: ["person_tag_api_id", "tag_color", "tag_name"],
  },
  DeletePersonTag: { sentence: "Deletes a person tag from the calendar.", params: ["tag_identifier"] },
  ApplyTagToCalendarMembers: {
    sentence: "Apply a tag to existing calendar members.",
    params: ["tag_identifier", "email_addresses", "user_api_ids_to_tag"],
  },
  RemoveTagFromCalendarMembers: {
    sentence: "Remove a tag from existing calendar members.",
    params: ["tag_identifier", "email_addresses_to_remove_tag", "user_api_ids_to_remove_tag"],
  },
  AddEventToLumaCalendar: { sentence: "Add an existing event to the Luma calendar.", params: BODY },
  GenerateUploadUrl: { sentence: "Generates a URL for image upload.", params: BODY },
  CreateEventTicketType: { sentence: "Create a new ticket type for an event.", params: BODY },
  UpdateTicketTypeConfiguration: { sentence: "Update an existing ticket type configuration.", params: BODY },
  SoftDeleteTicketType: {
    sentence: "Soft delete a ticket type if certain conditions are met.",
    params: ["event_ticket_type_id"],
  },
  AddUserToMembershipTier: { sentence: "Add a user to a specified free membership tier.", params: BODY },
  UpdateMembershipStatus: {
    sentence: "Update a member’s membership status and handle payments.",
    params: ["membership_status", "user_identifier"],
  },
  GetCalendar: { sentence: "Retrieve the calendar this API key manages", params: [] },
};
