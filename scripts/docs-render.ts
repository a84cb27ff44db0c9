// The parts of README.md, docs/tools.md and manifest.json that are derived from the sources: the tool tables
// (from TOOLS in src/tools/index.ts), the configuration table (from SETTINGS in src/config.ts), and the MCP
// bundle's tool list and tool counts. scripts/docs.mjs (`npm run docs`) writes them with these functions, and
// test/packaging/generated-docs.test.ts fails when the files differ from what these functions render, so the
// two cannot disagree.
import { SETTINGS } from "../src/config.js";
import { CONSEQUENCE_WORDS, HINTS, TOOLSETS, type Tool, type ToolSummary } from "../src/tools/define.js";
import { TOOLS } from "../src/tools/index.js";
import { DEFAULT_TOOLS } from "../src/tools/select.js";

/** The generated parts of README.md, each between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export const README_PARTS: Record<string, () => string> = {
  settings: settingsTable,
  toolsets: toolsetTable,
};

/** The generated part of docs/tools.md: the table of every tool. */
export const TOOLS_DOC_PARTS: Record<string, () => string> = {
  tools: toolsTable,
};

/** The generated part of docs/confirmations.md: which tools ask, what for, and when. */
export const CONFIRMATIONS_DOC_PARTS: Record<string, () => string> = {
  confirmations: confirmationsTable,
  untrusted: untrustedList,
};

/** The tools whose answers carry text other people wrote, and end with the note that it is data. */
export function untrustedList(): string {
  const names = (tools: Tool[]) => tools.map((tool) => code(tool.name)).join(", ");
  const untrusted = TOOLS.filter((tool) => tool.untrusted);
  return `${names(untrusted.filter((tool) => !tool.optIn))}, and the opt-in ${names(untrusted.filter((tool) => tool.optIn))}`;
}

const cell = (text: string) => text.replaceAll("|", "\\|");
const code = (text: string) => `\`${text}\``;

/** The name of a tool's annotation set in HINTS (read, create, add, update, notify). */
export function hintName(tool: Tool): keyof typeof HINTS {
  const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = tool.annotations;
  const name = (Object.keys(HINTS) as (keyof typeof HINTS)[]).find((key) => {
    const set = HINTS[key];
    return (
      set.readOnlyHint === readOnlyHint &&
      set.destructiveHint === destructiveHint &&
      set.idempotentHint === idempotentHint &&
      set.openWorldHint === openWorldHint
    );
  });
  if (!name) throw new Error(`${tool.wireName}: its annotations are none of the sets in HINTS`);
  return name;
}

export function readOnlyTools(tools: readonly ToolSummary[] = TOOLS): ToolSummary[] {
  return tools.filter((tool) => tool.annotations.readOnlyHint === true);
}

function settingDefault(setting: (typeof SETTINGS)[number]): string {
  if (setting.kind === "bool") return setting.default === "true" ? "on" : "off";
  return setting.default ? code(setting.default) : "";
}

export function settingsTable(): string {
  const rows = SETTINGS.map(
    (setting) =>
      `| ${code(setting.env)} | ${setting.flag ? code(setting.flag) : ""} | ${settingDefault(setting)} | ${cell(setting.help)} |`,
  );
  return ["| Variable | Flag | Default | Meaning |", "|---|---|---|---|", ...rows].join("\n");
}

