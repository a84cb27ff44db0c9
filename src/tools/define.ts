// The two shapes of tool. A tool file only says *what* (endpoint, parameters, the Luma field each feeds);
// this file turns that into a Tool: its input schema and how its arguments become Luma's fields. Running a
// call (guard, send, record, format) is one pipeline for every tool, in call.ts.
import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { QueryValue } from "../luma/client.js";
import { InputError, TWIN_NAMES, WIRE_PREFIX } from "./contract.js";

/** The tool groups of --toolsets; each tool is in exactly one. */
export const TOOLSETS = [
  "events",
  "guests",
  "tickets",
  "coupons",
  "contacts",
  "memberships",
  "account",
  "webhooks",
  "event-tags",
  "submissions",
  "calendar-admin",
  "organization",
] as const;
export type Toolset = (typeof TOOLSETS)[number];

/**
 * The toolsets whose every tool is opt-in: served only when the toolset or the tool is named, or with
 * `--toolsets all`. Opt-in tools of the other toolsets say so themselves (`optIn`).
 */
export const OPT_IN_TOOLSETS: ReadonlySet<Toolset> = new Set([
  "webhooks",
  "event-tags",
  "submissions",
  "calendar-admin",
  "organization",
]);

const hints = (readOnly: boolean, destructive: boolean, idempotent: boolean): ToolAnnotations => ({
  readOnlyHint: readOnly,
  destructiveHint: destructive,
  idempotentHint: idempotent,
  openWorldHint: true,
});

/** The annotation sets the tools use (readOnly / destructive / idempotent). */
export const HINTS = {
  /** R / - / I */
  read: hints(true, false, true),
  /** - / - / - : makes something new, or sends email; twice is two. */
  create: hints(false, false, false),
  /** - / - / I : adds to a set; twice is the same as once. */
  add: hints(false, false, true),
  /** - / D / I : overwrites or removes. */
  update: hints(false, true, true),
  /** - / D / - : overwrites and notifies, so a repeat notifies again. */
  notify: hints(false, true, false),
} as const;

/** What a tool makes of its parsed arguments: a request for Luma, or an answer that needs none. */
export type Prepared =
  | { query?: Record<string, QueryValue>; body?: Record<string, unknown> }
  | { answer: CallToolResult };

/**
 * What serving a tool needs before its first call: selecting it, its tools/list entry (list-entry.ts), the
 * instructions and the start-up line. Data only (no zod, no functions), so that scripts/build.mjs can inline
 * every tool's summary and a built server starts without evaluating the toolset files (catalog.ts).
 */
export interface ToolSummary {
  /** The LumaApi toolkit's name, e.g. "GetEventAdminInfo". */
  name: string;
  /** The MCP name, e.g. "LumaApi_GetEventAdminInfo". */
  wireName: string;
  title: string;
  /** Its description with each [[segment]] that mentions another tool marked (see describeFor). */
  source: string;
  /**
   * The tools its description and its parameters' descriptions mention, each inside a [[segment]] that is
   * left out when it is not served.
   */
  mentions: readonly string[];
  annotations: ToolAnnotations;
  toolset: Toolset;
  /** "params": tool parameters map onto Luma fields; "body": `mode` + `request_body` (get_request_schema / execute). */
  kind: "params" | "body";
  /** The kind of ID its answers list ("events", "guests"): where the model is told to find such IDs. */
  listsIds?: string;
  /**
   * Left out of the default selection: served only when its toolset or the tool itself is named, or with
   * `--toolsets all` (see select.ts). The default list is the tools without it.
   */
  optIn: boolean;
  /** Its answers carry text that guests or other people wrote: marked as data in every result. */
  untrusted: boolean;
  /** The tool parameter that carries Luma's pagination_cursor, when the tool pages. */
  cursorParam?: string;
}

/** A tool's summary: its ToolSummary fields and no others (what scripts/build.mjs inlines). */
export function summaryOf(tool: ToolSummary): ToolSummary {
  const { name, wireName, title, source, mentions, annotations, toolset, kind } = tool;
  const { listsIds, optIn, untrusted, cursorParam } = tool;
  return {
    name,
    wireName,
    title,
    source,
    mentions,
    annotations,
    toolset,
    kind,
    listsIds,
    optIn,
    untrusted,
    cursorParam,
  };
}

