// The one JSON Schema validator setup of this repository: the body tools' check (src/calls/request-bodies.ts),
// the sandbox's body check (src/sandbox/validate.ts) and the tests all build their Ajv here, so a schema
// means the same thing to each of them.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

/**
 * A JSON Schema 2020-12 validator with ajv-formats (`date-time`, `email`, `uri`, ...), reporting every
 * error, lenient about keywords it does not know (Luma's schemas carry OpenAPI extras).
 *
 * Schemas are not checked against the 2020-12 meta-schema when compiled: the ones compiled here are
 * vendored, and test/schemas.test.ts checks them all once (`ajv.validateSchema`); checking again at run
 * time would compile the meta-schema too, about 100 ms on the first body call.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  return ajv;
}
