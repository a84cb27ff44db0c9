// The client snippets of README.md and docs/*.md, as a user would copy them: every ```json block parses and
// names only variables the server reads, and every launch in them (Claude Desktop, Windows, Claude Code,
// Cursor, VS Code, the SDK example, the sandbox) gives the server arguments and env that it accepts at start-up.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, SETTINGS } from "../../src/config.js";
import { selectTools } from "../support/catalog.js";
import {
  codeBlocks,
  documents,
  launchesFromClaudeCode,
  ROOT,
  readmeLaunches,
  resolvedEnv,
  serverArgs,
  shellWords,
} from "./readme.js";

const VARIABLES = new Set(SETTINGS.map((setting) => setting.env));
const pages = documents();
const launches = readmeLaunches(pages);
const jsonBlocks = pages.flatMap(({ file, text }) =>
  codeBlocks(text)
    .filter((block) => block.lang === "json")
    .map((block) => ({ ...block, where: `${file} line ${block.line}` })),
);

describe("json blocks of README.md and docs/", () => {
  it("include the README's Claude Desktop config and the clients page's", () => {
    expect(jsonBlocks.some((block) => block.where.startsWith("README.md "))).toBe(true);
    const onClientsPage = jsonBlocks.filter((block) => block.where.startsWith("docs/clients.md "));
    expect(onClientsPage.length).toBeGreaterThan(2);
  });

  it.each(jsonBlocks.map((block) => [block.where, block]))("%s parses as JSON", (_where, block) => {
    expect(() => JSON.parse(block.text)).not.toThrow();
  });

  it.each(jsonBlocks.map((block) => [block.where, block]))(
    "%s names only variables the server reads",
    (_where, block) => {
      const named = [...block.text.matchAll(/\bLUMA_[A-Z0-9_]+/g)].map((m) => m[0]);
      expect(named.filter((name) => !VARIABLES.has(name))).toEqual([]);
    },
  );
});

describe("client launches of README.md and docs/", () => {
  it("covers every client the documentation promises", () => {
    const where = launches.map((launch) => `${launch.where} ${launch.command} ${launch.args.join(" ")}`);
    expect(where.some((w) => /mcpServers\.luma npx -y luma-api-mcp$/.test(w))).toBe(true); // Claude Desktop, Cursor
    expect(where.some((w) => / cmd \/c npx -y luma-api-mcp$/.test(w))).toBe(true); // Windows
    expect(where.some((w) => /claude mcp add npx -y luma-api-mcp$/.test(w))).toBe(true); // Claude Code
    expect(where.some((w) => /servers\.luma npx -y luma-api-mcp$/.test(w))).toBe(true); // VS Code
    expect(where.some((w) => /TypeScript example npx -y luma-api-mcp$/.test(w))).toBe(true); // SDK
    expect(launches.length).toBeGreaterThanOrEqual(7);
  });

  it.each(launches.map((launch) => [launch.where, launch]))("%s starts the server", (_where, launch) => {
    for (const name of Object.keys(launch.env)) expect(VARIABLES, `${name} is not a setting`).toContain(name);
    const parsed = parseArgs(serverArgs(launch), resolvedEnv(launch, "sk-from-the-prompt"));
    expect(parsed.command).toBe("serve");
    expect(() => selectTools(parsed.config)).not.toThrow();
  });

  it("VS Code entries are stdio servers whose input prompts exist and hide the key", () => {
    const vscode = launches.filter((launch) => launch.inputs);
    expect(vscode.length).toBeGreaterThan(0);
    for (const launch of vscode) {
      for (const [name, value] of Object.entries(launch.env)) {
        for (const [, id] of value.matchAll(/\$\{input:([^}]+)\}/g)) {
          expect(launch.inputs, `${launch.where}: input ${id}`).toHaveProperty(id as string);
          if (name === "LUMA_API_KEY") expect(launch.inputs?.[id as string]?.password).toBe(true);
        }
      }
    }
    for (const block of jsonBlocks.filter((b) => b.text.includes('"servers"'))) {
      const servers = (JSON.parse(block.text) as { servers: Record<string, { type?: string }> }).servers;
      for (const entry of Object.values(servers)) expect(entry.type).toBe("stdio");
    }
  });

  it("reads a launch the way a shell and each launcher would", () => {
    expect(shellWords(`a -e 'K=v w' "x y" z`)).toEqual(["a", "-e", "K=v w", "x y", "z"]);
    const [launch] = launchesFromClaudeCode({
      lang: "sh",
      line: 1,
      text: "claude mcp add luma -e LUMA_API_KEY=k --scope user -- npx -y luma-api-mcp --read-only # note",
    });
    expect(launch).toMatchObject({ command: "npx", args: ["-y", "luma-api-mcp", "--read-only"] });
    expect(launch?.env).toEqual({ LUMA_API_KEY: "k" });
    const where = "test";
    expect(
      serverArgs({ where, command: "cmd", args: ["/c", "npx", "-y", "luma-api-mcp", "--sandbox"] }),
    ).toEqual(["--sandbox"]);
    expect(() => serverArgs({ where, command: "npx", args: ["luma-api-mcp@latest"] })).toThrow(
      /expected npx/,
    );
    expect(() =>
      parseArgs(serverArgs({ where, command: "npx", args: ["-y", "luma-api-mcp", "--sandbx"] }), {}),
    ).toThrow(/Unknown argument "--sandbx"/);
  });
});

describe("links from what the package prints to the docs it does not ship", () => {
  it("DOCS_URL is the repository's docs/ folder, and every page a source links there exists", async () => {
    const { DOCS_URL } = await import("../../src/config.js");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      repository: { url: string };
      files: string[];
    };
    const repo = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(DOCS_URL).toBe(`${repo}/blob/main/docs`);
    expect(pkg.files.some((entry) => entry.startsWith("docs"))).toBe(false);
    const sources = ["src/config.ts", "src/http/serve.ts", "src/tools/select.ts"].map((file) =>
      readFileSync(join(ROOT, file), "utf8"),
    );
    const pages = sources.flatMap((text) =>
      [...text.matchAll(/\$\{DOCS_URL\}\/([\w-]+\.md)/g)].map((m) => m[1]),
    );
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(existsSync(join(ROOT, "docs", page ?? "")), page).toBe(true);
  });
});
