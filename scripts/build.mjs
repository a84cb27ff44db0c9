#!/usr/bin/env node
// Bundles the server into dist/ with esbuild: one entry file plus lazily loaded chunks (the request-body
// validator and the sandbox), so a cold start parses only what serving needs. Type checking is `tsc --noEmit`.
import { chmodSync, rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/index.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  minify: true,
  keepNames: false,
  legalComments: "linked",
  chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS dependencies (ajv, undici's internals) call require() for Node's built-ins.
  banner: {
    js: "import{createRequire as __luma_cr}from'node:module';const require=__luma_cr(import.meta.url);",
  },
  logLevel: "warning",
});
chmodSync("dist/index.js", 0o755);
