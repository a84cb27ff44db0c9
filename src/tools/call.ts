// The one place a tool call runs, for every tool: parse the arguments, let the tool map them to Luma's
// fields, hold back a repeated write, send, record what came of it, and format the answer (or the failure)
// as the model will read it, with the key masked.
import type { CallToolResult } from "@modelcontextprotocol/server";
import type { Secrets } from "../log.js";
import type { LumaClient } from "../luma/client.js";
import { outcomeOf } from "../luma/errors.js";
import { parseArguments } from "./arguments.js";
import type { Tool } from "./define.js";
import { RepeatGuard, type Repeats } from "./repeat-guard.js";
import { errorResult, failureText, type ResultContext, successResult } from "./results.js";

export interface CallDeps {
  /** The tools this server serves: texts name only these. */
  tools: readonly Tool[];
  client: LumaClient;
  secrets: Secrets;
  maxResultChars: number;
  /** Refuses an identical non-idempotent write (see repeat-guard.ts); one per key's calendar. */
  repeats?: Repeats;
}

/**
 * Whose call it is, when the server serves more than one key (HTTP mode): that key's client and repeat
 * guard, used instead of the server's own, so no state is shared between keys.
 */
export interface Account {
  client: LumaClient;
  repeats: Repeats;
}

/** Runs one call of a served tool; never throws: every failure is an isError result. */
export type RunCall = (
  tool: Tool,
  args: unknown,
  signal: AbortSignal,
  account?: Account,
) => Promise<CallToolResult>;

/**
 * A non-idempotent write makes something new (an event, a coupon, an email) each time it is sent, so an
 * identical repeat is held back; this comes from the tool's annotations, whatever its shape.
 */
export function isGuarded(tool: Tool): boolean {
  return (
    tool.annotations.readOnlyHint !== true && tool.annotations.idempotentHint !== true && !tool.repeatable
  );
}

export function createCaller(deps: CallDeps): RunCall {
  const served = new Set(deps.tools.map((tool) => tool.name));
  const serves = (name: string) => served.has(name);
  const repeats = deps.repeats ?? new RepeatGuard();
  const contexts = new Map<Tool, ResultContext>(
    deps.tools.map((tool) => [
      tool,
      {
        name: tool.name,
        kind: tool.kind,
        write: tool.annotations.readOnlyHint !== true,
        readWith: tool.readWith && serves(tool.readWith) ? tool.readWith : undefined,
        cursorParam: tool.cursorParam,
        limitParam: tool.limitParam,
        maxResultChars: deps.maxResultChars,
        serves,
      },
    ]),
  );

  const run = async (
    tool: Tool,
    rawArgs: unknown,
    signal: AbortSignal,
    account: Account,
  ): Promise<CallToolResult> => {
    const context = contexts.get(tool) as ResultContext;
    const { client, repeats } = account;
    try {
      const args = parseArguments(tool.input, rawArgs);
      const prepared = await tool.prepare(args);
      if ("answer" in prepared) return prepared.answer;
      const key = isGuarded(tool) ? RepeatGuard.key(tool.name, prepared.body ?? prepared.query) : undefined;
      const refusal = key && (await repeats.begin(key, context));
      if (refusal) return errorResult(refusal);
      let data: unknown;
      try {
        data = await client.request({ method: tool.method, path: tool.path, signal, ...prepared });
        if (key) await repeats.settle(key, "accepted");
      } catch (error) {
        if (key) await repeats.settle(key, outcomeOf(error) === "unknown" ? "unknown" : undefined);
        throw error;
      }
      return successResult(tool.reshape ? tool.reshape(data, args) : data, context);
    } catch (error) {
      return errorResult(failureText(error, context));
    }
  };

  const own: Account = { client: deps.client, repeats };
  return async (tool, args, signal, account) =>
    redactResult(await run(tool, args, signal, account ?? own), deps.secrets);
}

/**
 * The key travels only in a header; should an upstream echo it back, it is masked before the model sees it.
 * Every result's texts carry all it says (structuredContent is the first text's data, serialised there), so
 * only they are searched, and the whole result is rewritten only when one holds the key.
 */
function redactResult(result: CallToolResult, secrets: Secrets): CallToolResult {
  const leaks = result.content.some((item) => item.type === "text" && secrets.contains(item.text));
  return leaks ? (JSON.parse(secrets.redact(JSON.stringify(result))) as CallToolResult) : result;
}
