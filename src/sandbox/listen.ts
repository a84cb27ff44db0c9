// The sandbox's HTTP server on 127.0.0.1, apart from the sandbox itself (seed, store, routes, validators), so
// that --sandbox can listen at start, with its URL known to the server's Luma client, and load the rest on
// its first request or when warmed (src/runtime.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SandboxHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RunningSandbox {
  /** e.g. "http://127.0.0.1:54321" */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `handler` on `host`:`port` (0: a free port). */
export async function listen(handler: SandboxHandler, port = 0, host = "127.0.0.1"): Promise<RunningSandbox> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostInUrl}:${address.port}`,
    port: address.port,
    // Idempotent, since both a signal handler and normal shutdown may call it.
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets would otherwise hold the process open until they time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