export interface Tool extends ToolSummary {
  /** As the model reads it when every tool it mentions is served. */
  description: string;
  method: "GET" | "POST";
  path: string;
  /** The read tool that shows this tool's effect (named in empty-answer and unknown-outcome texts). */
  readWith?: string;
  /** A non-idempotent write whose repeat makes nothing anyone sees (an upload URL): the repeat guard lets it be. */
  repeatable: boolean;
  /** What it does to people, money or access; empty when it only changes records (then `ask` is unset). */
  consequences: readonly Consequence[];
  /** How a person is asked before it is sent (see calls/confirm.ts); set exactly when it has consequences. */
  ask?: Ask;
  /** The tool parameter that carries Luma's pagination_limit, when the tool pages. */
  limitParam?: string;
  /** The Luma fields this tool can send by itself (query or body); body tools send what the caller gives. */
  fields: string[];
  /** Its arguments' schema, made on first use (see Param). */
  readonly input: z.ZodObject;
  /**
   * Other names it takes for its parameters: `event_id`, `limit` and `cursor` work on every tool with an
   * event ID, a page size or a cursor, whatever the seed named them there, without being listed in its
   * schema (where every model would pay for them on every request).
   */
  aliases?: Readonly<Record<string, string>>;
  /** Parsed arguments -> what to send. Throws InputError for arguments Luma would refuse. */
  prepare(args: Record<string, unknown>): Prepared | Promise<Prepared>;
  /** For a route that ignores some tool options: applies them to Luma's answer. */
  reshape?: (data: unknown, args: Record<string, unknown>) => unknown;
}

/**
 * One tool parameter: the description the model sees, its zod type and the Luma field it feeds. The type is
 * made when the tool's input schema is first needed (its first call), not when the toolset files load: the
 * call pipeline loads them all, and building every tool's zod schemas would delay the first call.
 */
export interface Param {
  description: string;
  /** Makes its zod type (without the description, which `description` holds). */
  type: () => z.ZodType;
  /** Luma's field (query or body). */
  field?: string;
  /** The route ignores this field: the server applies it to Luma's answer itself (see `reshape`). */
  local?: boolean;
  /** Required by the tool itself (most are optional there, with Luma requiring one of a twin pair). */
  required?: boolean;
  /** How the value travels, when not as given (e.g. comma-separated -> repeated query params). */
  encode?: (value: never) => QueryValue;
}

/**
 * What a write does to people, money or access, beyond the calendar's own records: what a person should
 * agree to before an agent does it. "emails" holds unless the body's send_email is false, "refunds" only
 * with should_refund.
 */
export type Consequence =
  | "emails"
  | "texts"
  | "comps"
  | "charges"
  | "refunds"
  | "deletes"
  | "cancels"
  | "grants"
  | "exports"
  | "blocks";

/** "1 guest", "3 guests". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Each consequence in words, for docs/confirmations.md and the previews. */
export const CONSEQUENCE_WORDS: Record<Consequence, string> = {
  emails: "emails people",
  texts: "texts people",
  comps: "gives free tickets",
  charges: "charges or cancels a payment",
  refunds: "refunds money",
  deletes: "deletes it",
  cancels: "cancels the event for everyone",
  grants: "gives someone access",
  exports: "sends calendar data, guests included, to a URL",
  blocks: "blocks a person",
};

/**
 * What a question may say about a call, as a person knows it. Every text that came from Luma or from the
 * caller is already quoted (`quote`): one line, capped, in double quotes, so it cannot pose as the question.
 */
export interface QuestionFacts {
  /** The Luma fields the call sends. */
  fields: Record<string, unknown>;
  /** Its consequences, narrowed by its own fields (send_email: false, should_refund). */
  effects: readonly Consequence[];
  /** How many people its fields name (guests, emails, user IDs...). */
  people: number;
  /** The event: its quoted name and day ("Board Game Social" (Fri 4 Dec)), or "event evt-..." . */
  event: string;
  /** How many guests the event has (Luma's guest_counts), when Luma said. */
  eventGuests?: number;
  /** The guest of guest_id: quoted name and email, or "guest gst-..." . */
  guest: string;
  /** The ticket type of event_ticket_type_id, by its quoted name. */
  ticketType: string;
  /** The person tag of tag_id, by its quoted name. */
  tag: string;
  /** Quotes a value for the question (one line, capped, in double quotes). */
  quote(value: unknown): string;
}

/** What a question needs looked up in Luma, besides the event (always, when the call names one). */
export type Lookup = "guest" | "ticketType" | "tag";

/** How a tool with consequences asks: its question, and when its call has them at all. */
export interface Ask {
  question(facts: QuestionFacts): string;
  /** The call has its consequences only when this holds (UpdateEvent: a change guests are told about). */
  when?: { test(fields: Record<string, unknown>): boolean; says: string };
  /** It reaches every guest of the event, however few it names: counted as the event's guests. */
  everyGuest?: boolean;
  /**
   * The Luma field that, set to false, sends no email (send_email): only a route that takes it may say so,
   * or an agent could silence the question of any other route with a field Luma ignores.
   */
  quietWith?: string;
  lookups?: readonly Lookup[];
}

