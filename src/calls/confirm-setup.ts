// What the server needs of the confirmation step before its first call: the settings it is built from and how
// long a question waits. The step itself (confirm.ts) is loaded with the call pipeline, on first use.
import type { Config } from "../config.js";

/**
 * How long a question waits for its answer: a 2025 connection's elicitation round, and the life of a
 * 2026-07-28 request state, so both eras accept an answer for the same time.
 */
export const ANSWER_WINDOW_MS = 5 * 60_000;

/**
 * Marks a nonce used until `expires` (epoch ms); false when it already was. Default: in this process; HTTP
 * replicas pass their shared state's, so a token or an answer confirms one call across all of them.
 */
export type ClaimOnce = (nonce: string, expires: number) => Promise<boolean>;

/** LUMA_CONFIRM, LUMA_CONFIRM_OVER and LUMA_STATE_SECRET, and where used tokens are recorded (`claim`). */
export type ConfirmSetup = Pick<Config, "confirm" | "confirmOver" | "stateSecret"> & { claim?: ClaimOnce };
