#!/usr/bin/env node
// Regenerates the Luma data this project vendors, from Luma's published OpenAPI document and the newer
// path list. Run by hand when the spec changes; nothing reads those two files at build, test or run time.
//   node scripts/vendor-luma-spec.mjs <openapi.json> <paths.json>
//
// The document it takes is the one SOURCE names (checked by its sha256, so what the vendored files credit
// is what they came from): Luma's openapi.json as served on 2026-08-07, byte for byte. It is Luma's work
// ("Proprietary", published by Luma for building integrations): the parts the server needs are bundled with
// that credit (SOURCE.credit, written into src/luma/vocabulary.ts; README's Credits say the same).
// A newer document: update SOURCE, run this, and review what changed.
//
// Which operations: those of the tool catalog (TOOLS in src/tools/index.ts), each tool's method, path
// and kind, evaluated from the TypeScript sources by scripts/sources.mjs; every one must be in the spec.
// Writes:
// - src/schemas/request-bodies.json: the request body of every body tool (bundled with the server);
// - src/schemas/param-tool-bodies.json: the request body of every POST parameter tool (the sandbox checks
//   these bodies; the tools build them from their own parameters);
// - src/luma/vocabulary.ts: Luma's enumerations that tools and sandbox share (see VOCABULARY below);
// - test/fixtures/luma-response-schemas.json: the 200 response schema of every tool's operation;
// - test/fixtures/luma-paths.json: the path list, as given.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate, ROOT } from "./sources.mjs";

const [openapiFile, pathsFile] = process.argv.slice(2);
if (!openapiFile || !pathsFile) {
  console.error("usage: node scripts/vendor-luma-spec.mjs <openapi.json> <paths.json>");
  process.exit(2);
}

/** The OpenAPI document this script vendors from, and where it comes from (see the header). */
const SOURCE = {
  sha256: "ce307166fa60d3bf3a9c7a18ce60c0076d5460a210c8c307aae0cf11bc6dab14",
  file: "openapi-2026-08-07.json",
  credit:
    "Luma's OpenAPI document as served at https://public-api.luma.com/openapi.json on 2026-08-07 (66 operations, sha256 ce307166…), via github.com/voxgig-sdk/luma-sdk .sdk/def/luma-openapi.json at commit 94f38ecf46b4225c0c6e2bfeb88ccbb8bf5a7617; licence \"Proprietary\", published by Luma for building integrations: Luma's work, not this project's.",
};

const openapiBytes = readFileSync(openapiFile);
const digest = createHash("sha256").update(openapiBytes).digest("hex");
if (digest !== SOURCE.sha256) {
  console.error(
    `${openapiFile} is not ${SOURCE.file} (sha256 ${digest}, expected ${SOURCE.sha256}): update SOURCE for a newer document`,
  );
  process.exit(2);
}
const spec = JSON.parse(openapiBytes.toString("utf8"));

/** The catalog's tools as plain data: { name, method, path, kind, optIn }, in catalog order. */
async function catalog() {
  const { TOOLS } = await evaluate(`export { TOOLS } from "./src/tools/index.ts";`);
  return TOOLS.map(({ name, method, path, kind, optIn }) => ({ name, method, path, kind, optIn }));
}

// Every route the tools call is in the spec under its current path (the 2026-08-07 document lists the
// renamed routes under their new names, and the four routes it added).

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// Drops what costs a model tokens and says nothing a validator with ajv-formats needs: the draft marker,
// the 600-character date-time regex that duplicates `format: date-time`, and +-2^53 integer bounds.
function compact(node) {
  if (Array.isArray(node)) return node.map(compact);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema") continue;
    if (key === "pattern" && node.format === "date-time") continue;
    if ((key === "minimum" && value === -MAX_SAFE) || (key === "maximum" && value === MAX_SAFE)) continue;
    out[key] = compact(value);
  }
  return out;
}

