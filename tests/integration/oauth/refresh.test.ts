import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createTiktokFake, TIKTOK_CLIENT, type TiktokFake } from "@/tests/fakes/tiktok";
import { recordingRuntime, seedAccount, setEnv } from "@/tests/contract/harness";
import { decryptAccountToken, encryptAccountToken } from "@/lib/crypto/account-secrets";
import { getFreshAccessToken, refreshWithLease } from "@/lib/oauth/refresh";
import { listExpiringAccounts, refreshExpiringToken } from "@/lib/oauth/refresh-expiring-tokens";

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

/**
 * MKT-401 against PostgreSQL and the TikTok OAuth fake (its documented token endpoint): accounts whose
 * token expires within 24 hours are found and refreshed through the single-flight refresh (the new
 * tokens stored encrypted, the token endpoint called once even with a concurrent caller); one that
 * expires later is left alone; a refused refresh token marks the account RECONNECT_REQUIRED and tells
 * the owner; a platform failure marks it ERROR and tells owners and admins urgently, once; a later
 * success puts it back to ACTIVE.
 */
async function account(label: string, expiresInHours: number) {
  const tok = fake.oauth.issue();
  const acc = await seedAccount(t.db, {
    platform: "tiktok",
    externalId: `open_${label}`,
    name: `TikTok ${label}`,
    accessToken: tok.accessToken,
    refreshToken: tok.refreshToken,
    expiresInSec: expiresInHours * 3600,
  });
  return { ...acc, ...tok };
}
const tokenCalls = () => fake.oauth.tokenCalls.length;

