// What the catalog (src/tools/) and the call pipeline (src/calls/) share: the prefix of every wire name, the
// parameter names every tool takes for Luma's event, page-size and cursor fields, the error a tool raises
// for arguments Luma would refuse, and the shape of a failed call's result (the server answers one before
// the pipeline is loaded, e.g. while shutting down). The pipeline reads the catalog; the catalog reads
// nothing of the pipeline.
import type { CallToolResult } from "@modelcontextprotocol/server";

export const WIRE_PREFIX = "LumaApi_";

/** The names the server instructions promise everywhere, and the Luma field each stands for. */
export const TWIN_NAMES: Readonly<Record<string, string>> = {
  event_id: "event_id",
  limit: "pagination_limit",
  cursor: "pagination_cursor",
};

/** A mistake in the tool's arguments, found before anything was sent. */
export class InputError extends Error {
  override name = "InputError";
}

/** A tool result that says what went wrong and what to do next. */
export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}
