#!/usr/bin/env node
// Starts the server from an unpacked .mcpb the way Claude Desktop does: the command, args and env come from
// the bundle's manifest.json, resolved by @anthropic-ai/mcpb's own getMcpConfigForManifest (the code the
// desktop app uses) with a given set of user settings, then runs the smoke test on each.
//
//   node scripts/ci-mcpb.mjs MCPB_PACKAGE_DIR UNPACKED_BUNDLE_DIR
import { readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { smoke } from "./ci-smoke.mjs";

const [mcpbDir, bundleDir] = process.argv.slice(2).map((path) => resolve(path));
if (!mcpbDir || !bundleDir) {
  process.stderr.write("usage: ci-mcpb.mjs MCPB_PACKAGE_DIR UNPACKED_BUNDLE_DIR\n");
  process.exit(2);
}
const { getMcpConfigForManifest } = await import(pathToFileURL(join(mcpbDir, "dist/index.js")).href);
const manifest = JSON.parse(readFileSync(join(bundleDir, "manifest.json"), "utf8"));

// What a user might set in the install dialog, and what the server should then offer.
const cases = [
  { label: "sandbox on", userConfig: { sandbox: true }, calls: "all", tools: 38 },
  { label: "sandbox + read-only", userConfig: { sandbox: true, read_only: true }, calls: "read", tools: 15 },
  // events (8 tools) + account (3)
  {
    label: "sandbox + tool groups",
    userConfig: { sandbox: true, toolsets: "events,account" },
    calls: "read",
    tools: 11,
  },
  {
    label: "API key set (real Luma: list only)",
    userConfig: { api_key: "sk-ci-not-a-key" },
    calls: "none",
    tools: 38,
  },
  { label: "nothing set (defaults)", userConfig: {}, calls: "none", tools: 38 },
];

let passed = 0;
let failed = 0;
for (const { label, userConfig, calls, tools } of cases) {
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
  const result = await smoke({ name: `mcpb: ${label}`, ...config, calls, tools });
  passed += result.passed;
  failed += result.failed;
}
console.log(`  checks: ${passed} ok, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
