// Nothing loads before it is needed (issue 23): a start that answers initialize and tools/list loads neither
// the HTTP client to Luma (undici), nor the toolset files (the tools' zod schemas: a start knows the tools by
// the summaries the build inlined), the request-body validators (ajv), the sandbox, Redis, HTTP mode or
// OAuth; once tools/list is answered, the HTTP client and the call pipeline (confirmations and the toolset
// files among it) load in the background (while the model reads the list), and only they; the first
// tools/call then works. With --sandbox, the simulated Luma listens from the start and loads with the same
// warm-up. Which modules the built server loads is read
// from an ESM loader hook (test/fixtures/loader), so this sees what really runs, not what the code intends.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, requireBuild, spawnStdio } from "../../scripts/lib/stdio-client.mjs";
import { TOOLS } from "../support/catalog.js";
import { json, type StandIn, startStandIn, until } from "../support/stand-in.js";

const REGISTER = fileURLToPath(new URL("../fixtures/loader/register.mjs", import.meta.url));
/** The chunks that must wait for their first use, by the entry each dynamic import makes. */
const LAZY = [
  "agent-",
  "listen-",
  "pipeline-",
  "request-bodies-",
  "serve-",
  "oauth-",
  "oidc-provider",
  "redis-state-",
  "ioredis-",
  "server-",
  "validate-",
];
/** The lazy chunks that tools/list's warm-up loads: the HTTP client and the call pipeline. */
const WARMED = ["agent-", "pipeline-"];

/** The built server, started with the load-trace hook; `lines()` reads its trace so far. */
function tracedServer(args: string[], env: Record<string, string> = {}) {
  const trace = join(mkdtempSync(join(tmpdir(), "luma-load-trace-")), "loaded.txt");
  writeFileSync(trace, "");
  const server = spawnStdio({
    command: process.execPath,
    args: ["--import", REGISTER, BIN, ...args],
    env: { PATH: process.env.PATH ?? "", LUMA_TEST_LOAD_TRACE: trace, ...env },
  });
  return { server, lines: () => readFileSync(trace, "utf8").split("\n") };
}

describe("what a start loads before its first call", () => {
  let luma: StandIn;
  let lines: () => string[];
  let server: ReturnType<typeof spawnStdio>;
  let atInitialize: string[];
  let undiciAtInitialize: boolean;
  let toolsetsAtInitialize: string[];
  const loadedUrls = () => lines().filter((url) => url.includes("/dist/"));
  const loaded = () => loadedUrls().map((url) => url.slice(url.lastIndexOf("/") + 1));
  /** Whether undici's code is among what was loaded, whichever chunk it was bundled into. */
  const undiciLoaded = () =>
    loadedUrls().some((url) => readFileSync(fileURLToPath(url), "utf8").includes("UND_ERR_CONNECT_TIMEOUT"));
  /**
   * The tools whose toolset file's code was loaded, whichever chunk it was bundled into: found by their Luma
   * routes, which only a tool itself holds (not its summary, nor its tools/list entry) among what a start
   * may load.
   */
  const toolsetsLoaded = () => {
    const code = loadedUrls().map((url) => readFileSync(fileURLToPath(url), "utf8"));
    return TOOLS.filter((tool) => code.some((text) => text.includes(JSON.stringify(tool.path)))).map(
      (tool) => tool.name,
    );
  };

  beforeAll(async () => {
    requireBuild();
    luma = await startStandIn((_req, res) => json(res, 200, { id: "cal-1", name: "Calendar" }));
    ({ server, lines } = tracedServer([], { LUMA_API_KEY: "sk-lazy", LUMA_BASE_URL: luma.url }));
    await server.initialize();
    // What the start loaded, read before tools/list (after which the HTTP client warms up on purpose).
    atInitialize = loaded();
    undiciAtInitialize = undiciLoaded();
    toolsetsAtInitialize = toolsetsLoaded();
    await server.request("tools/list", {});
  });

  afterAll(async () => {
    server?.child.stdin.end();
    await server?.exited;
    await luma?.close();
  });

  it("initialize loads the bundle's entry and its shared chunks, and none of the lazy ones", () => {
    const files = atInitialize;
    expect(files).toContain("index.js");
    expect(files.some((file) => file.startsWith("chunk-"))).toBe(true);
    // All that a start needs is in one chunk (scripts/build.mjs one-start-chunk): every further file would
    // cost the ESM loader its resolve, read and compile steps.
    expect(files.filter((file) => file.startsWith("chunk-")).length, files.join(", ")).toBe(1);
    for (const lazy of LAZY) {
      expect(
        files.filter((file) => file.startsWith(lazy)),
        lazy,
      ).toEqual([]);
    }
    expect(undiciAtInitialize, "undici is loaded at start").toBe(false);
  });

  it("a start loads no toolset file: it selects and lists the tools by the summaries the build inlined", () => {
    // Read at initialize: tools/list computes nothing new (its entries are made with the server), and after
    // it the warm-up loads the toolset files on purpose.
    expect(toolsetsAtInitialize).toEqual([]);
  });

  it("after tools/list, the HTTP client and the call pipeline load in the background, and nothing else that waits", async () => {
    // The hook sees the agent's chunk before the undici chunk it imports: wait for both.
    await until(
      () =>
        WARMED.every((name) => loaded().some((file) => file.startsWith(name))) &&
        undiciLoaded() &&
        toolsetsLoaded().length === TOOLS.length,
      "the warm-up",
    );
    for (const lazy of LAZY.filter((name) => !WARMED.includes(name))) {
      expect(
        loaded().filter((file) => file.startsWith(lazy)),
        lazy,
      ).toEqual([]);
    }
  });

  it("the first tools/call is answered, loading nothing more (what the warm-up loaded, once)", async () => {
    const answer = await server.request("tools/call", { name: "LumaApi_GetCalendar", arguments: {} });
    expect(answer.message.result?.isError, answer.line).toBeFalsy();
    expect(answer.line).toContain("cal-1");
    const files = loaded();
    for (const name of WARMED)
      expect(
        files.filter((file) => file.startsWith(name)),
        name,
      ).toHaveLength(1);
    expect(undiciLoaded()).toBe(true);
    for (const lazy of LAZY.filter((name) => !WARMED.includes(name))) {
      expect(
        files.filter((file) => file.startsWith(lazy)),
        lazy,
      ).toEqual([]);
    }
  });
});

