// Runs every client snippet of README.md and docs/ as a new user would, with `npx -y luma-api-mcp` resolved to the packed
// tarball (LUMA_PACKED_TARBALL, set by scripts/ci-packaging.sh; skipped otherwise) and a fresh npm cache, so
// nothing from this checkout is used. Each launch must start and list its tools; sandbox launches also call
// tools. The TypeScript example and the Inspector lines are run as written, with the same substitution.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/config.js";
import { servedTools as served } from "../support/catalog.js";
import {
  clientsPage,
  clientsSection,
  codeBlocks,
  type Launch,
  launchFromTypeScript,
  PACKAGE,
  ROOT,
  readmeLaunches,
  resolvedEnv,
  serverArgs,
  shellWords,
} from "./readme.js";

const TARBALL = process.env.LUMA_PACKED_TARBALL;
const TIMEOUT = 300_000;
const work = TARBALL ? mkdtempSync(join(tmpdir(), "luma-clients-")) : "";
/** A new user's npm: an empty cache, so npx really installs the tarball. */
const npmEnv = { npm_config_cache: join(work, "npm-cache"), npm_config_update_notifier: "false" };
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** npx takes a bare absolute path for a command, so the tarball goes in as a file: spec. */
const spec = `file:${TARBALL}`;
const swapPackage = (args: string[]) => args.map((arg) => (arg === PACKAGE ? spec : arg));

/** How many tools the server lists when started with these arguments and env, by the sources' own selection. */
const servedTools = (args: string[], env: Record<string, string>) => served(args, env).length;

/** The server's own arguments in an Inspector CLI line: what follows `npx -y luma-api-mcp`, up to --method. */
function inspectorServerArgs(line: string): string[] {
  const words = shellWords(line).flatMap((word) => word.split(/\s+/).filter(Boolean));
  const at = words.indexOf(PACKAGE);
  const end = words.indexOf("--method");
  if (at < 0 || end < at) throw new Error(`no "${PACKAGE} ... --method" in ${line}`);
  return words.slice(at + 1, end);
}

function show(result: ReturnType<typeof spawnSync>): string {
  return `exit ${result.status}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

if (!TARBALL) {
  console.warn(
    "test/packaging/clients-launch.test.ts skipped: it starts every client snippet from the packed tarball, which needs LUMA_PACKED_TARBALL (scripts/ci-packaging.sh sets it after npm pack).",
  );
}

describe.skipIf(!TARBALL)(
  "client snippets of README.md and docs/, started from the packed tarball (needs LUMA_PACKED_TARBALL, set by scripts/ci-packaging.sh)",
  () => {
    it.each(readmeLaunches().map((launch) => [launch.where, launch] as [string, Launch]))(
      "%s",
      (where, launch) => {
        // Windows' `cmd /c npx ...` runs here as the `npx ...` that cmd would start.
        const words = /^cmd(\.exe)?$/i.test(launch.command)
          ? launch.args.slice(1)
          : [launch.command, ...launch.args];
        const env = resolvedEnv(launch, "sk-ci-not-a-real-key");
        const { config } = parseArgs(serverArgs(launch), env);
        const calls = config.sandbox ? (config.readOnly ? "read" : "all") : "none";
        const tools = servedTools(serverArgs(launch), env);
        const smokeEnv = Object.entries({ ...env, ...npmEnv }).flatMap(([k, v]) => ["--env", `${k}=${v}`]);
        const [command, ...args] =
          words[0] === "node" ? words : [words[0] as string, ...swapPackage(words.slice(1))];
        const result = spawnSync(
          process.execPath,
          [
            join(ROOT, "scripts/ci-smoke.mjs"),
            "--name",
            where,
            "--calls",
            calls,
            "--tools",
            String(tools),
            ...smokeEnv,
            "--",
            command as string,
            ...args,
          ],
          { encoding: "utf8", cwd: ROOT, timeout: TIMEOUT },
        );
        process.stdout.write(result.stdout);
        expect(result.status, show(result)).toBe(0);
      },
      TIMEOUT,
    );

    it(
      "the TypeScript example runs as written",
      () => {
        const block = codeBlocks(clientsSection(clientsPage())).find((b) => b.lang === "ts");
        expect(block).toBeDefined();
        const launch = launchFromTypeScript(block ?? { lang: "ts", text: "", line: 0 });
        const expected = servedTools(serverArgs(launch), resolvedEnv(launch, ""));
        const dir = join(work, "agent");
        const code = (block?.text ?? "").replace(
          /args:\s*(\[[^\]]*\])/,
          (_, args: string) => `args: ${JSON.stringify(swapPackage(JSON.parse(args)))}`,
        );
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        // A project that has installed @modelcontextprotocol/sdk: this checkout's node_modules stands in for it.
        symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
        writeFileSync(join(dir, "agent.mjs"), code);
        const result = spawnSync(process.execPath, ["agent.mjs"], {
          cwd: dir,
          encoding: "utf8",
          timeout: TIMEOUT,
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...npmEnv },
        });
        process.stdout.write(`TypeScript example:\n${result.stdout}`);
        expect(result.status, show(result)).toBe(0);
        // Read-only, and no key in this environment: the read-only tools, and a call that says how to set the key.
        expect(result.stdout).toMatch(new RegExp(`^${expected} tools$`, "m"));
        expect(result.stdout).toContain("LUMA_API_KEY is not set");
      },
      TIMEOUT,
    );

    it(
      "the MCP Inspector lines run as written (Inspector CLI on Node 22)",
      () => {
        const sh = codeBlocks(clientsSection(clientsPage())).filter(
          (b) => b.lang === "sh" && b.text.includes("@modelcontextprotocol/inspector"),
        );
        const commands = sh.flatMap((b) => b.text.replace(/\\\n\s*/g, "").split("\n")).filter(Boolean);
        expect(commands.length).toBeGreaterThanOrEqual(2);
        for (const line of commands) {
          const command = line.replace(/(?<=npx -y )luma-api-mcp(?= )/, spec);
          const result = spawnSync("bash", ["-c", command], {
            cwd: work,
            encoding: "utf8",
            timeout: TIMEOUT,
            env: { ...process.env, npm_config_update_notifier: "false" },
          });
          expect(result.status, `${command}\n${show(result)}`).toBe(0);
          const answer = JSON.parse(result.stdout) as { tools?: unknown[]; isError?: boolean };
          if (line.includes("tools/list"))
            expect(answer.tools).toHaveLength(servedTools(inspectorServerArgs(line), {}));
          else expect(answer.isError ?? false, result.stdout.slice(0, 500)).toBe(false);
          console.log(`ok: ${line.slice(0, 110)}...`);
        }
      },
      TIMEOUT,
    );
  },
);
