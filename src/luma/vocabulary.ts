// Luma's enumerations, as its OpenAPI spells them, shared by the tools (what a model may pass) and the
// sandbox (what the simulated Luma accepts), so the two cannot drift apart.

export const SORT_DIRECTIONS = ["asc", "desc", "asc nulls last", "desc nulls last"] as const;

export const APPROVAL_STATUSES = [
  "approved",
  "session",
  "pending_approval",
  "invited",
  "declined",
  "waitlist",
] as const;

export const MEMBERSHIP_STATUSES = ["approved", "pending", "approved-pending-payment", "declined"] as const;

export const TAG_COLORS = [
  "cranberry",
  "barney",
  "red",
  "green",
  "blue",
  "purple",
  "yellow",
  "orange",
] as const;
