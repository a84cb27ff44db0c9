// A programmable Luma on 127.0.0.1: a plain node:http server that records every request it receives
// (method, path, query, headers, body) and answers with whatever the test says, including the ways a real
// upstream misbehaves: error pages, cut-off bodies, stalls, dropped connections.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set when the client closed the connection before the answer was complete (a cancelled call). */
  abandoned: boolean;
}

export type Handler = (req: Seen, res: http.ServerResponse) => void;

export interface StandIn {
  url: string;
  port: number;
  requests: Seen[];
  /** Requests received for one path (all paths when omitted). */
  count(path?: string): number;
  /** Replaces the handler for the requests that follow. */
  serve(handler: Handler): void;
  close(): Promise<void>;
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function startStandIn(handler: Handler = (_, res) => json(res, 200, {})): Promise<StandIn> {
  const requests: Seen[] = [];
  const sockets = new Set<Socket>();
  let current = handler;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const seen: Seen = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        abandoned: false,
      };
      requests.push(seen);
      res.on("close", () => {
        if (!res.writableFinished) seen.abandoned = true;
      });
      current(seen, res);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    count: (path) => requests.filter((r) => path === undefined || r.path === path).length,
    serve: (next) => {
      current = next;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once `check` holds, polling; rejects with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
