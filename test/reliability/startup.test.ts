// Start-up with settings a user got wrong: a key that cannot travel in a header, numbers that would break
// timers, a key pasted into the wrong variable. Each stops the built server with exit 2 and a line that says
// what to fix, and never prints the key. Also: the server outlives a closed stderr.
import { describe, expect, it } from "vitest";
import { ConfigError, parseArgs } from "../../src/config.js";
import { runBin, spawnRaw } from "../support/spawn.js";

const KEY = "sk-live-0123456789-abcdef";

const start = (env: Record<string, string>) => runBin([], env);

describe("an API key that cannot travel in an HTTP header is refused at start", () => {
  for (const [label, key, code] of [
    ["a line break inside", "sk-live-0123\n456789", "U+000A"],
    ["a zero-width space", "sk-live-0123\u200b456789", "U+200B"],
    ["a letter outside Latin-1", "sk-live-0123ж456789", "U+0436"],
  ] as const) {
    it(label, () => {
      const result = start({ LUMA_API_KEY: key });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`LUMA_API_KEY has a character that cannot travel.*${code.replace("+", "\\+")}`),
      );
      expect(result.stderr).not.toContain("0123");
      expect(result.stdout).toBe("");
    });
  }
});

describe("settings that would break timers are refused at start", () => {
  for (const env of ["LUMA_TIMEOUT_MS", "LUMA_MAX_RETRY_WAIT_MS"]) {
    it(`${env}=3000000000 (over 2^31-1 ms)`, () => {
      expect(() => parseArgs([], { [env]: "3000000000" })).toThrow(ConfigError);
      expect(() => parseArgs([], { [env]: "3000000000" })).toThrow(/whole number from 1 to \d+/);
    });
  }

  it("the limits are shown in --help", () => {
    const help = runBin(["--help"]).stdout;
    expect(help).toMatch(/LUMA_TIMEOUT_MS \(default 30000, 1 to 600000\)/);
  });
});

describe("a key pasted into another setting is never printed", () => {
  for (const env of ["LUMA_TIMEOUT_MS", "LUMA_BASE_URL", "LUMA_READ_ONLY", "LUMA_TOOLS"]) {
    it(`${env}=<the key>, with LUMA_API_KEY set too and without it`, () => {
      for (const withKey of [true, false]) {
        const result = start({ [env]: KEY, ...(withKey ? { LUMA_API_KEY: KEY } : {}) });
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(new RegExp(env === "LUMA_TOOLS" ? "Unknown tool" : env));
        expect(result.stderr).not.toContain("0123456789");
      }
    });
  }
});

describe("logging never kills the server", () => {
  it("with stderr's reader gone, it still answers and exits 0 when stdin closes", async () => {
    const server = spawnRaw(["--sandbox"]);
    // Nobody reads stderr: the first log line meets a closed pipe (EPIPE).
    server.child.stderr.destroy();
    await server.initialize();
    await server.callTool("LumaApi_GetUserInfo");
    server.child.stdin.end();
    expect(await server.exited).toBe(0);
  });
});
