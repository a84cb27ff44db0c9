// Luma played by undici's MockAgent, in process: every request the client sends is recorded and answered by
// the test's `respond` (default `{}`), without a socket.

import { MockAgent } from "undici";
import { expect } from "vitest";

export const BASE_URL = "https://public-api.luma.com";

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  headers: Record<string, string>;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Responder = (request: SeenRequest) => Reply;

function toRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    query[key] = all.length > 1 ? all : (all[0] as string);
  }
  return query;
}

/** A MockAgent that plays Luma at BASE_URL: every request is recorded and answered by `respond`. */
export function mockLuma(respond: Responder = () => ({ body: {} })) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: SeenRequest[] = [];
  agent
    .get(BASE_URL)
    .intercept({ path: () => true, method: () => true })
    .reply((options) => {
      const url = new URL(options.path, BASE_URL);
      const raw = typeof options.body === "string" ? options.body : undefined;
      const seen: SeenRequest = {
        method: options.method,
        path: url.pathname,
        query: parseQuery(url.searchParams),
        body: raw === undefined ? undefined : JSON.parse(raw),
        headers: toRecord(options.headers),
      };
      requests.push(seen);
      const reply = respond(seen);
      return {
        statusCode: reply.status ?? 200,
        data: typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {}),
        responseOptions: { headers: { "content-type": "application/json", ...reply.headers } },
      };
    })
    .persist();
  return { agent, requests };
}

/** One tool call and the request Luma must receive for it. */
export interface RequestCase {
  tool: string;
  args: Record<string, unknown>;
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
}

/** Checks the one request a call sent against its case: method, path, the key header, query or JSON body. */
export function expectRequest(sent: SeenRequest[], c: RequestCase, key: string): void {
  expect(sent, `${c.tool} sent ${sent.length} requests`).toHaveLength(1);
  const seen = sent[0];
  expect(seen?.method).toBe(c.method);
  expect(seen?.path).toBe(c.path);
  expect(seen?.headers["x-luma-api-key"]).toBe(key);
  if (c.method === "GET") {
    expect(seen?.query).toEqual(c.query);
    expect(seen?.body).toBeUndefined();
  } else {
    expect(seen?.query).toEqual({});
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(seen?.body).toEqual(c.body);
  }
}
