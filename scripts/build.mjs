#!/usr/bin/env node
// Bundles the server into dist/ with esbuild: the entry file and the one chunk a start loads, plus lazily loaded
// chunks (the HTTP client, the call pipeline and the tools, the request-body validator, the sandbox, HTTP and
// OAuth mode), so a cold start parses only what serving needs. Type checking is `tsc --noEmit`.
//
// Cold start is measured by `npm run bench` (bench/run.mjs, docs/performance.md); each trim below was kept
// because it moved that figure on a 2-core machine (the SDK and zod trims are shared with the bench's bundled
// SDK reference, scripts/lib/bundle.mjs):
// - undici: only the Agent and `request` that src/luma/client.ts uses, not undici's index.js, which loads
//   fetch, WebSocket, the mocks and the caches at start (about 60 ms); its HTTP/2 client on first use only;
// - the SDK's Node shims load its bundled Ajv, used only to check elicitation answers (about 13 ms);
// - zod's error messages in English only, not its 40 locales (about 250 KB less to parse);
// - the tools/list entries are computed here, once, from the same sources, and inlined as JSON text (about
//   20 ms of zod JSON Schema conversion at every start, and JSON parses faster than a literal);
//   src/tools/list-entry.ts falls back to computing them when run from source;
// - so is every tool's summary (src/tools/catalog.ts): a start selects and lists tools without evaluating the
//   toolset files and their zod schemas (about 20 ms), which load with the call pipeline;
// - all that a start loads is in one chunk beside dist/index.js instead of eleven (one-start-chunk below):
//   about 20 ms of the ESM loader's work per start.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { REQUIRE_BANNER, SDK_TRIMS } from "./lib/bundle.mjs";
import { common, evaluate, ROOT } from "./sources.mjs";

const OUT = join(ROOT, "dist");
const UNDICI = join(ROOT, "node_modules", "undici");

/** What src/ may import from undici; the slim entry below provides exactly these. */
const UNDICI_NAMES = new Set(["Agent", "request", "Dispatcher"]);

/** `import { Agent, request } from "undici"` in src/ -> an entry with just those, not undici's index.js. */
const slimUndici = {
  name: "slim-undici",
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => {
      if (!args.importer.startsWith(join(ROOT, "src"))) return undefined;
      const source = readFileSync(args.importer, "utf8");
      for (const clause of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"undici"/g)) {
        for (const raw of (clause[1] ?? "").split(",")) {
          const name = raw
            .replace(/^\s*type\s+/, "")
            .split(/\s+as\s+/)[0]
            ?.trim();
          if (name && !UNDICI_NAMES.has(name)) {
            throw new Error(
              `${args.importer} imports ${name} from undici: add it to scripts/build.mjs's slim entry.`,
            );
          }
        }
      }
      return { path: "undici-slim", namespace: "slim-undici" };
    });
    // undici's own makeDispatcher (index.js), so request(url, { dispatcher, ... }) behaves exactly as there.
    b.onLoad({ filter: /.*/, namespace: "slim-undici" }, () => ({
      resolveDir: UNDICI,
      loader: "js",
      contents: `
const Agent = require("./lib/dispatcher/agent.js");
const Dispatcher = require("./lib/dispatcher/dispatcher.js");
const api = require("./lib/api/index.js");
const util = require("./lib/core/util.js");
const { InvalidArgumentError } = require("./lib/core/errors.js");
const { getGlobalDispatcher } = require("./lib/global.js");
Object.assign(Dispatcher.prototype, api);
function makeDispatcher(fn) {
  return (url, opts, handler) => {
    if (typeof opts === "function") { handler = opts; opts = null; }
    if (!url || (typeof url !== "string" && typeof url !== "object" && !(url instanceof URL))) throw new InvalidArgumentError("invalid url");
    if (opts != null && typeof opts !== "object") throw new InvalidArgumentError("invalid opts");
    if (opts && opts.path != null) {
      if (typeof opts.path !== "string") throw new InvalidArgumentError("invalid opts.path");
      const path = opts.path.startsWith("/") ? opts.path : "/" + opts.path;
      url = new URL(util.parseOrigin(url).origin + path);
    } else {
      if (!opts) opts = typeof url === "object" ? url : {};
      url = util.parseURL(url);
    }
    const { agent, dispatcher = getGlobalDispatcher() } = opts;
    if (agent) throw new InvalidArgumentError("unsupported opts.agent. Did you mean opts.client?");
    return fn.call(dispatcher, { ...opts, origin: url.origin, path: url.search ? url.pathname + url.search : url.pathname, method: opts.method || (opts.body ? "PUT" : "GET") }, handler);
  };
}
module.exports = { Agent, Dispatcher, request: makeDispatcher(api.request) };
`,
    }));
  },
};

/** undici's HTTP/2 client loads node:http2 (about 10 ms); Luma is reached over HTTP/1.1, so load it on first use. */
const lazyHttp2 = {
  name: "lazy-http2",
  setup(b) {
    b.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
      args.importer === join(UNDICI, "lib", "dispatcher", "client.js")
        ? { path: "client-h2", namespace: "lazy-http2" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-http2" }, () => ({
      resolveDir: join(UNDICI, "lib", "dispatcher"),
      loader: "js",
      contents: `module.exports = function connectH2(...args) { return require("${join(UNDICI, "lib", "dispatcher", "client-h2.js")}")(...args); };`,
    }));
  },
};

/**
 * A start loads one chunk beside dist/index.js, not a dozen. esbuild puts each module shared between the
 * entry and the lazily imported modules into a chunk per set of importers, so the modules a start needs
 * were spread over eleven chunks, each costing the ESM loader its resolve, read and compile steps. Every
 * lazily imported module of src/ is made to import the entry's own imports too (harmless: they are loaded
 * before any lazy module is), so all that a start loads is shared by every entry, and lands in one chunk.
 */
