// Sandbox: membership routes (tiers list, add member, update member status).

import { badRequest, notFound } from "../errors.js";
import { paginate } from "../list.js";
import { get, post } from "../route.js";
import type { Store } from "../store.js";
import type { MembershipStatus } from "../types.js";
import { tierView } from "../views.js";

interface AddMemberBody {
  email: string;
  membership_tier_id: string;
  skip_payment?: boolean;
  registration_answers?: unknown[];
}

interface UpdateMemberStatusBody {
  user_id: string;
  status: "approved" | "declined";
}

function addMember(body: AddMemberBody, store: Store) {
  const tier = store.state.tiers.get(body.membership_tier_id);
  if (!tier) throw notFound(`Membership tier not found: ${body.membership_tier_id}`);
  const paid = tier.access_info.type !== "free";
  if (paid && body.skip_payment !== true) {
    throw badRequest(
      `Tier ${tier.id} ("${tier.name}") is paid: set \`skip_payment: true\` when the payment is handled outside Luma`,
    );
  }
  const contact = store.ensureContact(store.ensureUser(body.email));
  const current = contact.membership;
  if (current && current.status !== "declined") {
    const currentTier = store.state.tiers.get(current.tier_id)?.name ?? current.tier_id;
    throw badRequest(`${body.email} already has a membership (${current.status}, tier "${currentTier}")`);
  }
  const status: MembershipStatus = tier.access_info.require_approval ? "pending" : "approved";
  contact.membership = { id: current?.id ?? store.newId("mbr"), status, tier_id: tier.id };
  return { membership_id: contact.membership.id, status };
}

function updateMemberStatus(body: UpdateMemberStatusBody, store: Store) {
  const contact = store.findContact(body.user_id);
  if (!contact?.membership) throw notFound(`No membership found for ${body.user_id}`);
  // Approving captures a pending payment, so `approved-pending-payment` also becomes `approved`.
  contact.membership.status = body.status;
  return {};
}

export const membershipRoutes = [
  get("/v1/memberships/tiers/list", (query, store) =>
    paginate([...store.state.tiers.values()], query, tierView),
  ),
  post<AddMemberBody>("/v1/memberships/members/add", addMember),
  post<UpdateMemberStatusBody>("/v1/memberships/members/update-status", updateMemberStatus),
];