describe("--sandbox: the simulated Luma listens from the start and loads on first use", () => {
  let lines: () => string[];
  let server: ReturnType<typeof spawnStdio>;
  let atList: string[];
  const chunksLoaded = (prefix: string) => lines().filter((url) => url.includes(`/dist/chunks/${prefix}`));
  /** The sandbox's own chunk (src/sandbox/server.ts: seed, store, routes), not its listener. */
  const sandboxLoaded = () => chunksLoaded("server-");
  /** The sandbox's body check (src/sandbox/validate.ts, with ajv and Luma's request schemas). */
  const bodyCheckLoaded = () => chunksLoaded("validate-");

  beforeAll(async () => {
    requireBuild();
    ({ server, lines } = tracedServer(["--sandbox"]));
    await server.initialize();
    await server.request("tools/list", {});
    atList = sandboxLoaded();
  });

  afterAll(async () => {
    server?.child.stdin.end();
    await server?.exited;
  });

  it("initialize and tools/list are answered without loading the sandbox; the warm-up after the list loads it", async () => {
    expect(atList).toEqual([]);
    await until(() => sandboxLoaded().length === 1, "the sandbox's warm-up");
  });

  it("the first call reaches the sandbox, loaded once; a read loads no body check", async () => {
    const answer = await server.request("tools/call", { name: "LumaApi_GetCalendar", arguments: {} });
    expect(answer.message.result?.isError, answer.line).toBeFalsy();
    expect(answer.line).toContain("cal-sbx");
    expect(sandboxLoaded()).toHaveLength(1);
    expect(bodyCheckLoaded()).toEqual([]);
  });

  it("the first POST loads the body check (test/sandbox checks what it refuses)", async () => {
    const made = await server.request("tools/call", {
      name: "LumaApi_CreatePersonTag",
      arguments: { mode: "execute", request_body: { name: "Lazy-load check" } },
    });
    expect(made.message.result?.isError, made.line).toBeFalsy();
    expect(bodyCheckLoaded()).toHaveLength(1);
  });
});

describe("node:crypto loads with the first write, not with a read", () => {
  /** The built-ins a --sandbox session loaded, after it made `call` and exited. */
  async function builtinsAfter(call: {
    name: string;
    arguments: Record<string, unknown>;
  }): Promise<string[]> {
    const { server, lines } = tracedServer(["--sandbox"]);
    try {
      await server.initialize();
      await server.request("tools/list", {});
      const answer = await server.request("tools/call", call);
      expect(answer.message.result?.isError, answer.line).toBeFalsy();
    } finally {
      server.child.stdin.end();
      await server.exited;
    }
    return lines().filter((line) => line.startsWith("builtin:"));
  }

  it("a read call loads no node:crypto", async () => {
    const builtins = await builtinsAfter({ name: "LumaApi_GetCalendar", arguments: {} });
    expect(builtins).toContain("builtin:fs");
    expect(builtins).not.toContain("builtin:crypto");
  });

  it("a write loads it (the repeat guard hashes its body)", async () => {
    const builtins = await builtinsAfter({
      name: "LumaApi_CreatePersonTag",
      arguments: { mode: "execute", request_body: { name: "Crypto check" } },
    });
    expect(builtins).toContain("builtin:crypto");
  });
});
