// Sandbox: the shape of a route and the helpers that declare one. GET handlers see the parsed query
// string; POST handlers see a body already checked against Luma's request schema (validate.ts), which is
// why they may treat it as their declared body type, except on the routes that are newer than the spec
// (postUnvalidated), whose handlers read the body through Fields, which checks each type it reads.

import { badRequest } from "./errors.js";
import type { Query } from "./list.js";
import type { Store } from "./store.js";

export interface RequestContext {
  store: Store;
  query: Query;
  body: unknown;
}

export interface Route {
  method: "GET" | "POST";
  /** The current Luma path; `aliases` are older names of the same route that Luma still serves. */
  path: string;
  aliases: string[];
  /**
   * A route newer than Luma's published spec (only in its path list): no request schema exists, so the
   * body is not validated against one and the handler checks what it reads itself (see `fields`).
   */
  unvalidated: boolean;
  handle(ctx: RequestContext): unknown;
}

export function get(
  path: string,
  handle: (query: Query, store: Store) => unknown,
  aliases: string[] = [],
): Route {
  return { method: "GET", path, aliases, unvalidated: false, handle: (ctx) => handle(ctx.query, ctx.store) };
}

export function post<Body>(
  path: string,
  handle: (body: Body, store: Store) => unknown,
  aliases: string[] = [],
): Route {
  return {
    method: "POST",
    path,
    aliases,
    unvalidated: false,
    handle: (ctx) => handle(ctx.body as Body, ctx.store),
  };
}

/** A POST route without a published request schema: the handler gets the parsed JSON object as it came. */
export function postUnvalidated(path: string, handle: (body: Fields, store: Store) => unknown): Route {
  return {
    method: "POST",
    path,
    aliases: [],
    unvalidated: true,
    handle: (ctx) => handle(new Fields(ctx.body as Record<string, unknown>), ctx.store),
  };
}

/** Typed reads of an unvalidated body, each answering a wrong type with the 400 that validation would give. */
export class Fields {
  constructor(private readonly body: Record<string, unknown>) {}

  private typed<T>(name: string, check: (value: unknown) => boolean, type: string): T | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (!check(value)) throw badRequest(`Invalid request body: \`${name}\` must be ${type}`);
    return value as T;
  }

  string(name: string): string | undefined {
    return this.typed<string>(name, (v) => typeof v === "string", "string");
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw badRequest(`missing required field \`${name}\``);
    return value;
  }

  boolean(name: string): boolean | undefined {
    return this.typed<boolean>(name, (v) => typeof v === "boolean", "boolean");
  }

  strings(name: string): string[] {
    const isStrings = (v: unknown) => Array.isArray(v) && v.every((item) => typeof item === "string");
    return this.typed<string[]>(name, isStrings, "an array of strings") ?? [];
  }

  objects(name: string): Record<string, unknown>[] {
    const isObjects = (v: unknown) =>
      Array.isArray(v) &&
      v.every((item) => typeof item === "object" && item !== null && !Array.isArray(item));
    return this.typed<Record<string, unknown>[]>(name, isObjects, "an array of objects") ?? [];
  }
}
