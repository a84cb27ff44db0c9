// A human says yes before an agent emails people, comps tickets, charges, refunds or deletes. Where the
// client can ask its user (form elicitation on 2025 connections, an input request on 2026-07-28 ones: the
// SDK turns one into the other), the server asks a short concrete question and sends only on a yes. Where
// it cannot, LUMA_CONFIRM decides: "auto" goes ahead as before, except for writes to more people than
// LUMA_CONFIRM_OVER; "always" answers with a preview and a sealed, short-lived confirmation token that only
// the same call may use once; "never" never asks (automation).
import {
  type CallToolResult,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
} from "@modelcontextprotocol/server";
import { targetsOf } from "../audit.js";
import type { Config, ConfirmMode } from "../config.js";
import type { LumaClient } from "../luma/client.js";
import { Sealer } from "../seal.js";
import { type Consequence, TOKEN_PARAM, type Tool } from "../tools/define.js";
import { RepeatGuard } from "./repeat-guard.js";
import { WIRE_PREFIX } from "./results.js";

/** How long a preview's token may be used. */
const TOKEN_TTL_MS = 10 * 60_000;

export interface ConfirmSettings {
  mode: ConfirmMode;
  /** Writes to more people than this ask even in "auto" mode. */
  over: number;
  sealer: Sealer;
  /**
   * Marks a token's nonce used until `expires` (epoch ms); false when it already was. Default: in this
   * process; HTTP replicas pass their shared state's, so a token confirms one call across all of them.
   */
  claim?: ClaimOnce;
}

export type ClaimOnce = (nonce: string, expires: number) => Promise<boolean>;

/** Nonces used in this process, until they expire. */
export function memoryClaims(): ClaimOnce {
  const used = new Map<string, number>();
  return async (nonce, expires) => {
    const now = Date.now();
    for (const [earlier, until] of used) if (until < now) used.delete(earlier);
    if (used.has(nonce)) return false;
    used.set(nonce, expires);
    return true;
  };
}

/** The confirmation step as the settings ask for it (LUMA_CONFIRM, LUMA_CONFIRM_OVER, LUMA_STATE_SECRET). */
export function confirmationsFor(
  config: Pick<Config, "confirm" | "confirmOver" | "stateSecret">,
  claim?: ClaimOnce,
): Confirmations {
  return new Confirmations({
    mode: config.confirm,
    over: config.confirmOver,
    sealer: new Sealer(config.stateSecret),
    claim,
  });
}

/** What the client of this very request can do, as the server instance saw it. */
export interface Asker {
  /** The client declared form elicitation (2025) or sent it in its request envelope (2026-07-28). */
  canAsk: boolean;
  /** The answers of a request retried after an input request (both eras). */
  responses?: Record<string, unknown>;
  requestState?: string;
}

/** How a confirmed call was confirmed, for the audit log. */
export type Confirmed = "user" | "token" | "not asked";

export type Decision =
  | { go: true; confirmed: Confirmed }
  | {
      go: false;
      result: CallToolResult | InputRequiredResult;
      outcome: "declined" | "preview" | "asked" | "refused";
    };

/** The fields of a Luma body or query that name the people a write reaches. */
const PEOPLE_LISTS = ["guests", "emails", "user_ids", "contacts"];
const PERSON_FIELDS = ["guest_id", "user_id", "email"];

/** How many people a write reaches: the lengths of its people lists, or one for a single person. */
export function peopleReached(fields: Record<string, unknown>): number {
  const listed = PEOPLE_LISTS.reduce((sum, name) => {
    const list = fields[name];
    return sum + (Array.isArray(list) ? list.length : 0);
  }, 0);
  if (listed > 0) return listed;
  return PERSON_FIELDS.some((name) => typeof fields[name] === "string") ? 1 : 0;
}

/** The consequences this call has: "emails" unless send_email is false, "refunds" only with should_refund. */
export function consequencesOf(tool: Tool, fields: Record<string, unknown>): Consequence[] {
  return tool.consequences.filter((consequence) => {
    if (consequence === "emails") return fields.send_email !== false;
    if (consequence === "refunds") return fields.should_refund === true;
    return true;
  });
}

interface EventFacts {
  name: string;
  when?: string;
}

