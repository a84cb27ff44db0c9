// Clean shutdown of the built server, and its refusal of an insecure LUMA_BASE_URL. On SIGTERM, SIGINT
// or stdin closing, the server stops taking calls, lets the one in flight finish, and exits 0.
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/config.js";
import { CANARY } from "../support/in-process.js";
import { spawnRaw } from "../support/spawn.js";
import { json, type StandIn, startStandIn, until } from "../support/stand-in.js";

/** A Luma that answers after 500 ms. */
const slowLuma = () =>
  startStandIn((req, res) => {
    setTimeout(() => json(res, 200, { event: { id: req.query.get("event_id") } }), 500);
  });

/** The built server with one call in flight to `luma`; `inFlight` is that call's answer. */
async function withSlowCallInFlight(luma: StandIn, env: Record<string, string> = {}) {
  const server = spawnRaw([], { LUMA_API_KEY: CANARY, LUMA_BASE_URL: luma.url, ...env });
  await server.initialize();
  const inFlight = server.callTool("LumaApi_GetEventAdminInfo", { event_id: "evt-slow" });
  // Handled here too: a call that never finishes is rejected when the server exits.
  inFlight.catch(() => {});
  await until(() => luma.count() === 1, "Luma received the slow call");
  return { server, inFlight };
}

describe("clean shutdown", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal}: the call in flight gets its result, a new call is refused unsent, exit code 0`, async () => {
      const luma = await slowLuma();
      const { server, inFlight: answer } = await withSlowCallInFlight(luma);
      server.child.kill(signal);
      await until(
        () => server.stderr().includes(`stopping (${signal})`),
        "the server logged that it is stopping",
      );
      const late = (await server.callTool("LumaApi_GetEventAdminInfo", { event_id: "evt-late" })).message;
      expect(late.result?.isError).toBe(true);
      expect(late.result?.content[0]?.text).toMatch(/shutting down; nothing was sent/);
      const inFlight = (await answer).message;
      expect(inFlight.result?.isError, JSON.stringify(inFlight)).toBeFalsy();
      expect(JSON.parse(inFlight.result?.content[0]?.text ?? "")).toEqual({ event: { id: "evt-slow" } });
      expect(await server.exited).toBe(0);
      expect(luma.count()).toBe(1);
      await luma.close();
    });
  }

  it("stdin closed: the call in flight gets its result, exit code 0", async () => {
    const luma = await slowLuma();
    const { server, inFlight: answer } = await withSlowCallInFlight(luma);
    server.child.stdin.end();
    const inFlight = (await answer).message;
    expect(inFlight.result?.isError, JSON.stringify(inFlight)).toBeFalsy();
    expect(JSON.parse(inFlight.result?.content[0]?.text ?? "")).toEqual({ event: { id: "evt-slow" } });
    expect(await server.exited).toBe(0);
    await luma.close();
  });

  it("a call that never finishes does not hold the exit past the grace period: exit code 0", async () => {
    const luma = await startStandIn(() => {});
    const { server } = await withSlowCallInFlight(luma, { LUMA_TIMEOUT_MS: "60000" });
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(luma.requests[0]?.abandoned).toBe(true);
    await luma.close();
  });
});

describe("LUMA_BASE_URL must be https://, or http:// to a loopback address", () => {
  it("the server refuses http://example.com at start-up: exit code 2, with the reason", async () => {
    const server = spawnRaw([], { LUMA_API_KEY: CANARY, LUMA_BASE_URL: "http://example.com" });
    expect(await server.exited).toBe(2);
    expect(server.stderr()).toMatch(/LUMA_BASE_URL must be https:\/\/, or http:\/\/ to a loopback address/);
    expect(server.stderr()).not.toContain(CANARY);
  });

  const accepted = [
    "https://public-api.luma.com",
    "http://127.0.0.1:8787",
    "http://127.9.9.9",
    "http://localhost:1",
    "http://[::1]:1",
  ];
  const refused = [
    "http://example.com",
    "http://10.0.0.1",
    "http://localhost.example.com",
    "http://127.0.0.1.nip.io",
    "ftp://127.0.0.1",
    "not a url",
  ];
  it.each(accepted)("accepts %s", (url) => {
    expect(parseArgs([], { LUMA_BASE_URL: url }).config.baseUrl).toBe(url.replace(/\/$/, ""));
  });
  it.each(refused)("refuses %s", (url) => {
    expect(() => parseArgs([], { LUMA_BASE_URL: url })).toThrow(/LUMA_BASE_URL (must be https|is not a URL)/);
  });
});
