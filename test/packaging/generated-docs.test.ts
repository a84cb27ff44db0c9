// The generated parts of README.md (tool and configuration tables) and manifest.json (tool list and counts)
// are what scripts/docs-render.ts renders from the catalog and SETTINGS now, with the same functions that
// `npm run docs` writes them with; and those functions do follow the catalog.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  README_PARTS,
  registryVariables,
  renderEnvExample,
  renderManifest,
  renderReadme,
  renderToolsDoc,
} from "../../scripts/docs-render.js";
import { SETTINGS } from "../../src/config.js";
import { DEFAULT_TOOLS, READ_ONLY_TOOLS, TOOLS } from "../support/catalog.js";
import { ROOT, readme } from "./readme.js";

const STALE = "stale generated text: run npm run docs";
const readManifest = () => JSON.parse(readFileSync(join(ROOT, "manifest.json"), "utf8")) as Manifest;

interface Manifest {
  long_description: string;
  user_config: Record<string, { description?: string }>;
  tools: { name: string; description?: string }[];
}

/** The lines between a part's markers. */
function part(markdown: string, name: string): string[] {
  const start = markdown.indexOf(`<!-- generated:${name} -->`);
  const end = markdown.indexOf(`<!-- /generated:${name} -->`);
  expect(start, `README.md has no generated:${name} markers`).toBeGreaterThanOrEqual(0);
  return markdown.slice(start, end).split("\n").slice(1, -1);
}

describe("README.md's generated parts", () => {
  it("are current", () => {
    const text = readme();
    expect(text, STALE).toBe(renderReadme(text));
  });

  it("are all present, once each", () => {
    const text = readme();
    for (const name of Object.keys(README_PARTS)) {
      expect(text.split(`<!-- generated:${name} -->`).length - 1, name).toBe(1);
      expect(text.split(`<!-- /generated:${name} -->`).length - 1, name).toBe(1);
    }
  });

  it("are replaced whole when stale, and only they", () => {
    const text = readme();
    const stale = text
      .replace("| GetUserInfo, LumaEntityLookup, GetCalendar |", "| GetUserInfo, GetCalendar |")
      .replace("| `LUMA_TIMEOUT_MS` |", "| `LUMA_TIMEOUT` |");
    expect(stale).not.toBe(text);
    expect(renderReadme(stale)).toBe(text);
    expect(renderReadme(`${text}\nHand-written.\n`)).toBe(`${text}\nHand-written.\n`);
    expect(() => renderReadme(text.replace("<!-- /generated:toolsets -->", ""))).toThrow(/markers/);
  });

  it("name every tool of the catalog once, by toolset, and every setting", () => {
    const text = readme();
    const named = part(text, "toolsets")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => line.split("|").slice(2, 4).join(",").split(","))
      .map((name) => name.trim())
      .filter(Boolean);
    expect(named.sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
    // PORT is HTTP mode's port, under the name hosting platforms set.
    const settingRows = part(text, "settings").filter((line) => /^\| `(LUMA_|PORT`)/.test(line));
    expect(settingRows.map((line) => /`(LUMA_\w+|PORT)`/.exec(line)?.[1])).toEqual(
      SETTINGS.map((setting) => setting.env),
    );
  });
});

describe("docs/tools.md's tool table", () => {
  const toolsDoc = () => readFileSync(join(ROOT, "docs", "tools.md"), "utf8");

  it("is current", () => {
    const text = toolsDoc();
    expect(text, STALE).toBe(renderToolsDoc(text));
  });

  it("lists every tool of the catalog, in its order, with its hints", () => {
    const text = toolsDoc();
    const toolRows = part(text, "tools").filter((line) => /^\| \d+ \|/.test(line));
    expect(toolRows.map((line) => /`(LumaApi_\w+)`/.exec(line)?.[1])).toEqual(
      TOOLS.map((tool) => tool.wireName),
    );
    const readRows = toolRows.filter((line) => line.endsWith("| read |"));
    expect(readRows).toHaveLength(TOOLS.filter((tool) => tool.annotations.readOnlyHint).length);
  });
});

describe("manifest.json's generated parts", () => {
  it("are current", () => {
    const manifest = readManifest();
    expect(manifest, STALE).toEqual(renderManifest(manifest));
  });

  it("follow the catalog: its default tools in order, with their titles, and their counts in the texts", () => {
    const manifest = readManifest();
    const stale = {
      ...manifest,
      long_description: manifest.long_description.replace(/^\d+ tools/, "2 tools"),
      tools: manifest.tools.slice(1),
    };
    const rendered = renderManifest(stale);
    expect(rendered.tools).toEqual(
      DEFAULT_TOOLS.map((tool) => ({ name: tool.wireName, description: tool.title })),
    );
    expect(rendered.long_description).toMatch(new RegExp(`^${DEFAULT_TOOLS.length} tools`));
    const readOnly = READ_ONLY_TOOLS.length;
    expect(rendered.long_description).toContain(`only the ${readOnly} tools`);
    expect(rendered.user_config.read_only?.description).toContain(`only the ${readOnly} tools`);
    expect(() => renderManifest({ ...manifest, long_description: "Tools for Luma." })).toThrow(/tool count/);
  });
});

describe(".env.example and server.json's variables (issue 22)", () => {
  it(".env.example is current: every setting, commented out with its default, the key to fill in", () => {
    const text = readFileSync(join(ROOT, ".env.example"), "utf8");
    expect(text, STALE).toBe(renderEnvExample());
    for (const setting of SETTINGS)
      expect(text, setting.env).toMatch(new RegExp(`^(# )?${setting.env}=`, "m"));
    // Naming the default toolsets would serve their opt-in tools too: the line stays unset.
    expect(text).toMatch(/^# LUMA_TOOLSETS=$/m);
  });

  it("server.json lists every setting, as npm run docs writes it", () => {
    const registry = JSON.parse(readFileSync(join(ROOT, "server.json"), "utf8")) as {
      packages: { environmentVariables: { name: string }[] }[];
    };
    const variables = registry.packages[0]?.environmentVariables ?? [];
    expect(variables, STALE).toEqual(registryVariables(variables));
  });
});
