// Memberships: the calendar's tiers, adding members, and approving or declining them.
import { defineBodyTool, defineParamTool, HINTS } from "./define.js";
import { cursor, oneOf, pageSize, text } from "./params.js";

export const listMembershipTiers = defineParamTool("memberships", {
  name: "ListMembershipTiers",
  listsIds: "tiers",
  title: "List membership tiers",
  description: "Retrieve available membership tiers for the calendar.",
  hints: HINTS.read,
  method: "GET",
  path: "/v1/memberships/tiers/list",
  params: { items_to_return_count: pageSize(), previous_request_next_cursor: cursor() },
});

export const addUserToMembershipTier = defineBodyTool("memberships", {
  name: "AddUserToMembershipTier",
  title: "Add member to tier",
  description:
    "Add a user to a specified free membership tier. For a paid tier paid outside Luma, set skip_payment: true.",
  hints: HINTS.create,
  path: "/v1/memberships/members/add",
  required: ["email", "membership_tier_id"],
  readWith: "ListPeople",
});

export const updateMembershipStatus = defineParamTool("memberships", {
  name: "UpdateMembershipStatus",
  title: "Approve or decline member",
  description:
    "Update a member’s membership status and handle payments. Approving a paid member captures payment; declining cancels the subscription.",
  hints: HINTS.update,
  method: "POST",
  path: "/v1/memberships/members/update-status",
  params: {
    membership_status: oneOf("status", ["approved", "declined"], "New status.", true),
    user_identifier: text("user_id", "User ID (usr-...) or email.", true),
  },
  readWith: "ListPeople",
  confirm: {
    consequences: ["charges"],
    question: ({ fields, quote }) =>
      fields.status === "approved"
        ? `Approve member ${quote(fields.user_id)}? This captures their membership payment.`
        : `Decline member ${quote(fields.user_id)}? This cancels their membership subscription.`,
  },
});