/** The event a call is about, as a person knows it: its name and day ("Fri 4 Dec"). */
async function eventFacts(
  client: LumaClient,
  eventId: unknown,
  signal: AbortSignal,
): Promise<EventFacts | undefined> {
  if (typeof eventId !== "string" || eventId === "") return undefined;
  try {
    const data = (await client.request({
      method: "GET",
      path: "/v1/events/get",
      query: { event_id: eventId },
      signal,
    })) as { name?: unknown; start_at?: unknown; timezone?: unknown };
    const event = data;
    if (typeof event?.name !== "string") return undefined;
    let when: string | undefined;
    if (typeof event.start_at === "string") {
      const timeZone = typeof event.timezone === "string" ? event.timezone : "UTC";
      try {
        when = new Intl.DateTimeFormat("en-GB", {
          weekday: "short",
          day: "numeric",
          month: "short",
          timeZone,
        }).format(new Date(event.start_at));
      } catch {
        when = undefined;
      }
    }
    return { name: event.name, when };
  } catch {
    // The question still goes out, naming the event by its ID.
    return undefined;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The question a person is asked: what happens, to how many people, with email or money, on which event. */
export async function question(
  tool: Tool,
  fields: Record<string, unknown>,
  client: LumaClient,
  signal: AbortSignal,
): Promise<string> {
  const effects = consequencesOf(tool, fields);
  const people = peopleReached(fields);
  const facts = await eventFacts(client, fields.event_id, signal);
  const event = facts
    ? `'${facts.name}'${facts.when ? ` (${facts.when})` : ""}`
    : typeof fields.event_id === "string"
      ? `event ${fields.event_id}`
      : undefined;
  const emails = effects.includes("emails");
  switch (tool.name) {
    case "AddEventGuests":
      return `Add ${plural(people, "guest")} to ${event} as Going with a free ticket${emails ? ` and email ${people === 1 ? "them" : "each of them"}` : " without emailing them"}?`;
    case "SendGuestEventInvite":
      return `Invite ${plural(people, "person", "people")} to ${event} by email and SMS, now?`;
    case "UpdateGuestStatus":
      return `Set guest ${String(fields.guest_id)} of ${event} to ${String(fields.status)}${emails ? ", emailing them" : ""}${effects.includes("refunds") ? ", and refund their payment" : ""}?`;
    case "CancelEvent":
      return `Cancel ${event} for everyone, email all its guests${effects.includes("refunds") ? " and refund those who paid" : ""}? It cannot be undone.`;
    case "UpdateMembershipStatus":
      return fields.status === "approved"
        ? `Approve member ${String(fields.user_id)}? This captures their membership payment.`
        : `Decline member ${String(fields.user_id)}? This cancels their membership subscription.`;
    default: {
      const targets = Object.values(targetsOf(fields))
        .filter((value) => typeof value === "string")
        .join(", ");
      const does = effects.map((effect) => EFFECT_WORDS[effect]).join(", ");
      const whom = people > 1 ? ` for ${plural(people, "person", "people")}` : "";
      return `${tool.title}${targets ? ` (${targets})` : ""}${event && !targets.includes(String(fields.event_id)) ? ` on ${event}` : ""}${whom}: this ${does}. Go ahead?`;
    }
  }
}

const EFFECT_WORDS: Record<Consequence, string> = {
  emails: "emails people",
  texts: "texts people",
  comps: "gives free tickets",
  charges: "charges or cancels a payment",
  refunds: "refunds money",
  deletes: "deletes it for good",
  cancels: "cancels it for everyone",
};

const CONFIRM_KEY = "confirm";

/** The form a person answers: one yes/no. */
const FORM = {
  type: "object" as const,
  properties: { [CONFIRM_KEY]: { type: "boolean" as const, title: "Go ahead?" } },
  required: [CONFIRM_KEY],
};

const NOT_SENT =
  "Nothing was sent to Luma and no one was contacted. Do not call again unless the user asks for it.";

/**
 * Whether this call may go to Luma now: yes (confirmed, or needing no confirmation), or a result to return
 * instead (the question, a preview with a token, a refusal, or what the user answered).
 */
export class Confirmations {
  /** Marks a token used: a token confirms one call. */
  private readonly claim: ClaimOnce;

  constructor(private readonly settings: ConfirmSettings) {
    this.claim = settings.claim ?? memoryClaims();
  }

  async decide(
    tool: Tool,
    args: Record<string, unknown>,
    fields: Record<string, unknown>,
    asker: Asker,
    client: LumaClient,
    signal: AbortSignal,
  ): Promise<Decision> {
    const settings = this.settings;
    if (settings.mode === "never" || consequencesOf(tool, fields).length === 0) {
      return { go: true, confirmed: "not asked" };
    }
    const fingerprint = RepeatGuard.key(tool.name, fields) as string;
    const token = args[TOKEN_PARAM];
    if (typeof token === "string") return this.checkToken(token, tool, fingerprint);

    const answer = inputResponse(asker.responses, CONFIRM_KEY);
    if (answer.kind === "elicit") {
      const state = asker.requestState ? settings.sealer.open(asker.requestState) : undefined;
      if (state?.tool !== tool.name || state.fingerprint !== fingerprint) {
        return refuse("the answer does not belong to this call (its arguments changed).");
      }
      if (typeof state.expires !== "number" || state.expires < Date.now()) {
        return refuse("the answer came too late; call again for a new question.");
      }
      if (answer.action === "accept" && answer.content?.[CONFIRM_KEY] === true) {
        return { go: true, confirmed: "user" };
      }
      const how = answer.action === "cancel" ? "dismissed the question" : "said no";
      return {
        go: false,
        outcome: "declined",
        result: { content: [{ type: "text", text: `Not sent: the user ${how}. ${NOT_SENT}` }] },
      };
    }

    // Cancelling an event reaches all its guests, however few the call names: it counts as bulk.
    const bulk = peopleReached(fields) > settings.over || consequencesOf(tool, fields).includes("cancels");
    if (!asker.canAsk && settings.mode === "auto" && !bulk) return { go: true, confirmed: "not asked" };
    const text = await question(tool, fields, client, signal);
    if (asker.canAsk) {
      const requestState = settings.sealer.seal({
        tool: tool.name,
        fingerprint,
        expires: Date.now() + TOKEN_TTL_MS,
      });
      return {
        go: false,
        outcome: "asked",
        result: inputRequired({
          inputRequests: { [CONFIRM_KEY]: inputRequired.elicit({ message: text, requestedSchema: FORM }) },
          requestState,
        }),
      };
    }
    const sealed = settings.sealer.seal({
      tool: tool.name,
      fingerprint,
      expires: Date.now() + TOKEN_TTL_MS,
      nonce: Math.random().toString(36).slice(2),
    });
    const why =
      settings.mode === "always"
        ? "LUMA_CONFIRM is always"
        : peopleReached(fields) > settings.over
          ? `it reaches ${peopleReached(fields)} people, over LUMA_CONFIRM_OVER (${settings.over})`
          : "it cancels an event for all its guests";
    return {
      go: false,
      outcome: "preview",
      result: {
        content: [
          {
            type: "text",
            text: `Not sent yet: this needs the user's yes (${why}). It would: ${text} Ask the user. Only if they agree, call ${WIRE_PREFIX}${tool.name} again with the same arguments and ${TOKEN_PARAM}: "${sealed}" (valid ${TOKEN_TTL_MS / 60_000} minutes, once).`,
          },
        ],
      },
    };
  }

  private async checkToken(token: string, tool: Tool, fingerprint: string): Promise<Decision> {
    const payload = this.settings.sealer.open(token);
    if (!payload) return refuse(`${TOKEN_PARAM} is not a token this server issued.`);
    if (payload.tool !== tool.name) {
      return refuse(`${TOKEN_PARAM} was issued for ${WIRE_PREFIX}${String(payload.tool)}, not this tool.`);
    }
    if (payload.fingerprint !== fingerprint) {
      return refuse(
        `${TOKEN_PARAM} was issued for other arguments; a changed call needs the user's yes again. Call without the token for a new preview.`,
      );
    }
    const now = Date.now();
    if (typeof payload.expires !== "number" || payload.expires < now) {
      return refuse(
        `${TOKEN_PARAM} has expired. Call without the token for a new preview, and ask the user again.`,
      );
    }
    if (!(await this.claim(String(payload.nonce), payload.expires))) {
      return refuse(
        `${TOKEN_PARAM} was already used: a token confirms one call. Call without it for a new preview.`,
      );
    }
    return { go: true, confirmed: "token" };
  }
}

function refuse(text: string): Decision {
  return {
    go: false,
    outcome: "refused",
    result: { isError: true, content: [{ type: "text", text: `Not sent: ${text}` }] },
  };
}
