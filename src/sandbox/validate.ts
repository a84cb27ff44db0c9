// Sandbox: checks POST bodies against Luma's request JSON Schemas (vendored from its OpenAPI by
// scripts/vendor-luma-spec.mjs), so that a bad body gets the 400 that Luma would give, with a message that
// names the field. Validators are compiled on first use only: most sandbox sessions touch a handful of
// routes, and compiling every schema would slow start-up.

import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { createAjv } from "../schemas/ajv.js";
import paramToolBodies from "../schemas/param-tool-bodies.json" with { type: "json" };
import requestBodies from "../schemas/request-bodies.json" with { type: "json" };
import { badRequest } from "./errors.js";

/** Every POST route's body schema: the body tools' (request-bodies.json) and the parameter tools'. */
const SCHEMAS: Record<string, object> = {
  ...(requestBodies as Record<string, object>),
  ...(paramToolBodies as Record<string, object>),
};

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(path: string): ValidateFunction {
  const cached = compiled.get(path);
  if (cached) return cached;
  const schema = SCHEMAS[path];
  // Every POST route has a schema; a missing one is a sandbox bug, not a reason to skip validation.
  if (!schema) throw new Error(`sandbox: no request schema for ${path}`);
  ajv ??= createAjv();
  const validate = ajv.compile(schema);
  compiled.set(path, validate);
  return validate;
}

/** Throws a 400 naming what is wrong unless `body` matches the request schema of `path`. */
export function validateBody(path: string, body: unknown): void {
  const validate = validatorFor(path);
  if (validate(body)) return;
  throw badRequest(`Invalid request body: ${describeErrors(validate.errors ?? [])}`);
}

function fieldName(instancePath: string): string {
  return instancePath
    .slice(1)
    .split("/")
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join("")
    .replace(/^\./, "");
}

function fieldLabel(instancePath: string): string {
  const field = fieldName(instancePath);
  return field ? `\`${field}\`` : "body";
}

function describe(error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  const at = fieldLabel(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      return `missing required field \`${field ? `${field}.` : ""}${missing}\``;
    }
    case "enum":
      return `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${at} ${error.message ?? "is invalid"}`;
  }
}

/** The innermost union branch (`.../oneOf/1`) that an error comes from, if any. */
function branchOf(error: ErrorObject): string | undefined {
  return /^(.*\/(?:oneOf|anyOf)\/\d+)\//.exec(error.schemaPath)?.[1];
}

/**
 * ajv reports every failed branch of a union. A branch whose discriminator (`platform`,
 * `discount_type`, ...) did not match is noise, and so are the "must match a schema" summaries; what is
 * left names what the caller can fix. Type errors at one field merge into "must be string or null".
 */
function describeErrors(errors: ErrorObject[]): string {
  const specific = errors.filter((e) => !["anyOf", "oneOf", "allOf", "if"].includes(e.keyword));
  const missedBranches = new Set(specific.filter((e) => e.keyword === "const").map(branchOf));
  missedBranches.delete(undefined);
  const relevant = specific.filter((e) => !missedBranches.has(branchOf(e)));
  const pool = relevant.length > 0 ? relevant : specific.length > 0 ? specific : errors;

  const typesAt = new Map<string, Set<string>>();
  for (const error of pool) {
    if (error.keyword !== "type") continue;
    const types = typesAt.get(error.instancePath) ?? new Set<string>();
    types.add(String((error.params as { type: unknown }).type));
    typesAt.set(error.instancePath, types);
  }
  const messages = pool.map((error) => {
    const types = typesAt.get(error.instancePath);
    if (error.keyword !== "type" || !types) return describe(error);
    return `${fieldLabel(error.instancePath)} must be ${[...types].join(" or ")}`;
  });
  return [...new Set(messages)].slice(0, 4).join("; ");
}