/** The argument that brings back a preview's confirmation token (tools with consequences only). */
export const TOKEN_PARAM = "confirmation_token";

const tokenSchema = () => z.string().describe("From a preview the user approved.");

interface Common {
  name: string;
  title: string;
  description: string;
  hints: ToolAnnotations;
  /** The read tool that shows a write's effect (named in empty-answer and unknown-outcome texts). */
  readWith?: string;
  /** The kind of ID its answers list ("events", "guests"): instructions and not-found advice name it. */
  listsIds?: string;
  /** Not idempotent, yet a repeat makes nothing anyone sees (an upload URL): exempt from the repeat guard. */
  repeatable?: boolean;
  /**
   * What it does to people, money or access (emails, charges, deletes...), and how a person is asked first;
   * unset when it only changes records.
   */
  confirm?: Ask & { consequences: Consequence[] };
  /** Opt-in in a toolset that is served by default (tools of OPT_IN_TOOLSETS are opt-in anyway). */
  optIn?: boolean;
  /** Its answers carry text that guests or other people wrote (names, answers, descriptions). */
  untrusted?: boolean;
}

export interface ParamToolSpec extends Common {
  method: "GET" | "POST";
  path: string;
  params: Record<string, Param>;
  /** Luma fields that must be given under one of their parameter names. */
  requires?: string[];
  /** Luma fields of which at least one must be given (e.g. a contact by contact_id or email). */
  requiresAny?: string[];
  /** For a route that ignores some tool options (ListPersonTags): applies them to Luma's answer. */
  reshape?: (data: unknown, args: Record<string, unknown>) => unknown;
}

export interface BodyToolSpec extends Common {
  path: string;
  /** The body's required fields, as the bundled schema has them (a test holds the two together). */
  required: string[];
  /** Newer body fields that the published schema lacks: sent as given, not validated. */
  unvalidated?: string[];
}

type Define<S> = (toolset: Toolset, spec: S) => Tool;

/** `make`'s value, made on the first call and kept (a tool's input schema: see Param). */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/** The tool parameters that feed one Luma field (twins), in declaration order. */
function paramNames(params: Record<string, Param>, field: string): string[] {
  return Object.keys(params).filter((name) => params[name]?.field === field);
}

/** A tool whose tool parameters map one by one onto Luma's query or body fields. */
export const defineParamTool: Define<ParamToolSpec> = (toolset, spec) => {
  const input = once(() => {
    const shape: Record<string, z.ZodType> = {};
    for (const [name, param] of Object.entries(spec.params)) {
      const schema = param.type().describe(param.description);
      shape[name] = param.required ? schema : schema.optional();
    }
    if (spec.confirm) shape[TOKEN_PARAM] = tokenSchema().optional();
    return z.strictObject(shape);
  });
  const needs = (spec.requires ?? []).map((field) => {
    const names = paramNames(spec.params, field);
    return names.length > 2 ? `one of ${names.join(", ")}` : names.join(" or ");
  });
  if (spec.requiresAny?.length) {
    needs.push(spec.requiresAny.flatMap((field) => paramNames(spec.params, field)).join(" or "));
  }
  const description = needs.length ? `${spec.description} Give ${needs.join(", and ")}.` : spec.description;
  const fields = [
    ...new Set(Object.values(spec.params).flatMap((p) => (p.field && !p.local ? [p.field] : []))),
  ];

  return {
    ...identity({ ...spec, description }, toolset, spec.params),
    kind: "params",
    method: spec.method,
    path: spec.path,
    fields,
    get input() {
      return input();
    },
    aliases: aliasesOf(spec.params),
    prepare: (args) => {
      const values = mapToFields(spec, args);
      return spec.method === "GET" ? { query: values as Record<string, QueryValue> } : { body: values };
    },
    reshape: spec.reshape,
  };
};

/** `event_id`, `limit` and `cursor`, where the tool names them otherwise: each to its first parameter of that field. */
function aliasesOf(params: Record<string, Param>): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const [alias, field] of Object.entries(TWIN_NAMES)) {
    const name = paramNames(params, field)[0];
    if (name && !(alias in params)) aliases[alias] = name;
  }
  return aliases;
}

