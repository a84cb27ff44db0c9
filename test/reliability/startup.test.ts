// Start-up with settings a user got wrong: a key that cannot travel in a header, numbers that would break
// timers, a key pasted into the wrong variable. Each stops the built server with exit 2 and a line that says
// what to fix, and never prints the key. Also: the server outlives a closed stderr.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { ConfigError, parseArgs } from "../../src/config.js";
import { BIN } from "./spawn.js";
import { until } from "./stand-in.js";

const KEY = "sk-live-0123456789-abcdef";

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, [BIN], {
    encoding: "utf8",
    input: "",
    env: { PATH: process.env.PATH, ...env },
  });

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
    const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" }).stdout;
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
    const child = spawn(process.execPath, [BIN, "--sandbox"], { env: { PATH: process.env.PATH } });
    // Nobody reads stderr: the first log line meets a closed pipe (EPIPE).
    child.stderr.destroy();
    const answers: { id?: number }[] = [];
    createInterface({ input: child.stdout }).on("line", (line) => answers.push(JSON.parse(line)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const send = (message: object) =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    send({
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "0" } },
    });
    await until(() => answers.some((a) => a.id === 1), "the initialize answer");
    send({ method: "notifications/initialized" });
    send({ id: 2, method: "tools/call", params: { name: "LumaApi_GetUserInfo", arguments: {} } });
    await until(() => answers.some((a) => a.id === 2), "the tools/call answer");
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});
