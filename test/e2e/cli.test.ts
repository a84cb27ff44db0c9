// The bin's own flags: --help and --version print to stdout and exit 0; bad settings stop start-up.
import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { SETTINGS } from "../../src/config.js";
import { runBin } from "../support/spawn.js";

const run = (...args: string[]) => runBin(args);

describe("luma-api-mcp command line", () => {
  it("--version prints the package version", () => {
    const result = run("--version");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it("--help lists every setting", () => {
    const result = run("--help");
    expect(result.status).toBe(0);
    for (const setting of SETTINGS) expect(result.stdout).toContain(setting.env);
  });

  it("refuses an unknown flag with exit 2 and a hint", () => {
    const result = run("--frobnicate");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Unknown argument "--frobnicate".*--help/);
  });
});