/** Tool arguments -> Luma fields: twins must agree, required fields must be present. */
function mapToFields(spec: ParamToolSpec, args: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const givenAs: Record<string, string> = {};
  for (const [name, param] of Object.entries(spec.params)) {
    const value = args[name];
    if (value === undefined || !param.field || param.local) continue;
    const encoded = param.encode ? param.encode(value as never) : value;
    const field = param.field;
    if (field in values && JSON.stringify(values[field]) !== JSON.stringify(encoded)) {
      throw new InputError(
        `${givenAs[field]} and ${name} both set Luma's ${field} but differ (${JSON.stringify(args[givenAs[field] as string])} vs ${JSON.stringify(value)}); pass one of them.`,
      );
    }
    values[field] = encoded;
    givenAs[field] = name;
  }
  const missing = (field: string) => values[field] === undefined || values[field] === "";
  for (const field of spec.requires ?? []) {
    if (missing(field)) {
      throw new InputError(`${field} is required: pass ${paramNames(spec.params, field).join(" or ")}.`);
    }
  }
  const any = spec.requiresAny ?? [];
  if (any.length > 0 && any.every(missing)) {
    const names = any.flatMap((field) => paramNames(spec.params, field));
    throw new InputError(`Pass ${names.join(" or ")}.`);
  }
  return values;
}

// Said once per body tool (17 copies), so every word counts; the server instructions say when to use which.
const MODE_DESCRIPTION = "execute sends request_body; get_request_schema only returns its JSON Schema.";

/** A write whose Luma body is too rich for flat parameters: `mode` + `request_body`, checked against the spec. */
export const defineBodyTool: Define<BodyToolSpec> = (toolset, spec) => {
  const input = once(() =>
    z.strictObject({
      mode: z.enum(["get_request_schema", "execute"]).describe(MODE_DESCRIPTION),
      request_body: z
        .union([z.string(), z.record(z.string(), z.unknown())])
        .optional()
        .describe("The body as a JSON object string; required for execute."),
      ...(spec.confirm ? { [TOKEN_PARAM]: tokenSchema().optional() } : {}),
    }),
  );
  const description = `${spec.description}${spec.required.length ? ` Body requires ${spec.required.join(", ")}.` : ""}`;

  return {
    ...identity({ ...spec, description }, toolset),
    kind: "body",
    method: "POST",
    path: spec.path,
    fields: spec.required,
    get input() {
      return input();
    },
    prepare: async (args) => {
      // Loaded on first use: the schemas and their validator cost start-up time most sessions never need.
      const bodies = await import("../calls/request-bodies.js");
      if (args.mode === "get_request_schema") {
        return {
          answer: { content: [{ type: "text", text: JSON.stringify(bodies.requestSchema(spec.path)) }] },
        };
      }
      return { body: bodies.checkBody(spec.path, args.request_body, spec) };
    },
  };
};

/** A [[segment]] of a description: text that mentions another tool, shown only when that tool is served. */
const MENTION = /\[\[([^\]]*)\]\]/g;
/** A tool's name as it stands in a description (CamelCase, two words or more). */
const TOOL_NAME = /\b[A-Z][a-z]+(?:[A-Z][A-Za-z]*)+\b/g;

/** The description with each [[segment]] kept only when every tool it names is served. */
export function describeFor(source: string, serves: (name: string) => boolean): string {
  return source.replace(MENTION, (_, inner: string) =>
    (inner.match(TOOL_NAME) ?? []).every(serves) ? inner : "",
  );
}

function identity(spec: Common, toolset: Toolset, params: Record<string, Param> = {}) {
  if (spec.confirm && spec.confirm.consequences.length === 0) {
    throw new Error(`${spec.name}: confirm needs at least one consequence`);
  }
  return {
    name: spec.name,
    wireName: `${WIRE_PREFIX}${spec.name}`,
    title: spec.title,
    description: describeFor(spec.description, () => true),
    mentions: [spec.description, ...Object.values(params).map((param) => param.description)]
      .flatMap((text) => [...text.matchAll(MENTION)])
      .flatMap(([, inner]) => inner?.match(TOOL_NAME) ?? []),
    source: spec.description,
    annotations: spec.hints,
    toolset,
    readWith: spec.readWith,
    listsIds: spec.listsIds,
    repeatable: spec.repeatable ?? false,
    consequences: spec.confirm?.consequences ?? [],
    ask: spec.confirm
      ? {
          question: spec.confirm.question,
          when: spec.confirm.when,
          everyGuest: spec.confirm.everyGuest,
          quietWith: spec.confirm.quietWith,
          lookups: spec.confirm.lookups,
        }
      : undefined,
    optIn: spec.optIn ?? OPT_IN_TOOLSETS.has(toolset),
    untrusted: spec.untrusted ?? false,
    cursorParam: paramNames(params, "pagination_cursor")[0],
    limitParam: paramNames(params, "pagination_limit")[0],
  };
}
