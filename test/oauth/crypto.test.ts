// The secrets OAuth mode keeps: a sealed Luma key opens only under the same LUMA_STATE_SECRET and not at
// all once tampered with; ids are stored as keyed hashes; a Client ID Metadata Document is never fetched
// from an address on this machine or a private network, whatever name points there.
import { describe, expect, it } from "vitest";
import { oauthKeys, privateHost } from "../support/oauth.js";

const SECRET = "unit-test-state-secret-0123456789abcdef";

describe("the sealed Luma key", () => {
  const keys = oauthKeys(SECRET);

  it("opens under the same secret, each seal different, the key never in it", () => {
    const a = keys.seal("sk-hidden-key-0001");
    const b = keys.seal("sk-hidden-key-0001");
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-hidden");
    expect(keys.open(a)).toBe("sk-hidden-key-0001");
    expect(oauthKeys(SECRET).open(b)).toBe("sk-hidden-key-0001");
  });

  it("does not open under another secret, nor once any byte changed", () => {
    const sealed = keys.seal("sk-hidden-key-0002");
    expect(() => oauthKeys(`${SECRET}-other`).open(sealed)).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64url");
    for (const at of [0, 13, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[at] = (tampered[at] as number) ^ 1;
      expect(() => keys.open(`v1.${tampered.toString("base64url")}`)).toThrow();
    }
  });

  it("hashes ids with a key: the same id, the same name; another secret, another name", () => {
    expect(keys.hashId("token-1")).toBe(oauthKeys(SECRET).hashId("token-1"));
    expect(keys.hashId("token-1")).not.toBe(oauthKeys(`${SECRET}-other`).hashId("token-1"));
    expect(keys.hashId("token-1")).not.toContain("token-1");
  });

  it("binds the CSRF token to its interaction", () => {
    expect(keys.csrfValid("uid-1", keys.csrf("uid-1"))).toBe(true);
    expect(keys.csrfValid("uid-2", keys.csrf("uid-1"))).toBe(false);
    expect(keys.csrfValid("uid-1", "")).toBe(false);
  });
});

describe("privateHost (where a Client ID Metadata Document may not come from)", () => {
  it.each([
    "127.0.0.1",
    "127.5.6.7",
    "10.0.0.8",
    "172.20.1.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "[::1]",
    "[fe80::1]",
    "[fd00::1]",
    "[::ffff:10.0.0.1]",
    "localhost",
    "metadata.localhost",
  ])("refuses %s", async (host) => {
    expect(await privateHost(host)).toBe(true);
  });

  it("refuses a name that does not resolve, and takes a public address", async () => {
    expect(await privateHost("no-such-host.invalid")).toBe(true);
    expect(await privateHost("93.184.215.14")).toBe(false);
    expect(await privateHost("[2606:4700::1111]")).toBe(false);
  });
});
