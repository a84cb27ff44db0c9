// Sandbox: the shape of a route and the helpers that declare one. GET handlers see the parsed query
// string; POST handlers see a body already checked against Luma's request schema (validate.ts), which is
// why they may treat it as their declared body type.

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
  handle(ctx: RequestContext): unknown;
}

export function get(
  path: string,
  handle: (query: Query, store: Store) => unknown,
  aliases: string[] = [],
): Route {
  return { method: "GET", path, aliases, handle: (ctx) => handle(ctx.query, ctx.store) };
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
    handle: (ctx) => handle(ctx.body as Body, ctx.store),
  };
}
