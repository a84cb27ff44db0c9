// LUMA_AUDIT_LOG: one JSON line per write attempt, appended to a file, for whoever answers for the calendar
// afterwards: when, which tool, which IDs, how many people, whether a person confirmed, and what came of it.
// Never the key, never a body, never an email: IDs and counts only (an ID field holding an email is hashed).
// Lines are written synchronously, so none is lost when the process exits (stdin closed, SIGTERM, a fatal
// error); a write still waiting for Luma when the process exits gets its line then, its outcome unknown.
import { closeSync, openSync, writeSync } from "node:fs";
import { ConfigError } from "./config.js";
import type { Log } from "./log.js";

export interface AuditEntry {
  tool: string;
  /** The IDs the write names (event_id, guest_id, tag_id...), and lists of IDs; emails hashed. */
  targets: Record<string, unknown>;
  people: number;
  confirmed: "user" | "token" | "not asked" | "declined" | "preview" | "asked" | "refused";
  /** The OAuth grant that made the write (LUMA_HTTP_AUTH=oauth): which sign-in, never which key. */
  grant?: string;
  /** accepted, refused (Luma said no), not_sent, unknown (it may have happened), or not sent for confirmation. */
  outcome: string;
}

export interface Audit {
  /** One attempt whose outcome is known now (not sent, refused before Luma). */
  write(entry: AuditEntry): void;
  /**
   * A write about to be sent: call the answer with its outcome. Should the process exit first, the line is
   * written at exit with the outcome "unknown".
   */
  begin(entry: Omit<AuditEntry, "outcome">): (outcome: string) => void;
}

/** LUMA_AUDIT_LOG's audit log, or none when it is unset. Throws ConfigError when the file cannot be opened. */
export function auditFor(config: { auditLog: string | undefined }, log: Log): Audit | undefined {
  return config.auditLog ? fileAudit(config.auditLog, log) : undefined;
}

/**
 * Appends to `path` (created with mode 0600), in call order. A file that cannot be opened stops the start;
 * a later failure to write is logged once to stderr and the calls go on.
 */
export function fileAudit(path: string, log: Log): Audit {
  let fd: number | undefined;
  try {
    fd = openSync(path, "a", 0o600);
  } catch (error) {
    throw new ConfigError(
      `LUMA_AUDIT_LOG: cannot open ${path} for appending (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix the path or its permissions, or unset it.`,
    );
  }
  let warned = false;
  const pending = new Set<Omit<AuditEntry, "outcome">>();
  const append = (entry: AuditEntry) => {
    if (fd === undefined) return;
    try {
      writeSync(fd, `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    } catch (error) {
      if (!warned)
        log(`LUMA_AUDIT_LOG: cannot append to the audit log (${(error as Error).message}); calls go on.`);
      warned = true;
    }
  };
  const atExit = () => {
    for (const entry of pending) append({ ...entry, outcome: "unknown" });
    pending.clear();
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  process.once("exit", atExit);
  return {
    write: append,
    begin: (entry) => {
      pending.add(entry);
      return (outcome) => {
        if (!pending.delete(entry)) return;
        append({ ...entry, outcome });
      };
    },
  };
}
