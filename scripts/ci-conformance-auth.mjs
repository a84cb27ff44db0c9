#!/usr/bin/env node
// The MCP conformance suite's authorization-server scenarios (`conformance authorization`) against the built
// server in OAuth mode (LUMA_HTTP_AUTH=oauth, with its sandbox as Luma). The requirement sets score no
// authorization-server scenarios (the MCP spec leaves the AS out of its scope), so these run on their own:
// authorization-server-metadata-endpoint and authorization-code-grant. The second prints an authorization
// URL and waits for a person: headless Chromium (Debian's /usr/bin/chromium, through playwright-core) plays
// that person on the consent page. The suite needs Node 22: it comes through npx, pinned like
// scripts/ci-conformance.sh's. Exits non-zero when a scenario fails or the server logs a fatal error.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const CONFORMANCE_VERSION = "0.2.0-alpha.12";
const ROOT = new URL("..", import.meta.url).pathname;
const SANDBOX_KEY = "sandbox-key-for-conformance";

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const work = mkdtempSync(join(tmpdir(), "luma-conformance-auth-"));
const port = await freePort();
const callbackPort = await freePort();
const issuer = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  [join(ROOT, "dist/index.js"), "--http", "--sandbox", "--port", String(port)],
  {
    env: {
      PATH: process.env.PATH,
      LUMA_HTTP_AUTH: "oauth",
      LUMA_PUBLIC_URL: issuer,
      LUMA_STATE_SECRET: "conformance-state-secret-0123456789abcdef",
      LUMA_STATE_DIR: work,
    },
    stdio: ["ignore", "ignore", "pipe"],
  },
);
let serverLog = "";
server.stderr.setEncoding("utf8");
server.stderr.on("data", (chunk) => {
  serverLog += chunk;
});
const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
  if (!process.env.KEEP_CONFORMANCE) rmSync(work, { recursive: true, force: true });
};

let browser;
let status = 1;
try {
  for (let i = 0; i < 100 && !serverLog.includes("listening on"); i++)
    await new Promise((r) => setTimeout(r, 100));
  if (!serverLog.includes("listening on")) throw new Error(`the server did not start:\n${serverLog}`);
  console.log(`luma-api-mcp --http --auth oauth --sandbox at ${issuer}`);

  const registered = await fetch(`${issuer}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: "MCP conformance suite",
      redirect_uris: [`http://127.0.0.1:${callbackPort}/callback`],
      token_endpoint_auth_method: "none",
      scope: "luma:read luma:write",
    }),
  });
  const { client_id: clientId } = await registered.json();
  if (!clientId) throw new Error(`registration failed: ${registered.status}`);

  browser = await chromium.launchPersistentContext(mkdtempSync(join(work, "chromium-")), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  const consent = async (url) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill("#key", SANDBOX_KEY);
    await page.click('button[value="check"]');
    await page.click('button[value="allow"]');
    await page.waitForURL(/\/callback\?/);
    await page.close();
    console.log("(consent given in headless Chromium)");
  };

  const command = [
    "conformance authorization",
    `--url ${issuer}`,
    `--client-id ${clientId}`,
    `--resource ${issuer}/mcp`,
    `--port ${callbackPort}`,
    `-o ${join(work, "results")}`,
  ].join(" ");
  const suite = spawn(
    "npx",
    ["-y", "-p", "node@22", "-p", `@modelcontextprotocol/conformance@${CONFORMANCE_VERSION}`, "-c", command],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let pending = "";
  let consenting;
  suite.stdout.setEncoding("utf8");
  suite.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith(`${issuer}/oauth/authorize?`)) consenting = consent(line.trim());
    }
  });
  const code = await new Promise((resolve) => suite.once("exit", resolve));
  if (consenting) await consenting;
  status = code === 0 ? 0 : 1;
  if (/fatal/.test(serverLog)) {
    console.error(`the server logged a fatal error:\n${serverLog}`);
    status = 1;
  }
  console.log(`--- conformance authorization: ${status === 0 ? "passed" : "FAILED"}`);
} catch (error) {
  console.error(error);
  status = 1;
} finally {
  await browser?.close();
  stop();
}
process.exit(status);
