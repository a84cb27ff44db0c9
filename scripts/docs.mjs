#!/usr/bin/env node
// `npm run docs`: rewrites the parts of README.md, docs/tools.md, docs/confirmations.md, manifest.json,
// server.json and .env.example that are derived from the sources (the tool, configuration and confirmation
// tables, the MCP bundle's tool list and counts, the registry's variables, every setting), rendered by
// scripts/docs-render.ts.
// test/packaging/generated-docs.test.ts fails while any of them is stale.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { evaluate, ROOT } from "./sources.mjs";

const {
  renderReadme,
  renderToolsDoc,
  renderConfirmationsDoc,
  renderManifest,
  renderEnvExample,
  registryVariables,
} = await evaluate('export * from "./scripts/docs-render.ts";');

for (const [file, render] of [
  ["README.md", renderReadme],
  ["docs/tools.md", renderToolsDoc],
  ["docs/confirmations.md", renderConfirmationsDoc],
]) {
  const path = join(ROOT, file);
  const text = readFileSync(path, "utf8");
  const next = render(text);
  if (next !== text) writeFileSync(path, next);
  console.log(`${file}: ${next === text ? "up to date" : "rewritten"}`);
}

const envFile = join(ROOT, ".env.example");
const env = renderEnvExample();
const envChanged = readFileSync(envFile, "utf8") !== env;
if (envChanged) writeFileSync(envFile, env);
console.log(`.env.example: ${envChanged ? "rewritten" : "up to date"}`);

const registryFile = join(ROOT, "server.json");
const registry = JSON.parse(readFileSync(registryFile, "utf8"));
const variables = registryVariables(registry.packages[0].environmentVariables);
const registryChanged = !isDeepStrictEqual(variables, registry.packages[0].environmentVariables);
if (registryChanged) {
  registry.packages[0].environmentVariables = variables;
  writeFileSync(registryFile, `${JSON.stringify(registry, null, 2)}\n`);
}
console.log(`server.json: ${registryChanged ? "rewritten" : "up to date"}`);

const manifestFile = join(ROOT, "manifest.json");
const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
const nextManifest = renderManifest(manifest);
const manifestChanged = !isDeepStrictEqual(nextManifest, manifest);
if (manifestChanged) {
  writeFileSync(manifestFile, `${JSON.stringify(nextManifest, null, 2)}\n`);
  // The repository's own formatting (biome check fails on anything else).
  const biome = join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
  const formatted = spawnSync(process.execPath, [biome, "format", "--write", manifestFile], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (formatted.status !== 0) process.exit(1);
}
console.log(`manifest.json: ${manifestChanged ? "rewritten" : "up to date"}`);
