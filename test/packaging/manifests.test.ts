// The places that describe the server to the outside agree with each other and with the server itself:
// one version everywhere (--version, package.json, server.json, manifest.json, CHANGELOG), and one set of
// variables (SETTINGS, the README's table, server.json, the MCP bundle's manifest), which is exactly what the
// server reads.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, SETTINGS } from "../../src/config.js";
import { VERSION } from "../../src/version.js";
import { DEFAULT_TOOLS, selectTools } from "../support/catalog.js";
import { ROOT, readme } from "./readme.js";

const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), "utf8")) as T;

interface EnvironmentVariable {
  name: string;
  description?: string;
  isRequired?: boolean;
  isSecret?: boolean;
  format?: string;
  default?: string;
}
interface ServerJson {
  $schema: string;
  name: string;
  title?: string;
  description: string;
  version: string;
  repository?: { url: string; source: string };
  packages: {
    registryType: string;
    identifier: string;
    version: string;
    runtimeHint?: string;
    transport: { type: string };
    environmentVariables: EnvironmentVariable[];
  }[];
}
interface UserConfig {
  type: string;
  title: string;
  description: string;
  sensitive?: boolean;
  required?: boolean;
  default?: string | number | boolean;
}
interface Manifest {
  manifest_version: string;
  name: string;
  version: string;
  description: string;
  license: string;
  repository?: { type: string; url: string };
  server: {
    type: string;
    entry_point: string;
    mcp_config: { command: string; args: string[]; env: Record<string, string> };
  };
  user_config: Record<string, UserConfig>;
  tools: { name: string; description?: string }[];
  compatibility?: { runtimes?: { node?: string } };
}
interface PackageJson {
  name: string;
  version: string;
  mcpName: string;
  license: string;
  repository: { type: string; url: string };
  bin: Record<string, string>;
  engines: { node: string };
  files: string[];
  dependencies?: Record<string, string>;
}

const pkg = readJson<PackageJson>("package.json");
const server = readJson<ServerJson>("server.json");
const manifest = readJson<Manifest>("manifest.json");
const npmPackage = server.packages[0];
const VARIABLES = SETTINGS.map((setting) => setting.env);
/** https://github.com/OWNER/REPO, from package.json's git+https://github.com/OWNER/REPO.git */
const repoUrl = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
const [, owner, repo] = /^https:\/\/github\.com\/([^/]+)\/([^/]+)$/.exec(repoUrl) ?? [];

