// Evaluates this repository's TypeScript sources from plain Node scripts (Node 20 cannot import .ts): esbuild
// bundles a small module that imports them (npm packages stay external and load from node_modules), and the
// result is imported from a temporary file. One mechanism for every script that needs the sources' values:
// scripts/build.mjs (the tools/list entries it inlines), scripts/docs.mjs (the generated README tables and
// manifest.json tools) and the CI scripts (how many tools a launch must list).
//
//   node scripts/sources.mjs tool-count [SERVER ARGS...]   prints how many tools the server serves with ARGS
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** esbuild options shared with the production bundle of scripts/build.mjs. */
export const common = {
  absWorkingDir: ROOT,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  logLevel: "warning",
};

let evaluations = 0;

/**
 * Bundles `contents` (TypeScript; import sources as "./src/x.ts", "./scripts/x.ts") and returns its exports.
 * The temporary file sits under node_modules/.cache so that its package imports resolve from node_modules.
 */
export async function evaluate(contents) {
  const dir = join(ROOT, "node_modules", ".cache", "luma-api-mcp");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sources-${process.pid}-${++evaluations}.mjs`);
  await build({
    ...common,
    stdin: { contents, resolveDir: ROOT, loader: "ts" },
    packages: "external",
    outfile: file,
  });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

let selection;

/**
 * How many tools the server built from these sources lists when started with `args` (its own arguments, after
 * the bin) and `env`: the catalog filtered by the same parseArgs and selectTools the server runs.
 */
export async function servedToolCount(args = [], env = {}) {
  selection ??= evaluate(`export { parseArgs } from "./src/config.ts";
export { selectTools } from "./src/tools/select.ts";`);
  const { parseArgs, selectTools } = await selection;
  return selectTools(parseArgs(args, env).config).tools.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [command, ...args] = process.argv.slice(2);
  if (command !== "tool-count") {
    process.stderr.write("usage: node scripts/sources.mjs tool-count [SERVER ARGS...]\n");
    process.exit(2);
  }
  process.stdout.write(`${await servedToolCount(args)}\n`);
}