export function toolsTable(): string {
  const count = (kind: Tool["kind"]) => TOOLS.filter((tool) => tool.kind === kind).length;
  const groups = TOOLSETS.map(
    (set) => `${code(set)} ${TOOLS.filter((tool) => tool.toolset === set).length}`,
  ).join(", ");
  const optIn = TOOLS.length - DEFAULT_TOOLS.length;
  const summary = [
    `${TOOLS.length} tools: ${readOnlyTools().length} read-only, ${TOOLS.length - readOnlyTools().length} that write;`,
    `${count("params")} parameter tools and ${count("body")} body tools.`,
    `${DEFAULT_TOOLS.length} are served by default (${readOnlyTools(DEFAULT_TOOLS).length} read-only);`,
    `the other ${optIn} are opt-in (marked *opt-in*): served when their toolset or they are named, or with \`--toolsets all\`.`,
  ].join(" ");
  const perToolset = `Per toolset: ${groups}.`;
  const rows = TOOLS.map(
    (tool, index) =>
      `| ${index + 1} | ${code(tool.wireName)} | ${cell(tool.title)} | ${tool.toolset}${tool.optIn ? " *opt-in*" : ""} | ${tool.kind} | ${tool.method} ${code(tool.path)} | ${hintName(tool)} |`,
  );
  return [
    summary,
    perToolset,
    "",
    "| # | Tool | Title | Toolset | Kind | Luma endpoint | Hints |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The README's tool table: each toolset's tools by name, those served by default and the opt-in ones. */
export function toolsetTable(): string {
  const names = (tools: readonly Tool[]) => tools.map((tool) => tool.name).join(", ");
  const rows = TOOLSETS.map((set) => {
    const inSet = TOOLS.filter((tool) => tool.toolset === set);
    return `| ${code(set)} | ${names(inSet.filter((tool) => !tool.optIn))} | ${names(inSet.filter((tool) => tool.optIn))} |`;
  });
  return [
    `${TOOLS.length} tools (wire names \`LumaApi_<Name>\`), ${DEFAULT_TOOLS.length} served by default; each one's endpoint and hints: [docs/tools.md](docs/tools.md).`,
    "",
    "| Toolset | Served by default | Opt-in (name the toolset or tool, or `--toolsets all`) |",
    "|---|---|---|",
    ...rows,
  ].join("\n");
}

/**
 * Every tool that asks a person first (it has consequences, in its definition's `confirm`): what it does,
 * and when a call of it asks, from the catalog.
 */
export function confirmationsTable(): string {
  const asking = TOOLS.filter((tool) => tool.ask);
  const rows = asking.map((tool) => {
    const when = [tool.ask?.when ? `when ${tool.ask.when.says}` : "every call"];
    if (tool.ask?.quietWith) when.push(`no email with \`${tool.ask.quietWith}: false\``);
    if (tool.consequences.includes("refunds")) when.push("refunds only with `should_refund: true`");
    if (tool.ask?.everyGuest) when.push("counts as the event's guests (Luma's `guest_counts`)");
    if (tool.consequences.includes("cancels")) when.push("previews in `auto` too, whoever the client");
    const does = tool.consequences.map((consequence) => CONSEQUENCE_WORDS[consequence]).join(", ");
    return `| ${code(tool.name)} | ${tool.optIn ? "opt-in" : "default"} | ${cell(does)} | ${cell(when.join("; "))} |`;
  });
  return [
    `${asking.length} of the ${TOOLS.length} tools ask (${asking.filter((tool) => !tool.optIn).length} of them served by default); each takes \`confirmation_token\`.`,
    "",
    "| Tool | Served | What it does | When it asks |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** docs/confirmations.md with its table of asking tools rendered anew. */
export function renderConfirmationsDoc(markdown: string): string {
  return renderParts(markdown, CONFIRMATIONS_DOC_PARTS);
}

/** README.md with every generated part rendered anew; throws when a part's markers are missing. */
export function renderReadme(markdown: string): string {
  return renderParts(markdown, README_PARTS);
}

/** docs/tools.md with its tool table rendered anew. */
export function renderToolsDoc(markdown: string): string {
  return renderParts(markdown, TOOLS_DOC_PARTS);
}

function renderParts(markdown: string, parts: Record<string, () => string>): string {
  let text = markdown;
  for (const [name, render] of Object.entries(parts)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`the file lacks the markers ${open} ... ${close}`);
    text = `${text.slice(0, start + open.length)}\n${render()}\n${text.slice(end)}`;
  }
  return text;
}

/**
 * Tool counts in a manifest text, of the tools served by default (what the bundle lists): "only the N tools"
 * is the read-only count, any other "N tools" the count of all of them. Throws when the text names no
 * count, so a rewording cannot silently leave a stale number.
 */
function withCounts(text: string, where: string): string {
  let found = 0;
  const result = text.replace(/\b(only the )?\d+ tools\b/g, (_match, only: string | undefined) => {
    found++;
    return only ? `only the ${readOnlyTools(DEFAULT_TOOLS).length} tools` : `${DEFAULT_TOOLS.length} tools`;
  });
  if (found === 0) throw new Error(`manifest.json ${where} names no tool count ("N tools")`);
  return result;
}

interface ManifestParts {
  long_description?: string;
  user_config?: Record<string, { description?: string }>;
  tools?: { name: string; description?: string }[];
}

/**
 * manifest.json's content with its tool list (the default tools, catalog order, titles) and its tool counts
 * rendered anew. The opt-in tools are not listed: the bundle does not serve them unless asked.
 */
export function renderManifest<T extends ManifestParts>(manifest: T): T {
  const readOnly = manifest.user_config?.read_only;
  return {
    ...manifest,
    long_description: withCounts(manifest.long_description ?? "", "long_description"),
    user_config: {
      ...manifest.user_config,
      read_only: {
        ...readOnly,
        description: withCounts(readOnly?.description ?? "", "user_config.read_only.description"),
      },
    },
    tools: DEFAULT_TOOLS.map((tool) => ({ name: tool.wireName, description: tool.title })),
  };
}

/** server.json's environment variables (the MCP registry entry), one per setting, in SETTINGS order. */
export function registryVariables(
  current: readonly { name: string; description?: string }[],
): Record<string, unknown>[] {
  return SETTINGS.map((setting) => {
    // A description written for the registry is kept; a new setting takes its --help text.
    const description = current.find((v) => v.name === setting.env)?.description ?? setting.help;
    const format = { int: "number", bool: "boolean" }[setting.kind as string] ?? "string";
    return {
      name: setting.env,
      description,
      isRequired: setting.env === "LUMA_API_KEY",
      ...(setting.kind === "secret" ? { isSecret: true } : { format }),
      ...(setting.default ? { default: setting.default } : {}),
    };
  });
}

/** .env.example: every setting, its --help text and its default, all commented out but the key. */
export function renderEnvExample(): string {
  const lines = [
    "# Generated from src/config.ts's SETTINGS by `npm run docs`: every setting luma-api-mcp reads.",
    "# Copy to .env and load it with `node --env-file=.env dist/index.js` (Node 20.6+), or your own scripts;",
    '# MCP clients pass these in their server "env" block instead. Unset lines take the default shown.',
  ];
  for (const setting of SETTINGS) {
    const shown =
      setting.kind === "bool" ? (setting.default === "true" ? "1" : "0") : (setting.default ?? "");
    lines.push("", `# ${setting.help}${setting.flag ? ` (flag: ${setting.flag})` : ""}`);
    lines.push(setting.env === "LUMA_API_KEY" ? `${setting.env}=` : `# ${setting.env}=${shown}`);
  }
  return `${lines.join("\n")}\n`;
}
