// For every tool: the exact request Luma receives for its row of test/tools/cases.ts (method, path, query
// with repeated params, JSON body, key header), through the real server and client with MockAgent in place
// of Luma; and what the webhook tools do with a signing secret.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SIGNATURE_NOTE } from "../../src/tools/webhooks.js";
import { TOOLS } from "../support/catalog.js";
import { connect, TEST_KEY } from "../support/in-process.js";
import { expectRequest } from "../support/mock-luma.js";
import { json, textOf } from "../support/results.js";
import { CASES } from "./cases.js";

describe("every tool sends exactly the request Luma expects", () => {
  // A fresh server for each test, serving every tool: the repeat guard remembers writes, and no test should
  // meet another's. No confirmation step here (LUMA_CONFIRM=never): it has its own tests.
  let server: Awaited<ReturnType<typeof connect>>;
  beforeEach(async () => {
    server = await connect({
      config: { toolsets: ["all"], confirm: "never" },
      respond: (req) => ({
        body: req.path.endsWith("/list") ? { entries: [], has_more: false } : { ok: true },
      }),
    });
  });
  afterEach(() => server.close());

  it("has a row for every tool of the catalog, and none for a tool it lacks", () => {
    expect(Object.keys(CASES).sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
  });

  it.each(TOOLS.map((tool) => ({ tool: tool.name, ...CASES[tool.name] })))(
    "$tool -> $method $path",
    async (c) => {
      if (!c.args || !c.method || !c.path) throw new Error(`${c.tool} has no row in test/tools/cases.ts`);
      const before = server.requests.length;
      const result = await server.call(c.tool, c.args);
      expect(result.isError, textOf(result)).toBeFalsy();
      expectRequest(
        server.requests.slice(before),
        { ...c, args: c.args, method: c.method, path: c.path },
        TEST_KEY,
      );
    },
  );

  it("accepts request_body as a JSON string too", async () => {
    const body = { name: "VIP" };
    const result = await server.call("CreatePersonTag", {
      mode: "execute",
      request_body: JSON.stringify(body),
    });
    expect(result.isError).toBeFalsy();
    expect(server.requests.at(-1)?.body).toEqual(body);
  });

  it("URL-encodes query values so they cannot change the path or add parameters", async () => {
    await server.call("LumaEntityLookup", { entity_slug: "../../v1/admin?x=1&slug=evil#frag" });
    const seen = server.requests.at(-1);
    expect(seen?.path).toBe("/v1/entities/lookup");
    expect(seen?.query).toEqual({ slug: "../../v1/admin?x=1&slug=evil#frag" });
  });
});

describe("a webhook's signing secret is shown once", () => {
  const webhook = {
    id: "wh-1",
    url: "https://example.com/hook",
    event_types: ["*"],
    status: "active",
    secret: "whsec_do_not_repeat",
    created_at: "2026-09-01T00:00:00.000Z",
  };
  // A fresh server for each test: the repeat guard remembers writes, and no test should meet another's.
  let server: Awaited<ReturnType<typeof connect>>;
  beforeEach(async () => {
    server = await connect({
      config: { toolsets: ["webhooks"] },
      respond: (req) => ({
        body: req.path === "/v1/webhooks/list" ? { entries: [webhook], has_more: false } : webhook,
      }),
    });
  });
  afterEach(() => server.close());

  it("CreateWebhook answers the secret with how to verify deliveries", async () => {
    const result = await server.call("CreateWebhook", { url: webhook.url, event_types: ["*"] });
    expect(json(result)).toMatchObject({ secret: webhook.secret, note: SIGNATURE_NOTE });
    expect(textOf(result)).toContain("Webhook-Signature");
  });

  it.each([
    ["ListWebhooks", {}],
    ["GetWebhook", { id: "wh-1" }],
    ["UpdateWebhook", { id: "wh-1", status: "paused" }],
  ] as const)("%s hides it", async (tool, args) => {
    const result = await server.call(tool, args);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).not.toContain(webhook.secret);
    expect(textOf(result)).toContain("CreateWebhook showed it once");
  });
});
