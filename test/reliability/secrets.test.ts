// The API key stays secret: the whole fault suite runs with a recognisable key, and every result, every
// error the client saw and every stderr line is scanned for it, in process and from the spawned built
// server. The stand-in echoes request headers back, so a leak has every chance to happen.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CANARY } from "../support/in-process.js";
import type { CallToolResult } from "../support/results.js";
import { type SpawnedServer, spawnServer } from "../support/spawn.js";
import { json, type StandIn, startStandIn } from "../support/stand-in.js";
import { FAULTS, GET, POST, runFault } from "./faults.js";

describe("the key never leaves the request header", () => {
  it("in process: no result, client error or stderr line of the whole fault suite holds it", async () => {
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk, ...rest) => {
      stderr.push(String(chunk));
      return (write as (c: typeof chunk, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    const seen: string[] = [];
    let headersWithKey = 0;
    try {
      for (const fault of FAULTS) {
        const { transcript, luma } = await runFault(fault);
        seen.push(...transcript.map((text) => `${fault.name}: ${text}`));
        headersWithKey += luma.requests.filter((r) => r.headers["x-luma-api-key"] === CANARY).length;
      }
    } finally {
      spy.mockRestore();
    }
    // The key did travel (in the header), so its absence below means something.
    expect(headersWithKey).toBeGreaterThan(FAULTS.length);
    expect(seen.filter((text) => text.includes(CANARY))).toEqual([]);
    expect(stderr.filter((line) => line.includes(CANARY))).toEqual([]);
  });

  describe("the spawned built server", () => {
    let luma: StandIn;
    let server: SpawnedServer;
    const results: CallToolResult[] = [];

    beforeAll(async () => {
      // Echoes the headers it received: in an error body for GETs, in a success body for writes.
      luma = await startStandIn((req, res) => {
        if (req.method === "GET") json(res, 400, { message: `you sent ${JSON.stringify(req.headers)}` });
        else json(res, 200, { echo: req.headers });
      });
      server = await spawnServer([], { LUMA_API_KEY: CANARY, LUMA_BASE_URL: luma.url });
      const call = async (name: string, args: Record<string, unknown>) =>
        results.push(await server.call(name, args));
      await call(GET.tool, GET.args);
      await call(POST.tool, POST.args);
      await call("GetUserInfo", {});
      await call("UpdatePersonTag", { person_tag_api_id: "tag-1", tag_name: "VIP" });
      await server.close();
    }, 20_000);
    afterAll(() => luma?.close());

    it("sent the key in the x-luma-api-key header of every request", () => {
      expect(luma.count()).toBe(4);
      for (const req of luma.requests) expect(req.headers["x-luma-api-key"]).toBe(CANARY);
    });

    it("masks it in results that echo it", () => {
      expect(results).toHaveLength(4);
      for (const result of results) expect(JSON.stringify(result)).toContain("[redacted]");
      expect(results.filter((result) => JSON.stringify(result).includes(CANARY))).toEqual([]);
    });

    it("never writes it to stderr, from start-up to shutdown", () => {
      expect(server.stderr()).toMatch(/ready/);
      expect(server.stderr()).toMatch(/stopping/);
      expect(server.stderr()).not.toContain(CANARY);
    });
  });
});
