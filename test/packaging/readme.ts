// Reads the documentation's client snippets as a user would copy them: every ```json block of README.md and
// docs/*.md, and, between docs/clients.md's `section:clients` markers, the `claude mcp add` lines and the
// TypeScript example, turned into launches (command, args, env) that the tests check against parseArgs and,
// with LUMA_PACKED_TARBALL set, actually start.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PACKAGE = "luma-api-mcp";

export function readme(): string {
  return readFileSync(new URL("README.md", `file://${ROOT}`), "utf8");
}

/** A markdown file of the documentation, by its path in the repository. */
export interface Document {
  file: string;
  text: string;
}

/** README.md, then every docs/*.md in name order: the pages that may hold client snippets. */
export function documents(): Document[] {
  const docs = readdirSync(new URL("docs/", `file://${ROOT}`))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs].map((file) => ({
    file,
    text: readFileSync(new URL(file, `file://${ROOT}`), "utf8"),
  }));
}

/** docs/clients.md, which holds every client's snippet between the clients markers. */
export function clientsPage(): string {
  return readFileSync(new URL("docs/clients.md", `file://${ROOT}`), "utf8");
}

export interface Block {
  lang: string;
  text: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

export function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    blocks.push({ lang: open[1] ?? "", text: body.join("\n"), line: start + 1 });
  }
  return blocks;
}

/** The part of a page between the clients markers: the snippets that are run as written. */
export function clientsSection(markdown: string): string {
  const start = markdown.indexOf("<!-- section:clients -->");
  const end = markdown.indexOf("<!-- /section:clients -->");
  if (start < 0 || end < start) throw new Error("docs/clients.md has no clients section markers");
  return markdown.slice(start, end);
}

export interface Launch {
  /** Where it came from, e.g. "README.md line 31: mcpServers.luma". */
  where: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** VS Code `inputs` of the same file, by id. */
  inputs?: Record<string, { password?: boolean }>;
}

interface ServerEntry {
  type?: string;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
}

/** Server entries of a client config: Claude Desktop/Cursor `mcpServers`, VS Code `servers`. */
export function launchesFromJson(value: unknown, where: string): Launch[] {
  if (!value || typeof value !== "object") return [];
  const config = value as {
    mcpServers?: Record<string, ServerEntry>;
    servers?: Record<string, ServerEntry>;
    inputs?: { id: string; password?: boolean }[];
  };
  const inputs = Object.fromEntries((config.inputs ?? []).map((input) => [input.id, input]));
  const launches: Launch[] = [];
  for (const key of ["mcpServers", "servers"] as const) {
    for (const [name, entry] of Object.entries(config[key] ?? {})) {
      launches.push({
        where: `${where}: ${key}.${name}`,
        command: entry.command ?? "",
        args: entry.args ?? [],
        env: entry.env ?? {},
        ...(key === "servers" ? { inputs } : {}),
      });
    }
  }
  return launches;
}

/** Splits a shell line into words: plain words and '...'/"..." quoted ones, which is all the docs use. */
export function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/** `claude mcp add NAME [-e K=V]... [--scope S] -- CMD ARGS...` lines of a shell block of `file`. */
export function launchesFromClaudeCode(block: Block, file = "docs/clients.md"): Launch[] {
  const launches: Launch[] = [];
  block.text.split("\n").forEach((line, index) => {
    const words = shellWords(line.replace(/\s+#.*$/, ""));
    if (words[0] !== "claude" || words[1] !== "mcp" || words[2] !== "add") return;
    const split = words.indexOf("--");
    if (split < 0) throw new Error(`${file} line ${block.line + 1 + index}: claude mcp add without "--"`);
    const env: Record<string, string> = {};
    const options = words.slice(3, split);
    for (let i = 0; i < options.length; i++) {
      const option = options[i];
      if (option === "-e" || option === "--env") {
        const pair = options[++i] ?? "";
        env[pair.slice(0, pair.indexOf("="))] = pair.slice(pair.indexOf("=") + 1);
      } else if (option === "-s" || option === "--scope" || option === "-t" || option === "--transport") i++;
    }
    const [command = "", ...args] = words.slice(split + 1);
    launches.push({ where: `${file} line ${block.line + 1 + index}: claude mcp add`, command, args, env });
  });
  return launches;
}

/** The TypeScript example's StdioClientTransport({ command, args, env }). */
export function launchFromTypeScript(block: Block, file = "docs/clients.md"): Launch {
  const command = /command:\s*"([^"]+)"/.exec(block.text)?.[1];
  const args = /args:\s*(\[[^\]]*\])/.exec(block.text)?.[1];
  const envBody = /env:\s*\{([^}]*)\}/.exec(block.text)?.[1] ?? "";
  if (!command || !args)
    throw new Error(`${file} line ${block.line}: no command/args in the TypeScript example`);
  const env: Record<string, string> = {};
  for (const m of envBody.matchAll(/([A-Z][A-Z0-9_]*):\s*("[^"]*")?/g)) {
    env[m[1] as string] = m[2] ? (JSON.parse(m[2]) as string) : "";
  }
  return { where: `${file} line ${block.line}: TypeScript example`, command, args: JSON.parse(args), env };
}

/**
 * Every launch the documentation offers, in order: the JSON configs of every page, and the Claude Code lines
 * and the TypeScript example between a page's clients markers.
 */
export function readmeLaunches(pages = documents()): Launch[] {
  const launches: Launch[] = [];
  for (const { file, text } of pages) {
    const clients = text.includes("<!-- section:clients -->") ? clientsSection(text) : "";
    for (const block of codeBlocks(text)) {
      if (block.lang === "json") {
        launches.push(...launchesFromJson(JSON.parse(block.text), `${file} line ${block.line}`));
      } else if (block.lang === "sh" && clients.includes(block.text)) {
        launches.push(...launchesFromClaudeCode(block, file));
      } else if (block.lang === "ts" && clients.includes(block.text)) {
        launches.push(launchFromTypeScript(block, file));
      }
    }
  }
  return launches;
}

/**
 * The arguments the server itself receives: what follows the package in `npx [-y] luma-api-mcp ...`, also
 * behind Windows' `cmd /c`, or what follows the script in `node dist/index.js ...`.
 */
export function serverArgs(launch: Pick<Launch, "command" | "args" | "where">): string[] {
  let words = [launch.command, ...launch.args];
  if (/^cmd(\.exe)?$/i.test(words[0] ?? "")) {
    if (!/^\/c$/i.test(words[1] ?? "")) throw new Error(`${launch.where}: cmd needs /c`);
    words = words.slice(2);
  }
  if (words[0] === "npx") {
    const at = words.indexOf(PACKAGE);
    const npxOptions = words.slice(1, Math.max(at, 1));
    if (at < 0 || npxOptions.some((option) => option !== "-y" && option !== "--yes"))
      throw new Error(`${launch.where}: expected npx -y ${PACKAGE}, got ${words.join(" ")}`);
    return words.slice(at + 1);
  }
  if (words[0] === "node" && words[1] === "dist/index.js") return words.slice(2);
  throw new Error(`${launch.where}: unexpected command ${words.join(" ")}`);
}

/** The env a client would pass, with VS Code's ${input:id} prompts answered by `answer`. */
export function resolvedEnv(launch: Launch, answer: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(launch.env).map(([key, value]) => [key, value.replace(/\$\{input:[^}]+\}/g, answer)]),
  );
}