function operation(method, path) {
  const op = spec.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${path} is not in the spec`);
  return op;
}

const requestBody = (method, path) =>
  operation(method, path).requestBody?.content?.["application/json"]?.schema;
const okResponse = (method, path) =>
  operation(method, path).responses["200"]?.content?.["application/json"]?.schema;

/** Walks object keys; a nullable union (`anyOf: [X, {type: "null"}]`) on the way is read as X. */
function dig(schema, keys, where) {
  let node = schema;
  for (const key of keys) {
    if (node?.anyOf && !(key in node)) {
      const branches = node.anyOf.filter((branch) => branch.type !== "null");
      if (branches.length !== 1) throw new Error(`${where}: no single non-null branch before ${key}`);
      node = branches[0];
    }
    node = node?.[key];
    if (node === undefined) throw new Error(`${where}: no ${keys.join(".")}`);
  }
  return node;
}

/** The one enumeration of a schema, looking through a nullable union and into an array's items. */
function enumOf(schema, where) {
  if (schema.type === "array" && schema.items) return enumOf(schema.items, where);
  const found = (schema.anyOf ?? [schema]).filter((branch) => Array.isArray(branch.enum));
  if (found.length !== 1) throw new Error(`${where}: expected one enum, found ${found.length}`);
  return found[0].enum;
}

/** Where the spec defines an enumeration: a query parameter, or a property of a request or 200 body. */
const query = (method, path, name) => ({
  where: `query \`${name}\` of ${method} ${path}`,
  schema: () => {
    const param = operation(method, path).parameters?.find((p) => p.in === "query" && p.name === name);
    if (!param) throw new Error(`${method} ${path} has no query parameter ${name}`);
    return param.schema;
  },
});
const inBody = (method, path, keys) => ({
  where: `\`${keys.filter((k) => k !== "properties" && k !== "items").join(".")}\` of ${method} ${path}'s body`,
  schema: () => dig(requestBody(method, path), keys, `${method} ${path} body`),
});
const inAnswer = (method, path, keys) => ({
  where: `\`${keys.filter((k) => k !== "properties" && k !== "items").join(".")}\` of ${method} ${path}'s answer`,
  schema: () => dig(okResponse(method, path), keys, `${method} ${path} answer`),
});

/** The keys from a list answer to a property of its entries. */
const ENTRY = ["properties", "entries", "items", "properties"];

/** The tools whose operation takes a `sort_direction` query parameter. */
const sortedTools = (tools) =>
  tools.filter((t) => operation(t.method, t.path).parameters?.some((p) => p.name === "sort_direction"));

/**
 * Luma's enumerations that the tools and the sandbox share, each with every place of the spec that
 * defines it for an operation of the default tools. The places must agree; the script stops if they do not.
 * (The opt-in tools' places are held to the same values by checkOptIn, below, without being listed.)
 */
function vocabulary(tools) {
  const sorted = sortedTools(tools);
  return [
    {
      name: "SORT_DIRECTIONS",
      doc: "Sort directions of the list routes",
      at: sorted.map((t) => query(t.method, t.path, "sort_direction")),
    },
    {
      name: "APPROVAL_STATUSES",
      doc: "A guest's approval status",
      at: [
        query("GET", "/v1/events/guests/list", "approval_status"),
        inAnswer("GET", "/v1/events/guests/get", ["properties", "approval_status"]),
        inAnswer("GET", "/v1/events/guests/list", ENTRY.concat("approval_status")),
      ],
    },
    {
      name: "MEMBERSHIP_STATUSES",
      doc: "A contact's calendar membership status",
      at: [
        query("GET", "/v1/calendars/contacts/list", "membership_status"),
        inAnswer("GET", "/v1/calendars/contacts/list", ENTRY.concat("membership", "properties", "status")),
      ],
    },
    {
      name: "TAG_COLORS",
      doc: "Contact tag colours",
      at: [
        inBody("POST", "/v1/calendars/contact-tags/create", ["properties", "color"]),
        inBody("POST", "/v1/calendars/contact-tags/update", ["properties", "color"]),
      ],
    },
    {
      name: "EVENT_ACCESS",
      doc: "Which events of the calendar's list (manage: it manages them; view: listed, managed elsewhere)",
      at: [query("GET", "/v1/calendars/events/list", "access")],
    },
    // The webhook tools are opt-in, but their enumeration has no other home: it is listed here too.
    {
      name: "WEBHOOK_EVENT_TYPES",
      doc: "What a webhook is sent for (* is everything)",
      at: [
        inBody("POST", "/v2/webhooks/create", ["properties", "event_types"]),
        inBody("POST", "/v2/webhooks/update", ["properties", "event_types"]),
        inAnswer("GET", "/v2/webhooks/get", ["properties", "event_types"]),
        inAnswer("GET", "/v1/webhooks/list", ENTRY.concat("event_types")),
      ],
    },
  ].map(({ name, doc, at }) => {
    if (at.length === 0) throw new Error(`${name}: defined nowhere`);
    const lists = at.map((place) => enumOf(place.schema(), place.where));
    for (const [i, list] of lists.entries()) {
      if (JSON.stringify(list) !== JSON.stringify(lists[0])) {
        throw new Error(
          `${name}: ${at[i].where} has ${JSON.stringify(list)}, ${at[0].where} has ${JSON.stringify(lists[0])}`,
        );
      }
    }
    return { name, doc, where: at.map((place) => place.where), values: lists[0] };
  });
}

