#!/usr/bin/env node
import { measureToolList, TOKEN_BUDGET, tokens } from "../bench/tool-list.mjs";
// `npm run tokens`: what each tool costs in the model's context (o200k tokens of its tools/list entry, as the
// built server sends it), largest first, then the totals for the full and the read-only list and the
// instructions, and the list with every opt-in tool (--toolsets all); then what each list tool's answer costs
// per entry, before (Luma's answer as it comes) and after (the tool's answer), on the sandbox's seed data.
// Needs `npm run build` first.
import { measureListAnswers } from "./lib/answer-tokens.mjs";
import { privateCopyOfBuild } from "./lib/stdio-client.mjs";

const launch = { bin: privateCopyOfBuild(), clientName: "luma-api-mcp-tokens" };
const full = await measureToolList([], launch);
const readOnly = await measureToolList(["--read-only"], launch);
const sandbox = await measureToolList(["--sandbox"], launch);
// Opt-in tools cost nothing by default; what they cost when asked for:
const everything = await measureToolList(["--toolsets", "all"], launch);

const rows = full.tools
  .map((tool) => ({
    name: tool.name,
    total: tokens(JSON.stringify(tool)),
    description: tokens(tool.description ?? ""),
    schema: tokens(JSON.stringify(tool.inputSchema)),
  }))
  .sort((a, b) => b.total - a.total);

const width = Math.max(...rows.map((row) => row.name.length));
const line = (name, ...cells) =>
  `${name.padEnd(width)}  ${cells.map((c) => String(c).padStart(11)).join("  ")}`;
console.log(line("tool", "entry", "description", "inputSchema"));
for (const row of rows) console.log(line(row.name, row.total, row.description, row.schema));
console.log();
console.log(
  `tools/list, ${full.tools.length} tools: ${full.tokens} tokens, ${full.bytes} bytes (budget ${TOKEN_BUDGET})`,
);
console.log(
  `tools/list, read-only (${readOnly.tools.length} tools): ${readOnly.tokens} tokens, ${readOnly.bytes} bytes`,
);
console.log(
  `instructions: ${full.instructionTokens} tokens (${sandbox.instructionTokens} with --sandbox's note)`,
);
console.log(`tools/list + instructions: ${full.tokens + full.instructionTokens} tokens`);
console.log(
  `tools/list, --toolsets all (${everything.tools.length} tools, opt-in ones included): ${everything.tokens} tokens, ${everything.bytes} bytes`,
);

const answers = await measureListAnswers(launch);
console.log();
const answerWidth = Math.max(...answers.map((row) => row.name.length));
const answerLine = (name, ...cells) =>
  `${name.padEnd(answerWidth)}  ${cells.map((c) => String(c).padStart(8)).join("  ")}`;
console.log("list answers, o200k tokens per entry (a page of up to 10 on the sandbox):");
console.log(answerLine("tool", "entries", "before", "after", "change", "page", "page"));
console.log(answerLine("", "", "", "", "", "before", "after"));
for (const row of answers) {
  const change = `${Math.round((100 * (row.after - row.before)) / row.before)}%`;
  console.log(
    answerLine(
      row.name,
      row.entries,
      row.before.toFixed(1),
      row.after.toFixed(1),
      change,
      row.pageBefore,
      row.pageAfter,
    ),
  );
}
