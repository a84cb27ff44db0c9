// Masking the key: as given, and as it reads inside JSON text (quotes and backslashes escaped).
import { describe, expect, it } from "vitest";
import { addSecret, containsSecret, redact } from "../src/log.js";

describe("redact", () => {
  it("masks a key with JSON-special characters both raw and inside JSON", () => {
    const key = 'k3y"with\\odd';
    addSecret(key);
    const json = JSON.stringify({ echoed: `header was ${key}` });
    expect(containsSecret(json)).toBe(true);
    expect(redact(json)).toBe('{"echoed":"header was [redacted]"}');
    expect(redact(`raw ${key} text`)).toBe("raw [redacted] text");
  });
});
