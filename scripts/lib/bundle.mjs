// What any bundle of a server on the SDK v2 can leave out at start, shared by scripts/build.mjs (dist/) and
// the bench's bundled SDK reference (bench/cold.mjs), so that both are trimmed alike.

/**
 * The SDK's Node shims load its bundled Ajv (about 300 KB) at start, only to check elicitation answers
 * against their schema; this server checks the answers it asks for itself, so the shims get a validator
 * that takes every answer as it is.
 */
const noSdkValidator = {
  name: "no-sdk-validator",
  setup(b) {
    b.onLoad({ filter: /@modelcontextprotocol[\\/]server[\\/]dist[\\/]shimsNode\.mjs$/ }, () => ({
      loader: "js",
      contents: `import process from "node:process";
export class DefaultJsonSchemaValidator {
  getValidator() { return (input) => ({ valid: true, data: input, errorMessage: undefined }); }
}
export { process };`,
    }));
  },
};

/** zod's messages in English only; `z.locales.*` is never used. */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      loader: "js",
      contents: 'export { default as en } from "./en.js";',
    }));
  },
};

/** The trims for the SDK and zod, in the order the build applies them. */
export const SDK_TRIMS = [noSdkValidator, zodEnglishOnly];

/** Bundled CommonJS dependencies (ajv, undici's internals) call require() for Node's built-ins. */
export const REQUIRE_BANNER =
  "import{createRequire as __luma_cr}from'node:module';const require=__luma_cr(import.meta.url);";