describe("one version", () => {
  it("--version, package.json, server.json (and its npm package), manifest.json and the CHANGELOG agree", () => {
    const bin = join(ROOT, "dist/index.js");
    expect(existsSync(bin), "dist/index.js is missing: run npm run build (npm test does)").toBe(true);
    const printed = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8", input: "" });
    expect(printed.stdout.trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
    expect(server.version).toBe(pkg.version);
    expect(npmPackage?.version).toBe(pkg.version);
    expect(manifest.version).toBe(pkg.version);
    const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replaceAll(".", "\\.")}\\]`, "m"));
  });
});

describe("server.json (official MCP registry)", () => {
  it("uses the registry's schema and naming rules", () => {
    expect(server.$schema).toBe(
      "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
    );
    expect(server.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    expect(server.name.length).toBeLessThanOrEqual(200);
    expect(server.description.length).toBeGreaterThan(0);
    expect(server.description.length).toBeLessThanOrEqual(100);
    expect(server.version).not.toMatch(/^[~^<>=]|[x*]|latest/);
  });

  it("is the npm package luma-api-mcp over stdio, and package.json's mcpName claims it", () => {
    expect(server.name).toBe(pkg.mcpName);
    expect(server.name).toBe(`io.github.${owner}/${pkg.name}`);
    expect(server.repository).toEqual({ url: repoUrl, source: "github" });
    expect(server.packages).toHaveLength(1);
    expect(npmPackage).toMatchObject({
      registryType: "npm",
      identifier: pkg.name,
      runtimeHint: "npx",
      transport: { type: "stdio" },
    });
  });

  it("describes exactly the variables the server reads, with their defaults", () => {
    const described = npmPackage?.environmentVariables ?? [];
    expect(described.map((variable) => variable.name)).toEqual(VARIABLES);
    for (const setting of SETTINGS) {
      const variable = described.find((v) => v.name === setting.env) as EnvironmentVariable;
      expect(variable.description, setting.env).toBeTruthy();
      expect(variable.isSecret ?? false, setting.env).toBe(setting.kind === "secret");
      expect(variable.isRequired ?? false, setting.env).toBe(setting.env === "LUMA_API_KEY");
      const format = { int: "number", bool: "boolean" }[setting.kind as string] ?? "string";
      if (setting.kind !== "secret") expect(variable.format, setting.env).toBe(format);
      expect(variable.default, setting.env).toBe(setting.default || undefined);
      // Every default a client may fill in is one the server accepts.
      if (variable.default) expect(() => parseArgs([], { [setting.env]: variable.default })).not.toThrow();
    }
  });
});

describe("manifest.json (MCP bundle)", () => {
  const { mcp_config: config } = manifest.server;
  const references = (value: string) => [...value.matchAll(/\$\{user_config\.([^}]+)\}/g)].map((m) => m[1]);
  const envFor = (settings: Record<string, string | number | boolean>) => {
    const values = Object.fromEntries(
      Object.entries(manifest.user_config).map(([key, option]) => [key, settings[key] ?? option.default]),
    );
    return Object.fromEntries(
      Object.entries(config.env).map(([name, value]) => [
        name,
        value.replace(/\$\{user_config\.([^}]+)\}/g, (_, key: string) => String(values[key])),
      ]),
    );
  };

  it("names the package, its version, licence and repository", () => {
    expect(manifest.manifest_version).toBe("0.3");
    expect(manifest.name).toBe(pkg.name);
    expect(manifest.license).toBe(pkg.license);
    expect(manifest.repository?.url).toBe(repoUrl);
    expect(manifest.compatibility?.runtimes?.node).toBe(pkg.engines.node);
    expect(repo).toBe(pkg.name);
  });

  it("starts the package's own bin with node", () => {
    expect(manifest.server.type).toBe("node");
    expect(manifest.server.entry_point).toBe(pkg.bin[pkg.name]);
    expect(pkg.files.some((entry) => manifest.server.entry_point.startsWith(`${entry}/`))).toBe(true);
    expect(config.command).toBe("node");
    expect(config.args).toEqual([`\${__dirname}/${manifest.server.entry_point}`]);
  });

  it("maps the key (sensitive), read-only and sandbox settings to the server's variables", () => {
    for (const name of Object.keys(config.env)) expect(VARIABLES).toContain(name);
    expect(config.env).toMatchObject({
      LUMA_API_KEY: `\${user_config.api_key}`,
      LUMA_READ_ONLY: `\${user_config.read_only}`,
      LUMA_SANDBOX: `\${user_config.sandbox}`,
    });
    expect(manifest.user_config.api_key).toMatchObject({ type: "string", sensitive: true });
    expect(manifest.user_config.read_only).toMatchObject({ type: "boolean", default: false });
    expect(manifest.user_config.sandbox).toMatchObject({ type: "boolean", default: false });
    const used = Object.values(config.env).flatMap(references);
    expect(used.sort()).toEqual(Object.keys(manifest.user_config).sort());
    for (const [key, option] of Object.entries(manifest.user_config)) {
      // A setting left alone must still be substituted, or the server would get "${user_config.x}" verbatim.
      expect(option.required === true || option.default !== undefined, key).toBe(true);
    }
  });

  it("gives the server settings it accepts, whatever the user picks", () => {
    const untouched = parseArgs([], envFor({})).config;
    expect(untouched).toMatchObject({
      apiKey: undefined,
      readOnly: false,
      sandbox: false,
      toolsets: undefined,
    });
    expect(selectTools(untouched).tools).toEqual(DEFAULT_TOOLS);

    const picked = parseArgs(
      [],
      envFor({ api_key: "sk-1", read_only: true, sandbox: true, toolsets: "events" }),
    );
    expect(picked.config).toMatchObject({
      apiKey: "sk-1",
      readOnly: true,
      sandbox: true,
      toolsets: ["events"],
    });
    expect(selectTools(picked.config).tools.every((tool) => tool.annotations.readOnlyHint)).toBe(true);
  });

  it("lists the tools the server serves by default, in the catalog's order", () => {
    expect(manifest.tools.map((tool) => tool.name)).toEqual(DEFAULT_TOOLS.map((tool) => tool.wireName));
    for (const tool of manifest.tools) expect(tool.description, tool.name).toBeTruthy();
  });
});

describe("the variables the server reads", () => {
  it("are read only through SETTINGS: process.env reaches nothing but parseArgs", () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : entry.name.endsWith(".ts")
            ? [join(dir, entry.name)]
            : [],
      );
    const reads = sources("src").flatMap((file) =>
      [...readFileSync(join(ROOT, file), "utf8").matchAll(/process\.env\b(.{0,1})/g)].map((m) => ({
        file,
        passedWhole: m[1] === ")" || m[1] === ",",
      })),
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((read) => !read.passedWhole)).toEqual([]);
  });

  it("are the README's Configuration table, with the same flags", () => {
    // Rows of the table whose first cell is a variable, padded or not: | `LUMA_X` | `--flag` | default | ... |
    const rows = readme()
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .map((line) => line.split("|").map((cell) => cell.trim().replace(/^`(.*)`$/, "$1")))
      .filter((cells) => /^(LUMA_[A-Z0-9_]+|PORT)$/.test(cells[1] ?? ""));
    expect(rows.map((cells) => cells[1])).toEqual(VARIABLES);
    for (const cells of rows) {
      expect(cells[2] || undefined, cells[1]).toBe(SETTINGS.find((s) => s.env === cells[1])?.flag);
    }
  });
});
