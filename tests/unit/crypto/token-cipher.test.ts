import { describe, expect, it } from "vitest";
import { generateKeyEntry, parseKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret, envelopeKeyId, reencryptSecret } from "@/lib/crypto/token-cipher";

const ringA = parseKeyring(generateKeyEntry("a"));
const ctx = { organizationId: "org_1", recordId: "acc_1", field: "accessToken" };

describe("token cipher (AES-256-GCM, key id, AAD)", () => {
  it("round-trips and never contains the plaintext", () => {
    const env = encryptSecret("secret-token-value", ctx, ringA);
    expect(env.startsWith("v1.a.")).toBe(true);
    expect(env).not.toContain("secret-token-value");
    expect(decryptSecret(env, ctx, ringA)).toBe("secret-token-value");
  });

  it("a tampered tag, IV or ciphertext fails", () => {
    const env = encryptSecret("secret-token-value", ctx, ringA);
    const parts = env.split(".");
    for (const i of [2, 3, 4]) {
      const p = [...parts];
      const b = Buffer.from(p[i], "base64url");
      b[0] ^= 1;
      p[i] = b.toString("base64url");
      expect(() => decryptSecret(p.join("."), ctx, ringA)).toThrow(/failed authentication|malformed/);
    }
  });

  it("AAD binds organisation, record and field: swapped ciphertexts fail", () => {
    const env = encryptSecret("secret-token-value", ctx, ringA);
    expect(() => decryptSecret(env, { ...ctx, organizationId: "org_2" }, ringA)).toThrow();
    expect(() => decryptSecret(env, { ...ctx, recordId: "acc_2" }, ringA)).toThrow();
    expect(() => decryptSecret(env, { ...ctx, field: "refreshToken" }, ringA)).toThrow();
    // relabelling the key id is also detected (the id is authenticated)
    const ring2 = parseKeyring(`${generateKeyEntry("b")},a:${ringA.keys.get("a")!.toString("base64")}`);
    const relabelled = env.replace("v1.a.", "v1.b.");
    expect(() => decryptSecret(relabelled, ctx, ring2)).toThrow();
  });

  // A fresh random IV per encryption; the 1,000,000-encryption run is `npm run bench:crypto`.
  it("1,000 encryptions use 1,000 distinct IVs", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i++) seen.add(encryptSecret("x", ctx, ringA).split(".")[2]!);
    expect(seen.size).toBe(1_000);
  });

  it("rotation: new primary key encrypts, old keys still decrypt, re-wrap moves to the primary", () => {
    const old = encryptSecret("tok", ctx, ringA);
    const rotated = parseKeyring(`${generateKeyEntry("b")},a:${ringA.keys.get("a")!.toString("base64")}`);
    expect(decryptSecret(old, ctx, rotated)).toBe("tok");
    const rewrapped = reencryptSecret(old, ctx, rotated)!;
    expect(envelopeKeyId(rewrapped)).toBe("b");
    expect(decryptSecret(rewrapped, ctx, rotated)).toBe("tok");
    expect(reencryptSecret(rewrapped, ctx, rotated)).toBeNull();
    // once key "a" is removed, only re-wrapped secrets remain readable
    const onlyB = parseKeyring(`b:${rotated.keys.get("b")!.toString("base64")}`);
    expect(decryptSecret(rewrapped, ctx, onlyB)).toBe("tok");
    expect(() => decryptSecret(old, ctx, onlyB)).toThrow(/not in ENCRYPTION_KEYS/);
  });

  it("rejects malformed key settings", () => {
    expect(() => parseKeyring("nokey")).toThrow();
    expect(() => parseKeyring(`a:${Buffer.alloc(16).toString("base64")}`)).toThrow(/32 bytes/);
    expect(() => parseKeyring(`${generateKeyEntry("a")},${generateKeyEntry("a")}`)).toThrow(/duplicate/);
  });
});
