// Types of stdio-client.mjs, for the TypeScript tests that use it (test/support/spawn.ts).
import type { ChildProcessWithoutNullStreams } from "node:child_process";

export const BIN: string;
export function requireBuild(bin?: string): void;
export function privateCopyOfBuild(bin?: string): string;
export function initializeParams(clientName?: string): Record<string, unknown>;
export function pathOnly(env?: Record<string, string>): Record<string, string>;
export function clientEnv(env?: Record<string, string>): Record<string, string>;

export interface RawMessage {
  jsonrpc: "2.0";
  id?: number | string;
  method?: string;
  // biome-ignore lint/suspicious/noExplicitAny: a raw answer, checked by the caller's assertions
  result?: any;
  error?: { code: number; message: string; data?: unknown };
}

export interface Answer {
  /** The answer exactly as the server wrote it. */
  line: string;
  message: RawMessage;
  /** process.hrtime.bigint() when it arrived. */
  at: bigint;
}

export interface StdioServer {
  child: ChildProcessWithoutNullStreams;
  started: bigint;
  messages: RawMessage[];
  strayLines: string[];
  exited: Promise<number | null>;
  send(message: Record<string, unknown>): boolean;
  request(method: string, params?: Record<string, unknown>): Promise<Answer>;
  notify(method: string, params?: Record<string, unknown>): boolean;
  stderr(): string;
  since(at: bigint): number;
  initialize(): Promise<Answer>;
  listTools(): Promise<Answer>;
  callTool(name: string, args?: Record<string, unknown>): Promise<Answer>;
  memory(): Promise<{ rss: number; peak: number }>;
  close(graceMs?: number): Promise<number | null>;
}

export function spawnStdio(options: {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  clientName?: string;
}): StdioServer;
export function startServer(
  args?: string[],
  env?: Record<string, string>,
  options?: { bin?: string; clientName?: string },
): StdioServer;
export function textOf(result: { content?: { type: string; text?: string }[] } | undefined): string;
export function readMemory(pid: number | undefined): Promise<{ rss: number; peak: number }>;
