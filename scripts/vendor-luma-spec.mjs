#!/usr/bin/env node
// Regenerates the Luma data this project vendors, from Luma's published OpenAPI document and the newer
// path list (see ../shared/luma/SOURCES.md). Run by hand when the spec changes; nothing reads ../shared
// at build, test or run time.
//   node scripts/vendor-luma-spec.mjs <openapi.json> <paths.json>
import { readFileSync, writeFileSync } from "node:fs";

const [openapiFile, pathsFile] = process.argv.slice(2);
if (!openapiFile || !pathsFile) {
  console.error("usage: node scripts/vendor-luma-spec.mjs <openapi.json> <paths.json>");
  process.exit(2);
}
const spec = JSON.parse(readFileSync(openapiFile, "utf8"));

// Current routes that the 62-operation spec still lists under their older names (TOOLS.md).
const SPEC_PATH = {
  "/v1/entities/lookup": "/v1/entity/lookup",
  "/v1/calendars/events/lookup": "/v1/calendar/lookup-event",
  "/v1/calendars/events/add": "/v1/calendar/add-event",
};

// The operations the 38 tools call: [method, current path].
const OPERATIONS = [
  ["get", "/v1/events/get"],
  ["get", "/v1/calendars/events/list"],
  ["get", "/v1/events/guests/get"],
  ["get", "/v1/events/guests/list"],
  ["get", "/v1/users/get-self"],
  ["get", "/v1/calendars/contact-tags/list"],
  ["get", "/v1/entities/lookup"],
  ["get", "/v1/calendars/events/lookup"],
  ["get", "/v1/calendars/contacts/list"],
  ["get", "/v1/events/coupons/list"],
  ["get", "/v1/calendars/coupons/list"],
  ["get", "/v1/events/ticket-types/list"],
  ["get", "/v1/events/ticket-types/get"],
  ["get", "/v1/memberships/tiers/list"],
  ["post", "/v1/calendars/contact-tags/update"],
  ["post", "/v1/calendars/contact-tags/delete"],
  ["post", "/v1/calendars/contact-tags/apply"],
  ["post", "/v1/calendars/contact-tags/unapply"],
  ["post", "/v1/events/ticket-types/delete"],
  ["post", "/v1/memberships/members/update-status"],
  ["get", "/v1/calendars/get"],
  ["post", "/v1/events/create"],
  ["post", "/v1/events/update"],
  ["post", "/v1/events/guests/update-status"],
  ["post", "/v1/events/guests/send-invites"],
  ["post", "/v1/events/guests/add"],
  ["post", "/v1/events/hosts/add"],
  ["post", "/v1/events/coupons/create"],
  ["post", "/v1/events/coupons/update"],
  ["post", "/v1/calendars/coupons/create"],
  ["post", "/v1/calendars/coupons/update"],
  ["post", "/v1/calendars/contacts/import"],
  ["post", "/v1/calendars/contact-tags/create"],
  ["post", "/v1/calendars/events/add"],
  ["post", "/v1/images/create-upload-url"],
  ["post", "/v1/events/ticket-types/create"],
  ["post", "/v1/events/ticket-types/update"],
  ["post", "/v1/memberships/members/add"],
];
// The body tools: their request bodies are bundled into the package.
const BODY_PATHS = new Set([
  "/v1/events/create",
  "/v1/events/update",
  "/v1/events/guests/update-status",
  "/v1/events/guests/send-invites",
  "/v1/events/guests/add",
  "/v1/events/hosts/add",
  "/v1/events/coupons/create",
  "/v1/events/coupons/update",
  "/v1/calendars/coupons/create",
  "/v1/calendars/coupons/update",
  "/v1/calendars/contacts/import",
  "/v1/calendars/contact-tags/create",
  "/v1/calendars/events/add",
  "/v1/images/create-upload-url",
  "/v1/events/ticket-types/create",
  "/v1/events/ticket-types/update",
  "/v1/memberships/members/add",
]);

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
  const op = spec.paths[SPEC_PATH[path] ?? path]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the spec`);
  return op;
}

const requestBodies = {};
const responses = {};
for (const [method, path] of OPERATIONS) {
  const op = operation(method, path);
  if (BODY_PATHS.has(path)) {
    requestBodies[path] = compact(op.requestBody.content["application/json"].schema);
  }
  const ok = op.responses["200"]?.content?.["application/json"]?.schema;
  if (!ok) throw new Error(`${path} has no 200 JSON response schema`);
  responses[`${method.toUpperCase()} ${path}`] = ok;
}
if (Object.keys(requestBodies).length !== BODY_PATHS.size) throw new Error("missing a request body");

writeFileSync("src/schemas/request-bodies.json", `${JSON.stringify(requestBodies)}\n`);
writeFileSync("test/fixtures/luma-response-schemas.json", `${JSON.stringify(responses)}\n`);
writeFileSync(
  "test/fixtures/luma-paths.json",
  `${JSON.stringify(JSON.parse(readFileSync(pathsFile, "utf8")))}\n`,
);
console.error(
  `wrote ${Object.keys(requestBodies).length} request bodies, ${Object.keys(responses).length} response schemas`,
);
