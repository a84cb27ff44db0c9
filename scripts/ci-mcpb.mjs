#!/usr/bin/env node
// Starts the server from an unpacked .mcpb the way Claude Desktop does: the command, args and env come from
// the bundle's manifest.json, resolved by @anthropic-ai/mcpb's own getMcpConfigForManifest (the code the
// desktop app uses) with a given set of user settings, then runs the smoke test on each. The server must list
// as many tools as this repository's sources serve for the resolved arguments and env (scripts/sources.mjs),
// and as many as the manifest's `tools` when nothing narrows the selection.
//
//   node scripts/ci-mcpb.mjs MCPB_PACKAGE_DIR UNPACKED_BUNDLE_DIR
import { readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { smoke } from "./ci-smoke.mjs";
import { servedToolCount } from "./sources.mjs";

const [mcpbDir, bundleDir] = process.argv.slice(2).map((path) => resolve(path));
if (!mcpbDir || !bundleDir) {
  process.stderr.write("usage: ci-mcpb.mjs MCPB_PACKAGE_DIR UNPACKED_BUNDLE_DIR\n");
  process.exit(2);
}
const { getMcpConfigForManifest } = await import(pathToFileURL(join(mcpbDir, "dist/index.js")).href);
const manifest = JSON.parse(readFileSync(join(bundleDir, "manifest.json"), "utf8"));

// What a user might set in the install dialog, and what the server should then offer (see `expected`).
const cases = [
  { label: "sandbox on", userConfig: { sandbox: true }, calls: "all", listsManifest: true },
  { label: "sandbox + read-only", userConfig: { sandbox: true, read_only: true }, calls: "read" },
  {
    label: "sandbox + tool groups",
    userConfig: { sandbox: true, toolsets: "events,account" },
    calls: "read",
  },
  {
    label: "API key set (real Luma: list only)",
    userConfig: { api_key: "sk-ci-not-a-key" },
    calls: "none",
    listsManifest: true,
  },
  { label: "nothing set (defaults)", userConfig: {}, calls: "none", listsManifest: true },
];

/** The tools the server must list: the sources' selection for its own arguments (after the entry point). */
async function expected(config, listsManifest) {
  const [entry, ...args] = config.args;
  if (!entry?.endsWith(join("dist", "index.js"))) throw new Error(`unexpected entry point ${entry}`);
  const tools = await servedToolCount(args, config.env ?? {});
  if (listsManifest && tools !== manifest.tools.length) {
    throw new Error(`the sources serve ${tools} tools, manifest.json lists ${manifest.tools.length}`);
  }
  return tools;
}

let passed = 0;
let failed = 0;
for (const { label, userConfig, calls, listsManifest = false } of cases) {
  const config = await getMcpConfigForManifest({
    manifest,
    extensionPath: bundleDir,
    systemDirs: {},
    userConfig,
    pathSeparator: sep,
  });
  if (!config) {
    console.log(
      `smoke [mcpb: ${label}]\n  FAIL the manifest gave no server config for ${JSON.stringify(userConfig)}`,
    );
    failed++;
    continue;
  }
  const unresolved = JSON.stringify(config).match(/\$\{[^}]+\}/g);
  if (unresolved) {
    console.log(`smoke [mcpb: ${label}]\n  FAIL unresolved variables: ${unresolved.join(", ")}`);
    failed++;
    continue;
  }
  let tools;
  try {
    tools = await expected(config, listsManifest);
  } catch (error) {
    console.log(`smoke [mcpb: ${label}]\n  FAIL ${error.message}`);
    failed++;
    continue;
  }
  const result = await smoke({ name: `mcpb: ${label}`, ...config, calls, tools });
  passed += result.passed;
  failed += result.failed;
}
console.log(`  checks: ${passed} ok, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
