// Load: 1,000 concurrent tools/call on one stdio session of the built server, against a stand-in that
// echoes each call's event_id. Every call is answered once, with its own result; the client-side budget
// (LUMA_RATE_LIMIT_PER_MINUTE=100) holds, and the calls over it come back at once naming the wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CANARY } from "../support/in-process.js";
import type { CallToolResult } from "../support/results.js";
import { type SpawnedServer, spawnServer } from "../support/spawn.js";
import { json, type StandIn, startStandIn } from "../support/stand-in.js";

const CALLS = 1000;
const BUDGET = 100;

describe(`${CALLS} concurrent calls on one stdio session`, () => {
  let luma: StandIn;
  let server: SpawnedServer;
  let results: CallToolResult[];
  /** How long the burst took, from the first call sent to the last answer (ms). */
  let burstMs: number;

  beforeAll(async () => {
    luma = await startStandIn((req, res) => json(res, 200, { event: { id: req.query.get("event_id") } }));
    server = await spawnServer([], {
      LUMA_API_KEY: CANARY,
      LUMA_BASE_URL: luma.url,
      LUMA_RATE_LIMIT_PER_MINUTE: String(BUDGET),
      LUMA_MAX_RETRY_WAIT_MS: "1",
    });
    const started = Date.now();
    results = await Promise.all(
      Array.from({ length: CALLS }, (_, i) => server.call("GetEventAdminInfo", { event_id: `evt-${i}` })),
    );
    burstMs = Date.now() - started;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await luma?.close();
  });

  it("answers every call exactly once", () => {
    expect(results).toHaveLength(CALLS);
    expect(server.responseIds).toHaveLength(CALLS);
    expect(new Set(server.responseIds).size).toBe(CALLS);
  });

  it("writes no warning to stderr under the burst", () => {
    expect(server.stderr()).toMatch(/ready/);
    expect(server.stderr()).not.toMatch(/Warning|Error/);
  });

  it(`sends Luma no more than the budget of ${BUDGET} requests in the minute`, () => {
    expect(luma.count()).toBeGreaterThan(0);
    expect(luma.count()).toBeLessThanOrEqual(BUDGET);
  });

  it("gives each answered call its own event, and sent each event_id at most once", () => {
    const answered = results.flatMap((result, i) => (result.isError ? [] : [i]));
    expect(answered).toHaveLength(luma.count());
    for (const i of answered) {
      const text = (results[i] as CallToolResult).content[0];
      expect(text?.type === "text" && JSON.parse(text.text)).toEqual({ event: { id: `evt-${i}` } });
    }
    const sentIds = luma.requests.map((r) => r.query.get("event_id"));
    expect(new Set(sentIds).size).toBe(sentIds.length);
  });

  it("answers the calls over budget at once with an isError naming the wait", () => {
    const refused = results.filter((result) => result.isError);
    expect(refused).toHaveLength(CALLS - luma.count());
    // The first slot frees a minute after the first call was sent, so the wait named is 60 seconds less the
    // time between that call and the refusal: at least 60 minus the whole burst, however loaded the machine.
    const shortest = Math.floor(60 - burstMs / 1000);
    for (const result of refused) {
      const text = result.content[0];
      const wait =
        /^Luma's rate limit is reached, so this call was not carried out\. Wait (\d+) seconds, then call again\.$/.exec(
          text?.type === "text" ? text.text : "",
        )?.[1];
      expect(Number(wait), text?.type === "text" ? text.text : "").toBeGreaterThanOrEqual(shortest);
      expect(Number(wait)).toBeLessThanOrEqual(60);
    }
  });
});
