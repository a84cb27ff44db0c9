// The request bodies of the 17 body tools: Luma's published JSON Schemas (bundled, $refs resolved) and the
// check every `execute` passes before anything is sent. Loaded lazily by define.ts on the first body call.
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { nearestName } from "../nearest.js";
import { createAjv } from "../schemas/ajv.js";
import schemas from "../schemas/request-bodies.json" with { type: "json" };
import { InputError } from "../tools/contract.js";
import { argumentProblem } from "./arguments.js";

type Schema = Record<string, unknown>;
const SCHEMAS = schemas as Record<string, Schema>;

const ajv = createAjv();
const validators = new Map<string, ValidateFunction>();

export function requestSchema(path: string): Schema {
  const schema = SCHEMAS[path];
  if (!schema) throw new Error(`No bundled request schema for ${path}`);
  return schema;
}

/** Parses and validates a request_body; returns the body to send or throws an InputError listing every problem. */
export function checkBody(
  path: string,
  raw: unknown,
  tool: { required: readonly string[]; unvalidated?: readonly string[] },
): Record<string, unknown> {
  if (raw === undefined) {
    // A body with no required field (an upload URL's) may be left out: Luma takes {}.
    if (tool.required.length === 0) return {};
    throw new InputError(
      'request_body is required when mode is "execute"; call with mode "get_request_schema" to see its fields.',
    );
  }
  let body: unknown = raw;
  if (typeof raw === "string") {
    try {
      body = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`request_body is not valid JSON (${(error as Error).message}).`);
    }
    // The object form was checked with the other arguments; the decoded string gets the same check.
    const problem = argumentProblem(body, "request_body");
    if (problem) throw new InputError(problem);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InputError("request_body must be a JSON object.");
  }
  const toValidate: Record<string, unknown> = { ...body };
  for (const field of tool.unvalidated ?? []) delete toValidate[field];

  const schema = requestSchema(path);
  let validate = validators.get(path);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(path, validate);
  }
  const problems = unknownFields(toValidate, schema, "$");
  if (!validate(toValidate)) problems.push(...describeErrors(validate.errors ?? []));
  if (problems.length > 0) {
    throw new InputError(
      `request_body does not match Luma's schema: ${[...new Set(problems)].join("; ")}. Call with mode "get_request_schema" for the fields.`,
    );
  }
  return body as Record<string, unknown>;
}

function jsonPath(instancePath: string): string {
  return `$${instancePath
    .split("/")
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, "/").replace(/~0/g, "~")}`))
    .join("")}`;
}

function describeErrors(errors: ErrorObject[]): string[] {
  return errors
    .filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf" && e.keyword !== "if")
    .map((e) => {
      if (e.keyword === "required")
        return `${jsonPath(e.instancePath)}: missing required field \`${e.params.missingProperty}\``;
      if (e.keyword === "enum")
        return `${jsonPath(e.instancePath)}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
      if (e.keyword === "const")
        return `${jsonPath(e.instancePath)}: must be ${JSON.stringify(e.params.allowedValue)}`;
      return `${jsonPath(e.instancePath)}: ${e.message}`;
    });
}

/** The property schemas an object may have under `schema`, merged across allOf/anyOf/oneOf branches. */
function propertiesOf(schema: unknown): Map<string, unknown[]> | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const s = schema as Schema;
  let found: Map<string, unknown[]> | undefined;
  const add = (name: string, sub: unknown) => {
    found ??= new Map();
    found.set(name, [...(found.get(name) ?? []), sub]);
  };
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) return undefined;
  for (const [name, sub] of Object.entries((s.properties as Schema | undefined) ?? {})) add(name, sub);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    for (const branch of (s[key] as unknown[] | undefined) ?? []) {
      const inner = propertiesOf(branch);
      if (inner === undefined && typeof branch === "object" && (branch as Schema).type === "object")
        return undefined;
      for (const [name, subs] of inner ?? []) for (const sub of subs) add(name, sub);
    }
  }
  return found;
}

/** Fields the schema does not know, with the nearest known name: Luma would silently drop them. */
function unknownFields(value: unknown, schema: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    const items = (schema as Schema | undefined)?.items;
    return items ? value.flatMap((item, i) => unknownFields(item, items, `${path}[${i}]`)) : [];
  }
  if (typeof value !== "object" || value === null) return [];
  const known = propertiesOf(schema);
  if (!known) return [];
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const subs = known.get(key);
    if (!subs) {
      const nearest = nearestName(key, [...known.keys()]);
      problems.push(`${path}: \`${key}\` is not a field${nearest ? `; did you mean \`${nearest}\`?` : ""}`);
      continue;
    }
    for (const sub of subs) {
      const nested = unknownFields(child, sub, `${path}.${key}`);
      if (nested.length === 0) break;
      if (sub === subs[subs.length - 1]) problems.push(...nested);
    }
  }
  return problems;
}
