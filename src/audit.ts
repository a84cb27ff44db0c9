// LUMA_AUDIT_LOG: one JSON line per write attempt, appended to a file, for whoever answers for the calendar
// afterwards: when, which tool, which IDs, how many people, whether a person confirmed, and what came of it.
// Never the key, and never a body: IDs and counts only.
import { appendFile } from "node:fs/promises";
import type { Log } from "./log.js";

export interface AuditEntry {
  tool: string;
  /** The IDs the write names (event_id, guest_id, tag_id...), and lists of IDs. */
  targets: Record<string, unknown>;
  people: number;
  confirmed: "user" | "token" | "not asked" | "declined" | "preview" | "asked" | "refused";
  /** The OAuth grant that made the write (LUMA_HTTP_AUTH=oauth): which sign-in, never which key. */
  grant?: string;
  /** accepted, refused (Luma said no), not_sent, unknown (it may have happened), or not sent for confirmation. */
  outcome: string;
}

export type Audit = (entry: AuditEntry) => void;

/** LUMA_AUDIT_LOG's audit log, or none when it is unset. */
export function auditFor(config: { auditLog: string | undefined }, log: Log): Audit | undefined {
  return config.auditLog ? fileAudit(config.auditLog, log) : undefined;
}

/** The IDs a Luma body or query names: fields called id, *_id or *_ids with string values. */
export function targetsOf(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([name, value]) =>
        (/(^|_)id$/.test(name) && typeof value === "string") ||
        (/_ids$/.test(name) && Array.isArray(value) && value.every((item) => typeof item === "string")),
    ),
  );
}

/** Appends in call order; a failed write is logged once to stderr and the calls go on. */
export function fileAudit(path: string, log: Log): Audit {
  let chain = Promise.resolve();
  let warned = false;
  return (entry) => {
    const line = `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
    chain = chain.then(() =>
      appendFile(path, line, { mode: 0o600 }).catch((error: Error) => {
        if (!warned) log(`LUMA_AUDIT_LOG: cannot append to the audit log (${error.message}); calls go on.`);
        warned = true;
      }),
    );
  };
}
