// The targets an audit line names (see src/audit.ts): the IDs a write's Luma fields carry, emails hashed.
// Part of the call pipeline, loaded with the first call; node:crypto loads with the first email it hashes.
import { nodeCrypto } from "../node-crypto.js";

const EMAIL = /@/;

/** An email as the audit log may keep it: a short hash, the same for the same address, not the address. */
function maskEmail(value: string): string {
  return `email:${nodeCrypto()
    .createHash("sha256")
    .update(value.trim().toLowerCase())
    .digest("hex")
    .slice(0, 12)}`;
}

const masked = (value: string) => (EMAIL.test(value) ? maskEmail(value) : value);

/** The IDs a Luma body or query names: fields called id, *_id or *_ids with string values; emails hashed. */
export function targetsOf(fields: Record<string, unknown>): Record<string, unknown> {
  const targets: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (/(^|_)id$/.test(name) && typeof value === "string") targets[name] = masked(value);
    else if (/_ids$/.test(name) && Array.isArray(value) && value.every((item) => typeof item === "string")) {
      targets[name] = value.map(masked);
    }
  }
  return targets;
}
