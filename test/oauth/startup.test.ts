// OAuth mode refuses to start, with one line and exit 2, without what it cannot work without: an https
// public URL (loopback http for tests), a state secret long enough to encrypt the keys people hand over,
// and no shared tokens beside it. The secret is never printed.
import { describe, expect, it } from "vitest";
import { runBin } from "../support/spawn.js";

const SECRET = "a-state-secret-long-enough-0123456789";

function start(env: Record<string, string>, args: string[] = []) {
  return runBin(["--http", "--auth", "oauth", "--port", "0", ...args], {
    LUMA_STATE_DIR: "/nonexistent",
    ...env,
  });
}

describe("start-up in OAuth mode", () => {
  it.each([
    ["no public URL", { LUMA_STATE_SECRET: SECRET }, /LUMA_PUBLIC_URL/],
    [
      "a plain-http public URL",
      { LUMA_STATE_SECRET: SECRET, LUMA_PUBLIC_URL: "http://luma.example.com" },
      /https/,
    ],
    [
      "a public URL with a path",
      { LUMA_STATE_SECRET: SECRET, LUMA_PUBLIC_URL: "https://luma.example.com/mcp" },
      /no path/,
    ],
    ["no state secret", { LUMA_PUBLIC_URL: "https://luma.example.com" }, /LUMA_STATE_SECRET of at least 32/],
    [
      "a short state secret",
      { LUMA_PUBLIC_URL: "https://luma.example.com", LUMA_STATE_SECRET: "short-secret-1234" },
      /at least 32/,
    ],
    [
      "shared tokens beside it",
      {
        LUMA_PUBLIC_URL: "https://luma.example.com",
        LUMA_STATE_SECRET: SECRET,
        LUMA_HTTP_TOKENS: "tok-0123456789abcdef",
        LUMA_API_KEY: "sk-x-1234",
      },
      /LUMA_HTTP_TOKENS cannot be used/,
    ],
  ])("refuses %s: one line, exit 2", (_name, env, message) => {
    const run = start(env);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toContain("short-secret-1234");
    expect(run.stdout).toBe("");
  });

  it("the same through LUMA_HTTP_AUTH, and an unknown mode is refused", () => {
    const env = { LUMA_HTTP_AUTH: "oauth", LUMA_STATE_SECRET: SECRET };
    const run = runBin(["--http", "--port", "0"], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/LUMA_PUBLIC_URL/);
    const unknown = runBin(["--http", "--port", "0"], { LUMA_HTTP_AUTH: "magic" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/LUMA_HTTP_AUTH must be one of keys, oauth/);
  });
});
