// LUMA_AUDIT_LOG as whoever answers for the calendar reads it after the server stopped: the built server
// over stdio, writes answered by a loopback Luma, then stdin closed, SIGTERM, or a write still in flight.
// Every write attempt has its line when the process is gone; a log that cannot be written stops the start.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CANARY } from "../support/in-process.js";
import { runBin, spawnRaw } from "../support/spawn.js";
import { json, startStandIn, until } from "../support/stand-in.js";

const WRITES = 20;
const auditFile = () => join(mkdtempSync(join(tmpdir(), "luma-audit-")), "audit.jsonl");
const entries = (file: string) =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { tool: string; outcome: string });

async function serverWithWrites(file: string, delayMs = 0) {
  const luma = await startStandIn((_, res) => setTimeout(() => json(res, 200, { id: "tag-new" }), delayMs));
  const server = spawnRaw([], {
    LUMA_API_KEY: CANARY,
    LUMA_BASE_URL: luma.url,
    LUMA_AUDIT_LOG: file,
  });
  await server.initialize();
  return { luma, server };
}

describe("LUMA_AUDIT_LOG keeps every line at exit (item 4)", () => {
  for (const how of ["stdin closed", "SIGTERM"] as const) {
    it(`${how}: all ${WRITES} answered writes have their line`, async () => {
      const file = auditFile();
      const { luma, server } = await serverWithWrites(file);
      // Sent at once, as an agent's parallel tool calls are; stdin closes as soon as they are answered.
      const answers = await Promise.all(
        Array.from({ length: WRITES }, (_, i) =>
          server.callTool("LumaApi_CreatePersonTag", { mode: "execute", request_body: { name: `tag ${i}` } }),
        ),
      );
      for (const answer of answers) {
        expect(answer.message.result?.isError, JSON.stringify(answer.message)).toBeFalsy();
      }
      if (how === "SIGTERM") server.child.kill("SIGTERM");
      else server.child.stdin.end();
      expect(await server.exited).toBe(0);
      const lines = entries(file);
      expect(lines).toHaveLength(WRITES);
      expect(lines.every((line) => line.tool === "CreatePersonTag" && line.outcome === "accepted")).toBe(
        true,
      );
      await luma.close();
    });
  }

  it("SIGTERM with a write in flight: the write gets its line", async () => {
    const file = auditFile();
    const { luma, server } = await serverWithWrites(file, 600);
    const inFlight = server.callTool("LumaApi_CreatePersonTag", {
      mode: "execute",
      request_body: { name: "in flight" },
    });
    inFlight.catch(() => {});
    await until(() => luma.count() === 1, "Luma received the write");
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(entries(file)).toEqual([
      expect.objectContaining({ tool: "CreatePersonTag", outcome: "accepted" }),
    ]);
    await luma.close();
  });

  it("a write still unanswered when the grace period ends gets a line saying its outcome is unknown", async () => {
    const file = auditFile();
    const luma = await startStandIn(() => {});
    const server = spawnRaw([], { LUMA_API_KEY: CANARY, LUMA_BASE_URL: luma.url, LUMA_AUDIT_LOG: file });
    await server.initialize();
    server
      .callTool("LumaApi_CreatePersonTag", { mode: "execute", request_body: { name: "stuck" } })
      .catch(() => {});
    await until(() => luma.count() === 1, "Luma received the write");
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(entries(file)).toEqual([expect.objectContaining({ tool: "CreatePersonTag", outcome: "unknown" })]);
    await luma.close();
  });

  it("an unwritable LUMA_AUDIT_LOG stops the start: exit 2, one line naming it", () => {
    const run = runBin([], {
      LUMA_API_KEY: CANARY,
      LUMA_AUDIT_LOG: join(tmpdir(), "no-such-dir-for-luma-audit", "audit.jsonl"),
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/LUMA_AUDIT_LOG: cannot open .*audit\.jsonl.*ENOENT/);
  });
});
