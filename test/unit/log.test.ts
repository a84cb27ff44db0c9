// Masking the key: as given, and as it reads inside JSON text (quotes and backslashes escaped).
import { describe, expect, it } from "vitest";
import { Secrets } from "../support/in-process.js";

describe("Secrets", () => {
  it("masks a key with JSON-special characters both raw and inside JSON", () => {
    const key = 'k3y"with\\odd';
    const secrets = new Secrets();
    secrets.add(key);
    const json = JSON.stringify({ echoed: `header was ${key}` });
    expect(secrets.contains(json)).toBe(true);
    expect(secrets.redact(json)).toBe('{"echoed":"header was [redacted]"}');
    expect(secrets.redact(`raw ${key} text`)).toBe("raw [redacted] text");
  });

  it("masks only the keys added to it: two servers' secrets do not mix", () => {
    const one = new Secrets();
    const other = new Secrets();
    one.add("sk-one-key-1234");
    expect(other.contains("sk-one-key-1234")).toBe(false);
    expect(one.redact("sk-one-key-1234")).toBe("[redacted]");
  });
});
