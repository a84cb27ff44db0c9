// Sandbox tests: a started sandbox plus a fetch wrapper that speaks to it the way Luma's clients do
// (x-luma-api-key header, query strings for GET, JSON bodies for POST).

import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import type { RunningSandbox } from "../../src/sandbox/listen.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { createAjv } from "../../src/schemas/ajv.js";
import responseSchemas from "../fixtures/luma-response-schemas.json" with { type: "json" };

/** A fixed clock, so expectations about dates do not depend on when the tests run. */
export const NOW = new Date("2026-09-15T12:34:56.000Z");
export const KEY = "sandbox-test-key";

/** A JSON answer: tests inspect it with assertions (and schemas), so it is left untyped on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: answers are checked by assertions and schemas, not by types
export type Json = any;

export type QueryValue = string | number | boolean | (string | number)[] | undefined;

export interface Answer<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export class SandboxClient {
  constructor(readonly sandbox: RunningSandbox) {}

  async request<T = Json>(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ) {
    const res = await fetch(`${this.sandbox.url}${path}`, {
      method,
      headers: { "x-luma-api-key": KEY, "content-type": "application/json", ...init.headers },
      body: init.body,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }

  get<T = Json>(path: string, query: Record<string, QueryValue> = {}): Promise<Answer<T>> {
    return this.request<T>("GET", `${path}${queryString(query)}`);
  }

  post<T = Json>(path: string, body: unknown): Promise<Answer<T>> {
    return this.request<T>("POST", path, { body: JSON.stringify(body) });
  }

  /** Every entry of a list route, following next_cursor; also returns the number of pages. */
  async walk(path: string, query: Record<string, QueryValue>): Promise<{ entries: Json[]; pages: number }> {
    const entries: Json[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await this.get(path, { ...query, pagination_cursor: cursor });
      if (page.status !== 200) throw new Error(`${path}: HTTP ${page.status} ${JSON.stringify(page.body)}`);
      pages += 1;
      entries.push(...page.body.entries);
      cursor = page.body.has_more ? page.body.next_cursor : undefined;
      if (page.body.has_more && !cursor) throw new Error(`${path}: has_more without next_cursor`);
    } while (cursor !== undefined && pages < 1000);
    return { entries, pages };
  }
}

export async function openSandbox(now: Date = NOW): Promise<SandboxClient> {
  return new SandboxClient(await startSandbox({ now }));
}

export const RESPONSE_SCHEMAS = responseSchemas as Record<string, object>;

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** The validator of an operation's 200 response schema, keyed like "GET /v1/events/get". */
export function responseValidator(operation: string): ValidateFunction {
  const cached = validators.get(operation);
  if (cached) return cached;
  const schema = RESPONSE_SCHEMAS[operation];
  if (!schema) throw new Error(`no response schema for ${operation}`);
  ajv ??= createAjv();
  const validate = ajv.compile(schema);
  validators.set(operation, validate);
  return validate;
}
