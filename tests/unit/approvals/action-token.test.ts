import { describe, expect, it } from "vitest";
import { actionTokenKey, hashActionToken, signActionToken, verifyActionToken } from "@/lib/approvals/action-token";

const key = actionTokenKey("unit-test-secret-0123456789abcdef");
const now = new Date("2026-03-01T10:00:00Z");
const in72h = new Date(now.getTime() + 72 * 3600_000);

describe("approval action tokens", () => {
  it("round-trips request, action and expiry", () => {
    const token = signActionToken({ requestId: "req_1", action: "APPROVE", expiresAt: in72h, key });
    const check = verifyActionToken(token, { key, now });
    expect(check).toMatchObject({ ok: true, payload: { r: "req_1", a: "APPROVE", e: Math.floor(in72h.getTime() / 1000) } });
  });

  it("is unique per issue (random nonce) and stored as a sha256 hex hash", () => {
    const a = signActionToken({ requestId: "req_1", action: "APPROVE", expiresAt: in72h, key });
    const b = signActionToken({ requestId: "req_1", action: "APPROVE", expiresAt: in72h, key });
    expect(a).not.toBe(b);
    expect(hashActionToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashActionToken(a)).not.toBe(hashActionToken(b));
  });

  it("expires at its expiry time", () => {
    const token = signActionToken({ requestId: "req_1", action: "REJECT", expiresAt: in72h, key });
    expect(verifyActionToken(token, { key, now: new Date(in72h.getTime() - 1000) }).ok).toBe(true);
    expect(verifyActionToken(token, { key, now: in72h })).toEqual({ ok: false, reason: "expired" });
  });

  it("rejects tampered payloads, other keys and garbage", () => {
    const token = signActionToken({ requestId: "req_1", action: "REJECT", expiresAt: in72h, key });
    const [body, mac] = token.split(".") as [string, string];
    const forged = Buffer.from(Buffer.from(body, "base64url").toString().replace("REJECT", "APPROVE")).toString("base64url");
    expect(verifyActionToken(`${forged}.${mac}`, { key, now })).toEqual({ ok: false, reason: "invalid" });
    expect(verifyActionToken(token, { key: actionTokenKey("another-secret-0123456789abcdef"), now })).toEqual({ ok: false, reason: "invalid" });
    expect(verifyActionToken(`${body}.${mac.slice(0, -2)}`, { key, now })).toEqual({ ok: false, reason: "invalid" });
    expect(verifyActionToken("nope", { key, now })).toEqual({ ok: false, reason: "malformed" });
    expect(verifyActionToken("", { key, now })).toEqual({ ok: false, reason: "malformed" });
  });
});
