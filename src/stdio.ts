// MCP over stdio: one JSON-RPC message per line in, one per line out. This transport stands in front of the
// SDK's era handling (serveStdio) and answers what a JSON-RPC peer is owed but the SDK's own stdio transport
// leaves unanswered: -32700 for a line that is not JSON, -32600 for one that is not a JSON-RPC message or is
// over the size cap (the connection stays up and the line is dropped), -32602 for tools/call arguments that
// are not an object, and batches, answered as one array on a connection that negotiated 2025-03-26 (the one
// revision that has them) and refused elsewhere. A long line is gathered in pieces and joined once.
import type { Readable, Writable } from "node:stream";
import type { JSONRPCMessage, Transport } from "@modelcontextprotocol/server";

/** The largest message taken, as the SDK's stdio transport has it; anything larger is answered and dropped. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** The one protocol revision with JSON-RPC batches. */
const BATCH_REVISION = "2025-03-26";

type Id = string | number;

interface ErrorAnswer {
  jsonrpc: "2.0";
  id: Id | null;
  error: { code: number; message: string };
}

const answer = (id: Id | null, code: number, message: string): ErrorAnswer => ({
  jsonrpc: "2.0",
  id,
  error: { code, message },
});

/** A batch waiting for its requests' answers, to send them as one array. */
interface Batch {
  waiting: Set<Id>;
  answers: unknown[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is Id {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/** Why a parsed value is not a JSON-RPC 2.0 message this server can take, or undefined when it is one. */
function problemOf(message: unknown): ErrorAnswer | undefined {
  if (!isObject(message)) return answer(null, -32600, "Invalid Request: a message must be a JSON object.");
  const id = isId(message.id) ? message.id : null;
  if (message.jsonrpc !== "2.0") {
    return answer(id, -32600, 'Invalid Request: "jsonrpc" must be "2.0".');
  }
  if ("id" in message && !isId(message.id)) {
    return answer(null, -32600, "Invalid Request: id must be a string or a number.");
  }
  if (!("method" in message)) {
    // A response to one of this server's own requests (an elicitation answer).
    const isResponse = id !== null && ("result" in message || "error" in message);
    return isResponse ? undefined : answer(id, -32600, "Invalid Request: a message needs a method.");
  }
  if (typeof message.method !== "string") {
    return answer(id, -32600, "Invalid Request: method must be a string.");
  }
  if ("params" in message && message.params !== undefined && !isObject(message.params)) {
    return answer(id, -32602, "Invalid params: params must be an object.");
  }
  const params = message.params as Record<string, unknown> | undefined;
  if (message.method === "tools/call" && params?.arguments !== undefined && !isObject(params.arguments)) {
    return answer(id, -32602, "Invalid params: tools/call arguments must be an object of named arguments.");
  }
  return undefined;
}

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private pieces: Buffer[] = [];
  private gathered = 0;
  /** The current line went over the cap: it was answered, and the rest of it is dropped. */
  private dropping = false;
  private protocolVersion: string | undefined;
  private readonly batches: Batch[] = [];
  private closed = false;

  constructor(
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {}

  /**
   * Reading stops when stdin ends, but the transport stays open for answers still to come: the server's
   * shutdown (which listens for stdin's end itself) lets calls in flight finish, then closes it.
   */
  async start(): Promise<void> {
    this.input.on("data", this.onData);
  }

  setProtocolVersion = (version: string): void => {
    this.protocolVersion = version;
  };

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off("data", this.onData);
    this.onclose?.();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error("The stdio transport is closed.");
    this.noteNegotiatedVersion(message);
    if (this.holdForBatch(message)) return;
    await this.write(message);
  }

  private write(message: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      this.output.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }

  private reply(message: unknown): void {
    if (this.closed) return;
    this.write(message).catch((error: Error) => this.onerror?.(error));
  }

  private readonly onData = (chunk: Buffer): void => {
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      this.gather(chunk.subarray(start, end));
      this.endLine();
      start = end + 1;
    }
    if (start < chunk.length) this.gather(chunk.subarray(start));
  };

  private gather(piece: Buffer): void {
    if (this.dropping || piece.length === 0) return;
    if (this.gathered + piece.length > this.maxMessageBytes) {
      // Answered at once, not when the line ends: a client may be waiting for room to write the rest.
      this.dropping = true;
      this.pieces = [];
      this.gathered = 0;
      this.reply(
        answer(
          null,
          -32600,
          `Invalid Request: a message is over ${this.maxMessageBytes} bytes; it was dropped. Send smaller messages.`,
        ),
      );
      return;
    }
    this.pieces.push(piece);
    this.gathered += piece.length;
  }

  private endLine(): void {
    if (this.dropping) {
      this.dropping = false;
      return;
    }
    const line = Buffer.concat(this.pieces, this.gathered).toString("utf8");
    this.pieces = [];
    this.gathered = 0;
    if (line.trim() !== "") this.takeLine(line);
  }

  private takeLine(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.reply(answer(null, -32700, "Parse error: the line is not valid JSON."));
      return;
    }
    if (!Array.isArray(parsed)) {
      const problem = problemOf(parsed);
      if (problem) this.reply(problem);
      else this.onmessage?.(parsed as JSONRPCMessage);
      return;
    }
    if (parsed.length === 0) {
      this.reply(answer(null, -32600, "Invalid Request: an empty batch."));
      return;
    }
    if (this.protocolVersion !== BATCH_REVISION) {
      const on = this.protocolVersion ? `protocol revision ${this.protocolVersion}` : "this connection";
      this.reply(
        answer(
          null,
          -32600,
          `Invalid Request: JSON-RPC batches are not supported on ${on} (only ${BATCH_REVISION} has them); send one message per line.`,
        ),
      );
      return;
    }
    this.takeBatch(parsed);
  }

  private takeBatch(messages: unknown[]): void {
    const batch: Batch = { waiting: new Set(), answers: [] };
    const accepted: JSONRPCMessage[] = [];
    for (const message of messages) {
      const problem = problemOf(message);
      if (problem) batch.answers.push(problem);
      else {
        const { id, method } = message as { id?: Id; method?: string };
        if (id !== undefined && method !== undefined) batch.waiting.add(id);
        accepted.push(message as JSONRPCMessage);
      }
    }
    if (batch.waiting.size > 0) this.batches.push(batch);
    else if (batch.answers.length > 0) this.reply(batch.answers);
    for (const message of accepted) this.onmessage?.(message);
  }

  /** An answer to a request of a batch waits for the batch's other answers; the last one sends them all. */
  private holdForBatch(message: JSONRPCMessage): boolean {
    // Only answers (no method) belong to a batch's requests.
    if ("method" in message) return false;
    const id = (message as { id?: Id }).id;
    if (id === undefined) return false;
    const batch = this.batches.find((b) => b.waiting.has(id));
    if (!batch) return false;
    batch.waiting.delete(id);
    batch.answers.push(message);
    if (batch.waiting.size === 0) {
      this.batches.splice(this.batches.indexOf(batch), 1);
      this.reply(batch.answers);
    }
    return true;
  }

  /** The revision an initialize answer settled on (batches depend on it). */
  private noteNegotiatedVersion(message: JSONRPCMessage): void {
    const result = (message as { result?: { protocolVersion?: unknown; serverInfo?: unknown } }).result;
    if (typeof result?.protocolVersion === "string" && result.serverInfo !== undefined) {
      this.protocolVersion = result.protocolVersion;
    }
  }
}
