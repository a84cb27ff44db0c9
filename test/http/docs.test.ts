// docs/http.md's client snippets send what the server reads: the URL of a default start, and a credential
// header it takes (x-luma-api-key, or Authorization: Bearer), per src/http/credentials.ts's credentialOf.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../src/config.js";
import { credentialOf } from "../../src/http/credentials.js";

const ROOT = new URL("../../", import.meta.url);
const page = readFileSync(new URL("docs/http.md", ROOT), "utf8");
const blocks = [...page.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] ?? "" }));

interface Entry {
  url?: string;
  type?: string;
  headers?: Record<string, string>;
}

describe("docs/http.md client snippets", () => {
  const entries = blocks
    .filter((block) => block.lang === "jsonc")
    .flatMap((block) => {
      const config = JSON.parse(block.text) as {
        servers?: Record<string, Entry>;
        mcpServers?: Record<string, Entry>;
      };
      return Object.values({ ...config.servers, ...config.mcpServers });
    });

  it("has the VS Code and Cursor entries, on the default URL", () => {
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry.url).toBe("http://127.0.0.1:8080/mcp");
  });

  it("each sends one credential header the server takes", () => {
    for (const entry of entries) {
      const headers = Object.fromEntries(
        Object.entries(entry.headers ?? {}).map(([name, value]) => [
          name.toLowerCase(),
          value.replace(/\$\{input:[^}]+\}/, "sk-typed"),
        ]),
      );
      const credential = credentialOf(
        { authorization: headers.authorization, lumaKey: headers["x-luma-api-key"] },
        [],
        false,
      );
      expect(credential.kind, JSON.stringify(entry)).toBe("own");
    }
  });

  it("the Claude Code line adds an HTTP server with a bearer header", () => {
    const line = blocks.find((block) => block.text.includes("claude mcp add"))?.text ?? "";
    expect(line).toMatch(
      /claude mcp add --transport http luma http:\/\/127\.0\.0\.1:8080\/mcp --header "Authorization: Bearer /,
    );
  });

  it("README.md links to it", () => {
    expect(readFileSync(new URL("README.md", ROOT), "utf8")).toContain("(docs/http.md)");
  });
});

describe("credentialOf: what a request's headers select", () => {
  const tokens = ["tok-aaaaaaaaaaaaaaaaaaaa"];
  it("a bearer is a token when tokens are set, the caller's key otherwise; x-luma-api-key is a key, never a token", () => {
    expect(credentialOf({ authorization: "Bearer tok-aaaaaaaaaaaaaaaaaaaa" }, tokens, false)).toEqual({
      kind: "server",
    });
    expect(credentialOf({ authorization: "Bearer sk-mine" }, tokens, false)).toMatchObject({
      kind: "refused",
      status: 401,
      invalidToken: true,
    });
    expect(credentialOf({ authorization: "Bearer sk-mine" }, [], false)).toEqual({
      kind: "own",
      key: "sk-mine",
    });
    // A token is never forwarded to Luma as a key (issue 19 item 8).
    expect(credentialOf({ lumaKey: "tok-aaaaaaaaaaaaaaaaaaaa" }, tokens, false)).toMatchObject({
      kind: "refused",
      status: 401,
    });
    expect(credentialOf({ lumaKey: "sk-mine" }, tokens, false)).toEqual({ kind: "own", key: "sk-mine" });
    expect(credentialOf({ lumaKey: "sk-mine", authorization: "Bearer x" }, tokens, false)).toMatchObject({
      status: 400,
    });
    expect(credentialOf({}, tokens, false)).toMatchObject({ kind: "refused", status: 401 });
    expect(credentialOf({}, [], true)).toEqual({ kind: "server" });
    expect(credentialOf({ authorization: "Bearer a b" }, [], false)).toMatchObject({ status: 401 });
  });
});

describe("docs/http.md's settings table", () => {
  it("lists every HTTP-mode setting of SETTINGS, with its default", () => {
    const httpSettings = SETTINGS.filter((setting) => setting.help.startsWith("HTTP mode:"));
    expect(httpSettings.length).toBeGreaterThan(0);
    for (const setting of httpSettings) {
      const row = page
        .split("\n")
        .find((line) => line.startsWith("|") && line.includes(`\`${setting.env}\``));
      expect(row, `${setting.env} has no row`).toBeDefined();
      const cells = (row ?? "").split("|").map((cell) => cell.trim());
      expect(cells[2], `${setting.env}'s default`).toBe(setting.default ? `\`${setting.default}\`` : "");
    }
  });
});
