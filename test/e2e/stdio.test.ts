// End to end: the built bin spawned over stdio, calling tools against a real HTTP server on 127.0.0.1
// that plays Luma (the sandbox's simulator, started here on its own, reached through LUMA_BASE_URL).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../../src/sandbox/listen.js";
import { startSandbox } from "../../src/sandbox/server.js";
import { DEFAULT_TOOLS, TOOLS } from "../support/catalog.js";
import { json } from "../support/results.js";
import { type SpawnedServer, spawnServer } from "../support/spawn.js";

const KEY = "e2e-key-5d3f";

describe("the built server over stdio", () => {
  // A fresh Luma and server for each test: none sees another's writes.
  let luma: RunningSandbox;
  let server: SpawnedServer;
  beforeEach(async () => {
    luma = await startSandbox();
    server = await spawnServer([], { LUMA_API_KEY: KEY, LUMA_BASE_URL: luma.url });
  });
  afterEach(async () => {
    await server.close();
    await luma.close();
  });

  it("initializes with its name and instructions", () => {
    expect(server.serverName()).toBe("luma-api-mcp");
    expect(server.instructions()).toMatch(/get_request_schema/);
  });

  it("reads the calendar and its events", async () => {
    const calendar = json(await server.call("GetCalendar"));
    expect(calendar.id).toMatch(/^cal-/);
    const events = json(await server.call("ListLumaCalendarEvents", { number_of_items_to_return: 2 }));
    expect(events.entries).toHaveLength(2);
    expect(events.has_more).toBe(true);
  });

  it("creates an event and reads it back", async () => {
    const created = json(
      await server.call("CreateEvent", {
        mode: "execute",
        request_body: JSON.stringify({
          name: "E2E launch",
          start_at: "2027-01-15T18:00:00.000Z",
          timezone: "UTC",
        }),
      }),
    );
    expect(created.id).toMatch(/^evt-/);
    const event = json(await server.call("GetEventAdminInfo", { event_id: created.id }));
    expect(JSON.stringify(event)).toContain("E2E launch");
  });

  it("reports a Luma 404 and a bad argument as isError results", async () => {
    const missing = await server.call("GetEventAdminInfo", { event_id: "evt-doesnotexist" });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain("HTTP 404");
    const bad = await server.call("GetEventGuests", {});
    expect(bad.isError).toBe(true);
  });

  it("keeps stdout to JSON-RPC and logs only to stderr, never the key", async () => {
    expect(json(await server.call("GetCalendar")).id).toMatch(/^cal-/);
    expect((await server.call("GetEventAdminInfo", { event_id: "evt-doesnotexist" })).isError).toBe(true);
    expect(server.protocolErrors).toEqual([]);
    expect(server.stderr()).toContain(`ready: ${DEFAULT_TOOLS.length} of ${TOOLS.length} tools`);
    expect(server.stderr()).not.toContain(KEY);
  });
});