/** The places of the opt-in tools' operations that define one of the enumerations: they must agree too. */
function checkOptIn(entries, optInTools) {
  const values = Object.fromEntries(entries.map((entry) => [entry.name, entry.values]));
  const places = [
    ...sortedTools(optInTools).map((t) => ["SORT_DIRECTIONS", query(t.method, t.path, "sort_direction")]),
    ["TAG_COLORS", inBody("POST", "/v1/calendars/event-tags/create", ["properties", "color"])],
    ["TAG_COLORS", inBody("POST", "/v1/calendars/event-tags/update", ["properties", "color"])],
  ];
  for (const [name, place] of places) {
    const list = enumOf(place.schema(), place.where);
    if (JSON.stringify(list) !== JSON.stringify(values[name])) {
      throw new Error(
        `${name}: ${place.where} has ${JSON.stringify(list)}, not ${JSON.stringify(values[name])}`,
      );
    }
  }
}

/** Every property name an object schema may have, across its allOf/anyOf/oneOf branches, in spec order. */
function propertyNames(schema) {
  const names = Object.keys(schema.properties ?? {});
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    for (const branch of schema[key] ?? []) names.push(...propertyNames(branch));
  }
  return [...new Set(names)];
}

/**
 * The fields of a list's entries, for the `fields` selection of the large list tools: a name outside these is
 * refused before anything is sent.
 */
function entryFields() {
  return [
    ["GUEST_FIELDS", "A guest's fields", "GET", "/v1/events/guests/list"],
    ["CONTACT_FIELDS", "A person's fields", "GET", "/v1/calendars/contacts/list"],
    [
      "EVENT_FIELDS",
      "A listed event's fields, managed, view-only or external",
      "GET",
      "/v1/calendars/events/list",
    ],
    ["ORGANIZATION_EVENT_FIELDS", "An organization event's fields", "GET", "/v1/organizations/events/list"],
  ].map(([name, doc, method, path]) => ({
    name,
    doc,
    where: [`\`entries\` of ${method} ${path}'s answer`],
    values: propertyNames(dig(okResponse(method, path), ["properties", "entries", "items"], path)),
  }));
}

/** Lines of at most `width` characters, each starting with `prefix`. */
function wrap(text, prefix, width = 110) {
  const lines = [];
  let line = prefix;
  for (const word of text.split(" ")) {
    if (line !== prefix && line.length + 1 + word.length > width) {
      lines.push(line);
      line = prefix;
    }
    line += line === prefix ? word : ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** src/luma/vocabulary.ts, laid out as biome formats it (one line when it fits in 110 characters). */
function vocabularySource(entries) {
  const out = [
    ...wrap(
      "Luma's enumerations, as its OpenAPI spells them, shared by the tools (what a model may pass) and the sandbox (what the simulated Luma accepts). Generated by scripts/vendor-luma-spec.mjs from Luma's OpenAPI: change that script, not this file.",
      "// ",
    ),
    "//",
    ...wrap(`Source: ${SOURCE.credit}`, "// "),
  ];
  for (const { name, doc, where, values } of entries) {
    out.push("", "/**", ...wrap(`${doc}: ${where.join("; ")}.`, " * "), " */");
    const items = values.map((v) => JSON.stringify(v));
    const oneLine = `export const ${name} = [${items.join(", ")}] as const;`;
    if (oneLine.length <= 110) out.push(oneLine);
    else out.push(`export const ${name} = [`, ...items.map((item) => `  ${item},`), "] as const;");
  }
  return `${out.join("\n")}\n`;
}

const tools = await catalog();
const requestBodies = {};
const paramToolBodies = {};
const responses = {};
for (const { name, method, path, kind } of tools) {
  if (method === "POST") {
    const schema = requestBody(method, path);
    if (!schema) throw new Error(`${name}: ${method} ${path} has no JSON request body in the spec`);
    (kind === "body" ? requestBodies : paramToolBodies)[path] = compact(schema);
  } else if (kind === "body") {
    throw new Error(`${name} is a body tool on ${method} ${path}`);
  }
  const ok = okResponse(method, path);
  if (!ok) throw new Error(`${path} has no 200 JSON response schema`);
  responses[`${method} ${path}`] = ok;
}

writeFileSync(join(ROOT, "src/schemas/request-bodies.json"), `${JSON.stringify(requestBodies)}\n`);
writeFileSync(join(ROOT, "src/schemas/param-tool-bodies.json"), `${JSON.stringify(paramToolBodies)}\n`);
const enumerations = vocabulary(tools.filter((t) => !t.optIn));
checkOptIn(
  enumerations,
  tools.filter((t) => t.optIn),
);
writeFileSync(join(ROOT, "src/luma/vocabulary.ts"), vocabularySource([...enumerations, ...entryFields()]));
writeFileSync(join(ROOT, "test/fixtures/luma-response-schemas.json"), `${JSON.stringify(responses)}\n`);
writeFileSync(
  join(ROOT, "test/fixtures/luma-paths.json"),
  `${JSON.stringify(JSON.parse(readFileSync(pathsFile, "utf8")))}\n`,
);
console.error(
  `wrote ${Object.keys(requestBodies).length} body-tool and ${Object.keys(paramToolBodies).length} parameter-tool request bodies, ${Object.keys(responses).length} response schemas`,
);