function oneStartChunk() {
  const SRC = join(ROOT, "src");
  const sourceFiles = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [join(dir, entry.name)]
          : [],
    );
  const lazy = new Set();
  for (const file of sourceFiles(SRC)) {
    for (const [, target] of readFileSync(file, "utf8").matchAll(/\bimport\(\s*"(\.[^"]+)\.js"/g)) {
      lazy.add(join(dirname(file), `${target}.ts`));
    }
  }
  const entry = join(SRC, "index.ts");
  const startImports = [...readFileSync(entry, "utf8").matchAll(/^import (?!type )[^;]*?from "([^"]+)";$/gm)]
    .map(([, specifier]) => specifier)
    .filter((specifier) => !specifier.startsWith("node:"))
    .map((specifier) =>
      specifier.startsWith(".") ? join(SRC, specifier.replace(/\.js$/, ".ts")) : specifier,
    );
  const prelude = startImports.map((specifier) => `import ${JSON.stringify(specifier)};\n`).join("");
  const plugin = {
    name: "one-start-chunk",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!lazy.has(args.path)) return undefined;
        return {
          contents: prelude + readFileSync(args.path, "utf8"),
          loader: "ts",
          resolveDir: dirname(args.path),
        };
      });
    },
  };
  return { plugin, lazy };
}

/**
 * Every tool's summary, in catalog order, and its tools/list entry with its [[segments]] marked, by wire
 * name: computed by the sources themselves (src/tools/define.ts summaryOf, src/tools/list-entry.ts).
 */
async function catalogData() {
  return evaluate(`import { summaryOf } from "./src/tools/define.ts";
import { TOOLS } from "./src/tools/index.ts";
import { markedEntry } from "./src/tools/list-entry.ts";
export const summaries = TOOLS.map(summaryOf);
export const entries = Object.fromEntries(TOOLS.map((tool) => [tool.wireName, markedEntry(tool)]));`);
}

/** The licence texts of the packages bundled into dist/ (their MIT/BSD terms ask that they travel along). */
function writeThirdPartyLicenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (match) packages.set(match[1], join(ROOT, "node_modules", match[1]));
  }
  const sections = [...packages].sort().map(([name, dir]) => {
    const { version, license, repository } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    // koa-compose (under oidc-provider, OAuth mode) publishes no licence file, only "MIT" in package.json.
    if ((!file || !existsSync(join(dir, file))) && license === "MIT" && repository) {
      const repo = typeof repository === "string" ? repository : repository.url;
      return `${name}@${version} (${license})\n\nThe package ships no licence file; its package.json declares the MIT License. Source: ${repo}\n`;
    }
    if (!file || !existsSync(join(dir, file))) throw new Error(`${name} ships no licence file to bundle`);
    return `${name}@${version} (${license})\n\n${readFileSync(join(dir, file), "utf8").trim()}\n`;
  });
  writeFileSync(
    join(OUT, "THIRD_PARTY_LICENSES.txt"),
    `luma-api-mcp bundles these packages into dist/.\n\n${sections.join(`\n${"-".repeat(72)}\n\n`)}`,
  );
}

/**
 * oidc-provider (OAuth mode only) names its models after their classes (`kind`, adapter model names), which
 * minified identifiers would erase; it is bundled on its own with keepNames, and the main bundle imports
 * that file, so the rest keeps its short names and its cold start.
 */
const OIDC_FILE = "oidc-provider.js";
const oidcExternal = {
  name: "oidc-provider-apart",
  setup(b) {
    b.onResolve({ filter: /^oidc-provider$/ }, () => ({ path: `./${OIDC_FILE}`, external: true }));
  },
};

rmSync(OUT, { recursive: true, force: true });
const { summaries, entries } = await catalogData();
const startChunk = oneStartChunk();
const { metafile } = await build({
  ...common,
  entryPoints: ["src/index.ts"],
  outdir: OUT,
  splitting: true,
  minify: true,
  keepNames: false,
  legalComments: "none",
  metafile: true,
  chunkNames: "chunks/[name]-[hash]",
  // As JSON text, parsed at start: V8 parses JSON far faster than the same data as a JavaScript literal.
  define: {
    __LUMA_CATALOG__: JSON.stringify(JSON.stringify(summaries)),
    __LUMA_TOOL_LIST__: JSON.stringify(JSON.stringify(entries)),
  },
  plugins: [slimUndici, lazyHttp2, ...SDK_TRIMS, oidcExternal, startChunk.plugin],
  banner: { js: REQUIRE_BANNER },
});
const oidc = await build({
  ...common,
  stdin: {
    contents: 'export * from "oidc-provider"; export { default } from "oidc-provider";',
    resolveDir: ROOT,
    sourcefile: "oidc-provider-entry.js",
  },
  outfile: join(OUT, "chunks", OIDC_FILE),
  minify: true,
  keepNames: true,
  legalComments: "none",
  metafile: true,
  banner: { js: REQUIRE_BANNER },
});
Object.assign(metafile.inputs, oidc.metafile.inputs);
// A lazy module that a start also reaches statically would import the entry's imports from inside the start
// (an import cycle that changes what evaluates first): refuse such a build.
for (const chunk of metafile.outputs["dist/index.js"].imports.filter(
  (i) => i.kind === "import-statement" && !i.external,
)) {
  const eager = Object.keys(metafile.outputs[chunk.path].inputs).filter((input) =>
    startChunk.lazy.has(join(ROOT, input)),
  );
  if (eager.length) throw new Error(`${eager.join(", ")}: imported lazily, yet loaded at start`);
}
chmodSync(join(OUT, "index.js"), 0o755);
writeThirdPartyLicenses(metafile);
