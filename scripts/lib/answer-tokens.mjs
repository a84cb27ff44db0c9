// What list answers cost a model, per entry, before and after this server shapes them: "before" is Luma's
// answer as it comes (what the tools passed through until answers dropped null and empty fields), "after"
// is the tool's answer from the built server. Both against the embedded sandbox's seed data, so the figures
// are the same on every run. Used by `npm run tokens`.

import { tokens } from "../../bench/tool-list.mjs";
import { evaluate } from "../sources.mjs";
import { startServer } from "./stdio-client.mjs";

/**
 * The events a per-event list is measured on: the first with entries (evt-sbx0001 has the 10-guest page that
 * the tests measure; coupons are on a later one).
 */
const EVENTS = ["evt-sbx0001", "evt-sbx0002", "evt-sbx0003", "evt-sbx0004", "evt-sbx0005"];

/**
 * Every read tool whose answer is a list (has `entries`) on the sandbox, with the same page for both
 * measurements: tokens per entry before and after, and the whole text of that page after.
 */
export async function measureListAnswers(launch = {}) {
  const { TOOLS, startSandbox } = await evaluate(`
    export { TOOLS } from "./src/tools/index.ts";
    export { startSandbox } from "./src/sandbox/server.ts";
  `);
  // A fixed clock: the seed's dates, and so every answer, are the same on every run.
  const sandbox = await startSandbox({ now: new Date("2026-09-15T12:34:56.000Z") });
  const server = startServer(
    ["--toolsets", "all"],
    { LUMA_API_KEY: "answer-measurement", LUMA_BASE_URL: sandbox.url },
    launch,
  );
  const rows = [];
  try {
    await server.initialize();
    for (const tool of TOOLS.filter((t) => t.annotations.readOnlyHint)) {
      const takesEvent = "event_id" in tool.input.shape || tool.aliases?.event_id;
      let args;
      let raw;
      for (const event of takesEvent ? EVENTS : [undefined]) {
        args = event ? { event_id: event } : {};
        if (tool.aliases?.limit || tool.limitParam) args.limit = 10;
        let prepared;
        try {
          prepared = await tool.prepare(tool.input.parse(renamed(args, tool.aliases)));
        } catch {
          break; // needs arguments a list does not (an ID of one record): not a list tool
        }
        raw = await luma(sandbox.url, tool.path, prepared.query ?? {});
        if (raw?.entries?.length > 0) break;
      }
      if (!Array.isArray(raw?.entries) || raw.entries.length === 0) continue;
      const result = (await server.callTool(tool.wireName, args)).message.result;
      if (result.isError) throw new Error(`${tool.name}: ${result.content[0].text}`);
      const after = JSON.parse(result.content[0].text).entries;
      // The page as the tool returned it before: Luma's JSON, reshaped the same way where the tool pages itself.
      const before =
        tool.reshape && !tool.input.shape.fields ? raw.entries.slice(0, after.length) : raw.entries;
      rows.push({
        name: tool.name,
        entries: after.length,
        before: tokens(JSON.stringify(before)) / before.length,
        after: tokens(JSON.stringify(after)) / after.length,
        pageBefore: tokens([JSON.stringify(raw), ...result.content.slice(1).map((c) => c.text)].join("\n")),
        pageAfter: tokens(result.content.map((c) => c.text).join("\n")),
      });
    }
  } finally {
    await server.close();
    await sandbox.close();
  }
  return rows;
}

/** The arguments with the aliases of the tool's input renamed, as the server's argument check does. */
function renamed(args, aliases = {}) {
  const out = { ...args };
  for (const [alias, name] of Object.entries(aliases)) {
    if (alias in out) {
      out[name] = out[alias];
      delete out[alias];
    }
  }
  return out;
}

async function luma(base, path, query) {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  const answer = await fetch(url, { headers: { "x-luma-api-key": "answer-measurement" } });
  return answer.ok ? answer.json() : undefined;
}
