// What a start knows of every tool, without evaluating the toolset files: their zod schemas cost a built
// server about 20 ms at start, and only a call needs them (the call pipeline loads index.ts's TOOLS).
import type { ToolSummary } from "./define.js";

/**
 * Every tool's summary, in catalog order, as scripts/build.mjs computed it from index.ts's TOOLS (summaryOf),
 * as JSON text. Undefined when running from source (tests, scripts), where the tools themselves are the
 * summaries.
 */
declare const __LUMA_CATALOG__: string | undefined;

/** The whole catalog as selection, tools/list and the start-up line see it (index.ts's TOOLS, as data). */
export const CATALOG: readonly ToolSummary[] =
  typeof __LUMA_CATALOG__ === "undefined" ? (await import("./index.js")).TOOLS : JSON.parse(__LUMA_CATALOG__);