describe("MKT-401 refresh of tokens expiring within 24 hours", () => {
  it("refreshes what expires within a day (once, even with a concurrent caller) and leaves the rest", async () => {
    const soon = await account("soon", 10);
    const later = await account("later", 48);
    const due = await listExpiringAccounts();
    expect(due.map((d) => d.accountId)).toContain(soon.accountId);
    expect(due.map((d) => d.accountId)).not.toContain(later.accountId);

    const deps = recordingRuntime().deps();
    const before = tokenCalls();
    const [a, b] = await Promise.all([refreshExpiringToken({ accountId: soon.accountId, deps }), refreshExpiringToken({ accountId: soon.accountId, deps })]);
    expect([a.outcome, b.outcome]).toEqual(["refreshed", "refreshed"]);
    expect(tokenCalls() - before).toBe(1);
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: soon.accountId } });
    const access = decryptAccountToken(row.organizationId, row.id, "accessToken", row.accessTokenEnc!);
    expect(access).not.toBe(soon.accessToken);
    expect(fake.oauth.check(access)).toBe(true);
    expect(row.tokenVersion).toBe(1);
    expect(row.status).toBe("ACTIVE");
    // The new token's expiry is the one the platform gave (the fake's 2 hours; TikTok's own access tokens live
    // 24 hours, so every run renews them).
    expect(Math.abs(row.tokenExpiresAt!.getTime() - (Date.now() + 7200_000))).toBeLessThan(120_000);
    expect(row.lastRefreshedAt).not.toBeNull();
    expect(await t.db.notification.count({ where: { organizationId: soon.orgId } })).toBe(0);
  });

  it("a refused refresh token: RECONNECT_REQUIRED and the owner told", async () => {
    const acc = await account("revoked", 5);
    fake.oauth.revokeRefreshTokens();
    const r = await refreshExpiringToken({ accountId: acc.accountId, deps: recordingRuntime().deps() });
    expect(r.outcome).toBe("reconnect_required");
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: acc.accountId } });
    expect(row.status).toBe("RECONNECT_REQUIRED");
    const notes = await t.db.notification.findMany({ where: { organizationId: acc.orgId } });
    expect(notes.map((n) => [n.userId, n.severity, n.messageKey])).toEqual([[acc.ownerId, "CRITICAL", "accountReconnect"]]);
    // Not picked again: it needs a person now.
    expect((await listExpiringAccounts()).map((d) => d.accountId)).not.toContain(acc.accountId);
  });

  it("a refused refresh token whose alert failed: the retried step tells the owner once (stable key), never 'refresh failed'; a later break is a new alert", async () => {
    const acc = await account("revoked-replay", 5);
    fake.oauth.revokeRefreshTokens();
    const deps = recordingRuntime().deps();
    // The account is marked RECONNECT_REQUIRED, then writing the owner's alert fails (as a crash there would).
    await t.db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_alert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'alert failed'; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER test_fail_alert BEFORE INSERT ON notifications FOR EACH ROW WHEN (NEW."organizationId" = '${acc.orgId}' AND NEW.type = 'account.reconnect_required') EXECUTE FUNCTION test_fail_alert()`);
    try {
      await refreshExpiringToken({ accountId: acc.accountId, deps }).catch(() => undefined);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER test_fail_alert ON notifications`);
    }
    expect((await t.db.socialAccount.findUniqueOrThrow({ where: { id: acc.accountId } })).status).toBe("RECONNECT_REQUIRED");
    // The step's retry, then one more replay.
    for (let i = 0; i < 2; i++) expect((await refreshExpiringToken({ accountId: acc.accountId, deps })).outcome).toBe("reconnect_required");
    const notes = await t.db.notification.findMany({ where: { organizationId: acc.orgId } });
    expect(notes.map((n) => [n.userId, n.messageKey, n.dedupeKey])).toEqual([[acc.ownerId, "accountReconnect", `reconnect:${acc.accountId}:v0:${acc.ownerId}`]]);
    expect(await t.db.outboxEmail.count({ where: { organizationId: acc.orgId } })).toBe(1);
    // Reconnected (a new token version), then broken again: a new alert.
    const again = fake.oauth.issue();
    await t.db.socialAccount.update({
      where: { id: acc.accountId },
      data: {
        status: "ACTIVE",
        tokenVersion: { increment: 1 },
        accessTokenEnc: encryptAccountToken(acc.orgId, acc.accountId, "accessToken", again.accessToken),
        refreshTokenEnc: encryptAccountToken(acc.orgId, acc.accountId, "refreshToken", again.refreshToken),
        tokenExpiresAt: new Date(Date.now() + 5 * 3600_000),
      },
    });
    fake.oauth.revokeRefreshTokens();
    expect((await refreshExpiringToken({ accountId: acc.accountId, deps })).outcome).toBe("reconnect_required");
    expect((await t.db.notification.findMany({ where: { organizationId: acc.orgId } })).map((n) => n.dedupeKey).sort()).toEqual([`reconnect:${acc.accountId}:v0:${acc.ownerId}`, `reconnect:${acc.accountId}:v1:${acc.ownerId}`]);
  });

  it("the platform failing: the account marked ERROR, owners and admins told urgently once; a later success restores it", async () => {
    const acc = await account("down", 20);
    const admin = await t.db.user.create({ data: { email: `admin-${acc.accountId}@example.com` } });
    await t.db.membership.create({ data: { organizationId: acc.orgId, userId: admin.id, role: "ADMIN" } });
    const editor = await t.db.user.create({ data: { email: `editor-${acc.accountId}@example.com` } });
    await t.db.membership.create({ data: { organizationId: acc.orgId, userId: editor.id, role: "EDITOR" } });
    fake.server.inject(/^\/v2\/oauth\/token\/$/, { status: 503, json: { error: "server_error", error_description: "maintenance" } }, 2, "POST"); // two runs fail, the third gets through

    const first = await refreshExpiringToken({ accountId: acc.accountId, deps: recordingRuntime().deps() });
    expect(first.outcome).toBe("failed");
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: acc.accountId } });
    expect(row.status).toBe("ERROR");
    expect(row.statusMessage).toMatch(/token refresh failed/);
    expect(row.refreshLeaseUntil).toBeNull();
    expect(decryptAccountToken(row.organizationId, row.id, "refreshToken", row.refreshTokenEnc!)).toBe(acc.refreshToken); // nothing lost
    const notes = await t.db.notification.findMany({ where: { organizationId: acc.orgId }, orderBy: { userId: "asc" } });
    expect(new Set(notes.map((n) => n.userId))).toEqual(new Set([acc.ownerId, admin.id]));
    expect(notes.every((n) => n.severity === "CRITICAL" && n.messageKey === "tokenRefreshFailed")).toBe(true);
    // A second failing run (still within the injected outage) tells nobody again.
    await refreshExpiringToken({ accountId: acc.accountId, deps: recordingRuntime().deps() });
    expect(await t.db.notification.count({ where: { organizationId: acc.orgId } })).toBe(2);
    // Still due (ERROR accounts are retried); once the platform answers, the account is ACTIVE again.
    expect((await listExpiringAccounts()).map((d) => d.accountId)).toContain(acc.accountId);
    const again = await refreshExpiringToken({ accountId: acc.accountId, deps: recordingRuntime().deps() });
    expect(again.outcome).toBe("refreshed");
    expect((await t.db.socialAccount.findUniqueOrThrow({ where: { id: acc.accountId } })).status).toBe("ACTIVE");
  });
});
