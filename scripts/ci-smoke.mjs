#!/usr/bin/env node
// Packaging smoke test: starts an MCP server command exactly as a client would (stdio, only the given env on
// top of the few variables clients pass, see clientEnv in scripts/lib/stdio-client.mjs), then lists its tools
// and, against the sandbox, calls a few of them: one parameter tool, and one body tool twice (a refused body
// with its hint, then a valid one, which loads the lazy validator chunk). Used by scripts/ci-packaging.sh on
// the installed tarball, the unpacked .mcpb and each README client snippet. Prints one line per check. It
// speaks JSON-RPC itself (scripts/lib/stdio-client.mjs), so nothing of the package under test is used.
//
//   node scripts/ci-smoke.mjs [--name LABEL] [--calls all|read|none] [--tools N] [--env K=V]... -- CMD [ARGS...]
//
// --calls none: the server talks to real Luma (no sandbox), so only the handshake and tools/list are checked.
// --calls read: read-only mode, so only the parameter tool is called.
// --tools N: how many tools tools/list must give. Without it, CMD is taken to be the server's bin and the count
// is what this repository's sources serve for ARGS and the --env values (scripts/sources.mjs), so a packed
// server that lists other tools than the catalog fails.
import { pathToFileURL } from "node:url";
import { clientEnv, spawnStdio, textOf } from "./lib/stdio-client.mjs";
import { servedToolCount } from "./sources.mjs";

/** The result of an answer; throws on a JSON-RPC error. */
function resultOf(answer) {
  if (answer.message.error) throw new Error(`JSON-RPC error: ${JSON.stringify(answer.message.error)}`);
  return answer.message.result;
}

/** Runs one server and returns how many checks passed and failed; `tools` is how many it must list. */
export async function smoke({ name, command, args = [], env = {}, cwd, calls = "all", tools }) {
  if (!Number.isInteger(tools)) throw new Error(`smoke needs the expected number of tools, not ${tools}`);
  let passed = 0;
  let failed = 0;
  const check = (label, ok, detail = "") => {
    if (ok) passed++;
    else failed++;
    console.log(`  ${ok ? "ok  " : "FAIL"} ${label}${detail ? `: ${detail}` : ""}`);
  };

  console.log(`smoke [${name ?? [command, ...args].join(" ")}]`);
  const server = spawnStdio({ command, args, env: clientEnv(env), cwd, clientName: "luma-api-mcp-ci-smoke" });
  const started = Date.now();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out after 180 s")), 180_000);
  });

  const session = async () => {
    const info = resultOf(await server.initialize()).serverInfo;
    const took = `${info?.name} ${info?.version}, ready in ${Date.now() - started} ms`;
    check("initialize", info?.name === "luma-api-mcp", took);

    const listed = resultOf(await server.listTools());
    check("tools/list", listed.tools.length === tools, `${listed.tools.length} tools (expected ${tools})`);
    if (calls === "none") return;

    const user = resultOf(await server.callTool("LumaApi_GetUserInfo"));
    check("tools/call LumaApi_GetUserInfo", !user.isError, textOf(user).slice(0, 70));
    if (calls === "read") return;

    const refused = resultOf(
      await server.callTool("LumaApi_CreateEvent", {
        mode: "execute",
        request_body: { name: "CI smoke", start_time: "2030-01-01T18:00:00Z" },
      }),
    );
    check(
      "tools/call LumaApi_CreateEvent, misspelt field refused with a hint",
      refused.isError === true && textOf(refused).includes("start_at"),
      textOf(refused).split("\n")[0].slice(0, 90),
    );

    const created = resultOf(
      await server.callTool("LumaApi_CreateEvent", {
        mode: "execute",
        request_body: { name: "CI smoke", start_at: "2030-01-01T18:00:00Z", timezone: "Europe/London" },
      }),
    );
    check("tools/call LumaApi_CreateEvent, valid body", !created.isError, textOf(created).slice(0, 70));
    check(
      "stdout carries JSON-RPC only",
      server.strayLines.length === 0,
      server.strayLines.join("\n").slice(0, 200),
    );
  };

  try {
    await Promise.race([session(), timeout]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    check("session", false, `${message}\n--- server stderr ---\n${server.stderr()}`);
  } finally {
    clearTimeout(timer);
    await server.close();
  }
  return { passed, failed };
}

function parseCli(argv) {
  const split = argv.indexOf("--");
  if (split < 0 || split === argv.length - 1) throw new Error("missing -- COMMAND");
  const options = { env: {} };
  const flags = argv.slice(0, split);
  [options.command, ...options.args] = argv.slice(split + 1);
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const value = flags[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--name") options.name = value;
    else if (flag === "--calls") options.calls = value;
    else if (flag === "--tools") options.tools = Number(value);
    else if (flag === "--env") {
      const at = value.indexOf("=");
      options.env[value.slice(0, at)] = value.slice(at + 1);
    } else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${error.message}\nusage: ci-smoke.mjs [--name L] [--calls all|read|none] [--tools N] [--env K=V]... -- CMD [ARGS]\n`,
    );
    process.exit(2);
  }
  options.tools ??= await servedToolCount(options.args, options.env);
  const { passed, failed } = await smoke(options);
  console.log(`  checks: ${passed} ok, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
