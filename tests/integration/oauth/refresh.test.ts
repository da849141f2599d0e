import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createTiktokFake, TIKTOK_CLIENT, type TiktokFake } from "@/tests/fakes/tiktok";
import { recordingRuntime, seedAccount, setEnv } from "@/tests/contract/harness";
import { decryptAccountToken } from "@/lib/crypto/account-secrets";
import { getFreshAccessToken, refreshWithLease } from "@/lib/oauth/refresh";

let t: TestDatabase;
let fake: TiktokFake;
beforeAll(async () => {
  t = await createTestDatabase();
  fake = createTiktokFake();
  await fake.server.start();
  setEnv({
    TIKTOK_CLIENT_KEY: TIKTOK_CLIENT.clientId,
    TIKTOK_CLIENT_SECRET: TIKTOK_CLIENT.clientSecret,
    PLATFORM_BASE_URLS: JSON.stringify({ tiktok: fake.server.url }),
  });
});
afterAll(async () => {
  await fake.server.stop();
  await t.cleanup();
  setEnv({ TIKTOK_CLIENT_KEY: undefined, TIKTOK_CLIENT_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

async function rejectedAccount() {
  const tok = fake.oauth.issue();
  const acc = await seedAccount(t.db, {
    platform: "tiktok",
    externalId: `open_${Math.random()}`,
    accessToken: tok.accessToken,
    refreshToken: tok.refreshToken,
  });
  fake.oauth.expireAccessTokens();
  return { ...acc, ...tok };
}

describe("token refresh: single-flight and rotation-safe", () => {
  it("50 concurrent refreshes of one account make exactly 1 token-endpoint call; the newest refresh token is stored", async () => {
    const a = await rejectedAccount();
    const deps = recordingRuntime().deps();
    const before = fake.oauth.tokenCalls.length;
    const results = await Promise.all(Array.from({ length: 50 }, () => getFreshAccessToken(a.accountId, { rejected: a.accessToken, deps })));
    expect(fake.oauth.tokenCalls.length - before).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(fake.oauth.check(results[0])).toBe(true);
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: a.accountId } });
    const storedRefresh = decryptAccountToken(row.organizationId, row.id, "refreshToken", row.refreshTokenEnc!);
    expect(fake.oauth.refreshTokens.get(storedRefresh)?.valid).toBe(true); // rotated one, usable
    expect(fake.oauth.refreshTokens.get(a.refreshToken)?.valid).toBe(false); // old one died on use
    expect(row.tokenVersion).toBe(1);
    expect(row.refreshLeaseUntil).toBeNull();
  });

  it("across processes (no shared memory): 10 concurrent lease-based refreshes -> 1 token call", async () => {
    const a = await rejectedAccount();
    const deps = recordingRuntime().deps();
    const before = fake.oauth.tokenCalls.length;
    const results = await Promise.all(Array.from({ length: 10 }, () => refreshWithLease(a.accountId, { rejected: a.accessToken, deps })));
    expect(fake.oauth.tokenCalls.length - before).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it("proactive refresh: a token expiring within 5 minutes is refreshed on get(); a fresh one is not", async () => {
    const tok = fake.oauth.issue();
    const soon = await seedAccount(t.db, {
      platform: "tiktok",
      externalId: "soon",
      accessToken: tok.accessToken,
      refreshToken: tok.refreshToken,
      expiresInSec: 60,
    });
    const deps = recordingRuntime().deps();
    const before = fake.oauth.tokenCalls.length;
    expect(await getFreshAccessToken(soon.accountId, { deps })).not.toBe(tok.accessToken);
    expect(await getFreshAccessToken(soon.accountId, { deps })).not.toBe(tok.accessToken);
    expect(fake.oauth.tokenCalls.length - before).toBe(1);
  });

  it("invalid_grant -> RECONNECT_REQUIRED + every owner notified once, even with concurrent callers", async () => {
    const a = await rejectedAccount();
    fake.oauth.revokeRefreshTokens();
    const deps = recordingRuntime().deps();
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => getFreshAccessToken(a.accountId, { rejected: a.accessToken, deps })));
    expect(settled.every((s) => s.status === "rejected" && (s.reason as { kind?: string }).kind === "reconnect_required")).toBe(true);
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: a.accountId } });
    expect(row.status).toBe("RECONNECT_REQUIRED");
    const notes = await t.db.notification.findMany({ where: { organizationId: a.orgId } });
    expect(notes.map((n) => n.userId)).toEqual([a.ownerId]);
    await expect(getFreshAccessToken(a.accountId, { deps })).rejects.toMatchObject({ kind: "reconnect_required" });
  });
});
