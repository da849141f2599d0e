import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildMkt107Publish } from "@/inngest/functions/content-flywheel/mkt-107-publish";
import { configureCircuits } from "@/lib/connectors/circuit";
import { getPublicationTimeline } from "@/lib/publishing/get-publication-timeline";
import { listPublishQueue } from "@/lib/publishing/list-publish-queue";
import { schedulePublication } from "@/lib/publishing/schedule-publication";
import { readTimelineMessage, timelineEnglish, type TimelineMessage } from "@/lib/publishing/timeline";
import { createLinkedinFake, LINKEDIN_CLIENT, type LinkedinFake } from "@/tests/fakes/linkedin";
import { createXFake, X_CLIENT, xErrors, type XFake } from "@/tests/fakes/x";
import { seedAccount, setEnv } from "@/tests/contract/harness";
import { runsOf, startHarness, until, type Harness } from "@/tests/integration/runtime/harness";
import { publishPublication } from "@/lib/publishing/publish-publication";
import { leaseDuePublication } from "@/lib/publishing/publish-sql";
import { depsFor, revisionOf, seedPiece } from "./support";

/**
 * MKT-107 fault tests through the real workflow (serve() + embedded executor) and the REAL
 * LinkedIn / X connectors pointed at the platform fakes (PLATFORM_BASE_URLS).
 */
let h: Harness;
let li: LinkedinFake;
let xf: XFake;

beforeAll(async () => {
  li = createLinkedinFake();
  xf = createXFake();
  await Promise.all([li.server.start(), xf.server.start()]);
  setEnv({
    LINKEDIN_CLIENT_ID: LINKEDIN_CLIENT.clientId, LINKEDIN_CLIENT_SECRET: LINKEDIN_CLIENT.clientSecret, LINKEDIN_API_VERSION: "202606",
    X_CLIENT_ID: X_CLIENT.clientId, X_CLIENT_SECRET: X_CLIENT.clientSecret,
    PLATFORM_BASE_URLS: JSON.stringify({ linkedin: li.server.url, x: xf.server.url }),
    PUBLISH_RETRY_BASE_MS: "50",
  });
  h = await startHarness((client) => [buildMkt107Publish(client)]);
});
afterAll(async () => {
  await h?.stop();
  await Promise.all([li?.server.stop(), xf?.server.stop()]);
  setEnv({ LINKEDIN_CLIENT_ID: undefined, LINKEDIN_CLIENT_SECRET: undefined, X_CLIENT_ID: undefined, X_CLIENT_SECRET: undefined, PLATFORM_BASE_URLS: undefined, PUBLISH_RETRY_BASE_MS: undefined });
});

const FN = "test-app-mkt-107-publish";

async function runFor(publicationId: string) {
  return until(`run of ${publicationId} ended`, async () => {
    const runs = await runsOf(h.db, FN);
    return runs.find((r) => r.event.data.publicationId === publicationId && ["COMPLETED", "FAILED", "CANCELLED"].includes(r.status));
  }, 30_000);
}

const timeline = (publicationId: string) => h.db.publicationEvent.findMany({ where: { publicationId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
/** The translatable part of a stored line (payload._msg, lib/publishing/timeline.ts). */
const msgOf = (e: { payload: unknown }) => readTimelineMessage(e.payload);

describe("MKT-107 against the platform fakes", () => {
  it("the platform returns 500 twice then succeeds -> posted once, every attempt on the timeline", async () => {
    const tok = li.oauth.issue();
    const acc = await seedAccount(h.db, { platform: "linkedin", externalId: "123", accessToken: tok.accessToken, refreshToken: tok.refreshToken });
    const piece = await seedPiece(h.db, acc.orgId, "Five hundred twice");
    li.server.inject(/^\/rest\/posts/, { status: 500, json: { status: 500, message: "Internal Server Error" } }, 2, "POST");
    const postsBefore = li.posts.size;
    const pub = await schedulePublication({ organizationId: acc.orgId, contentPieceId: piece.id, socialAccountId: acc.accountId, scheduledAt: new Date(), deps: depsFor(h.client) });

    const run = await runFor(pub.id);
    expect(run.status).toBe("COMPLETED");
    const row = await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } });
    expect(row.status).toBe("POSTED");
    expect(row.platformPostId).toMatch(/^urn:li:share:/);
    expect(li.posts.size - postsBefore).toBe(1);
    expect(li.server.callsTo(/^\/rest\/posts/, "POST")).toHaveLength(3);
    const attempts = await h.db.publicationAttempt.findMany({ where: { publicationId: pub.id }, orderBy: { attemptNumber: "asc" } });
    expect(attempts.map((a) => [a.attemptNumber, a.status, a.httpStatus])).toEqual([[1, "FAILED", 500], [2, "FAILED", 500], [3, "SUCCEEDED", null]]);
    const events = await timeline(pub.id);
    expect(events.filter((e) => e.status === "UPLOADING")).toHaveLength(3);
    expect(events.filter((e) => e.level === "WARN" && /Attempt \d failed: linkedin: Internal Server Error/.test(e.message))).toHaveLength(2);
    expect(events.map((e) => e.status).filter(Boolean)).toEqual(["SCHEDULED", "UPLOADING", "SCHEDULED", "UPLOADING", "SCHEDULED", "UPLOADING", "POSTED"]);
    // Every line carries its message key and values (payload._msg) beside its own payload, and its
    // English message is the same values in words.
    const uploading = events.filter((e) => e.status === "UPLOADING");
    expect(uploading[0]!.payload).toEqual({ attempt: 1, _msg: { key: "uploading", values: { platform: "linkedin", attempt: 1, max: row.maxAttempts } } });
    expect(uploading.map(msgOf)).toEqual([1, 2, 3].map((attempt) => ({ key: "uploading", values: { platform: "linkedin", attempt, max: row.maxAttempts } })));
    const retries = events.filter((e) => e.level === "WARN");
    expect(retries.map((e) => msgOf(e)?.key)).toEqual(["attemptFailed", "attemptFailed"]);
    for (const e of retries) {
      expect(msgOf(e)!.values).toMatchObject({ platform: "linkedin", message: "linkedin: Internal Server Error", retryAt: (e.payload as { retryAt: string }).retryAt });
    }
    expect(msgOf(events[0]!)).toEqual({ key: "scheduled", values: { at: row.scheduledAt.toISOString() } });
    expect(msgOf(events.at(-1)!)).toEqual({ key: "posted", values: { platform: "linkedin" } });
    // The DTOs (timeline API, publish queue) expose them.
    const tl = await getPublicationTimeline({ organizationId: acc.orgId, publicationId: pub.id });
    expect(tl.events.find((e) => e.status === "UPLOADING")).toMatchObject({ key: "uploading", values: { platform: "linkedin", attempt: 1, max: row.maxAttempts }, message: `Uploading to linkedin (attempt 1 of ${row.maxAttempts})` });
    for (const e of tl.events) {
      expect(e.key, e.message).not.toBeNull();
      expect(timelineEnglish({ key: e.key, values: e.values } as TimelineMessage)).toBe(e.message);
    }
    const queued = (await listPublishQueue({ organizationId: acc.orgId })).items.find((i) => i.id === pub.id)!;
    expect(queued.events.map((e) => e.key)).toEqual(tl.events.map((e) => e.key));
    expect(queued.events.at(-1)).toMatchObject({ key: "posted", values: { platform: "linkedin" }, message: "Posted on linkedin" });
    // The retries carry LinkedIn's English words: the queue gets a catalogue error line to show in their
    // place (publishing.errors.*, lib/publishing/publication-error.ts), the words kept in values for support.
    const failedLines = queued.events.filter((e) => e.key === "attemptFailed");
    expect(failedLines).toHaveLength(2);
    for (const e of failedLines) expect(e.error).toEqual({ key: "transient", values: {} });
    expect(queued.events.filter((e) => e.key !== "attemptFailed").every((e) => e.error === null)).toBe(true);
    // The backoff doubles: the second wait is longer than the first (attempt 1 -> 2 -> 3).
    expect(attempts[2]!.startedAt.getTime() - attempts[1]!.finishedAt!.getTime()).toBeGreaterThanOrEqual(100);
    // publication/posted was emitted once.
    const posted = await h.db.runtimeEvent.findMany({ where: { name: "publication/posted" } });
    expect(posted.filter((e) => (e.data as { publicationId: string }).publicationId === pub.id)).toHaveLength(1);
  });

  it("the platform returns 429 -> waits for the reset, then posts", async () => {
    const tok = xf.oauth.issue();
    const acc = await seedAccount(h.db, { platform: "x", externalId: "42", accessToken: tok.accessToken, refreshToken: tok.refreshToken });
    const piece = await seedPiece(h.db, acc.orgId, "Rate limited then through");
    // The retry waits for max(reset, now + 1 s): on a loaded machine the first attempt can come late, so
    // the assertions below check "not before the reset" rather than an exact instant.
    const resetUnix = Math.floor(Date.now() / 1000) + 2;
    xf.server.inject(/^\/2\/tweets/, xErrors.rateLimited(resetUnix), 1, "POST");
    const pub = await schedulePublication({ organizationId: acc.orgId, contentPieceId: piece.id, socialAccountId: acc.accountId, scheduledAt: new Date(), deps: depsFor(h.client) });

    const run = await runFor(pub.id);
    expect(run.status).toBe("COMPLETED");
    const row = await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } });
    expect(row.status).toBe("POSTED");
    expect(xf.server.callsTo(/^\/2\/tweets$/, "POST")).toHaveLength(2);
    const attempts = await h.db.publicationAttempt.findMany({ where: { publicationId: pub.id }, orderBy: { attemptNumber: "asc" } });
    expect(attempts.map((a) => [a.status, a.httpStatus])).toEqual([["FAILED", 429], ["SUCCEEDED", null]]);
    // Not before the platform's reset: the second attempt started at or after it.
    expect(attempts[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(resetUnix * 1000);
    const account = await h.db.socialAccount.findUniqueOrThrow({ where: { id: acc.accountId } });
    expect(account.rateLimitedUntil?.getTime()).toBe(resetUnix * 1000);
    const events = await timeline(pub.id);
    expect(events.some((e) => e.level === "WARN" && e.message.startsWith("Rate limited") && new Date((e.payload as { retryAt: string }).retryAt).getTime() >= resetUnix * 1000)).toBe(true);
    const limited = events.find((e) => msgOf(e)?.key === "rateLimited")!;
    expect(msgOf(limited)!.values).toMatchObject({ platform: "x", retryAt: (limited.payload as { retryAt: string }).retryAt });
    expect(limited.message).toBe(timelineEnglish(msgOf(limited) as TimelineMessage));
    const limitedDto = (await getPublicationTimeline({ organizationId: acc.orgId, publicationId: pub.id })).events.find((e) => e.key === "rateLimited")!;
    expect(limitedDto.error).toEqual({ key: "rateLimited", values: {} });
  });

  it("a token expiring in 1 minute is refreshed before publishing", async () => {
    const tok = li.oauth.issue();
    const acc = await seedAccount(h.db, { platform: "linkedin", externalId: "777", accessToken: tok.accessToken, refreshToken: tok.refreshToken, expiresInSec: 60 });
    const piece = await seedPiece(h.db, acc.orgId, "Fresh token please");
    const callsBefore = li.server.calls.length;
    const pub = await schedulePublication({ organizationId: acc.orgId, contentPieceId: piece.id, socialAccountId: acc.accountId, scheduledAt: new Date(), deps: depsFor(h.client) });

    const run = await runFor(pub.id);
    expect(run.status).toBe("COMPLETED");
    expect((await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } })).status).toBe("POSTED");
    const calls = li.server.calls.slice(callsBefore);
    const tokenCall = calls.findIndex((c) => c.path.startsWith("/oauth/v2/accessToken") && c.body.includes("grant_type=refresh_token"));
    const postCall = calls.findIndex((c) => c.path.startsWith("/rest/posts") && c.method === "POST");
    expect(tokenCall).toBeGreaterThanOrEqual(0);
    expect(postCall).toBeGreaterThan(tokenCall);
    expect(calls.filter((c) => c.path.startsWith("/oauth/v2/accessToken"))).toHaveLength(1);
    // The post went out with the new token, never the expiring one.
    expect(calls[postCall]!.headers.authorization).not.toBe(`Bearer ${tok.accessToken}`);
    const account = await h.db.socialAccount.findUniqueOrThrow({ where: { id: acc.accountId } });
    expect(account.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    expect((await timeline(pub.id)).some((e) => e.message.startsWith("Access token refreshed before publishing") && msgOf(e)?.key === "tokenRefreshed")).toBe(true);
  });

  it("a non-retriable validation error fails at once; the last retriable failure fails too; admins notified once", async () => {
    const tok = li.oauth.issue();
    const acc = await seedAccount(h.db, { platform: "linkedin", externalId: "888", accessToken: tok.accessToken, refreshToken: tok.refreshToken });
    const adm = await h.db.user.create({ data: { email: `adm-${acc.accountId}@example.com` } });
    await h.db.membership.create({ data: { organizationId: acc.orgId, role: "ADMIN", userId: adm.id } });
    const piece = await seedPiece(h.db, acc.orgId, "Bad request");
    li.server.inject(/^\/rest\/posts/, { status: 422, json: { status: 422, message: "commentary is invalid" } }, 1, "POST");
    const pub = await schedulePublication({ organizationId: acc.orgId, contentPieceId: piece.id, socialAccountId: acc.accountId, scheduledAt: new Date(), deps: depsFor(h.client) });
    const run = await runFor(pub.id);
    expect(run.status).toBe("COMPLETED");
    const row = await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.errorMessage).toContain("commentary is invalid");
    const failedEvent = (await timeline(pub.id)).at(-1)!;
    expect(failedEvent).toMatchObject({ status: "FAILED", level: "ERROR" });
    expect(failedEvent.message).toContain("commentary is invalid");
    expect(msgOf(failedEvent)).toEqual({ key: "failed", values: { platform: "linkedin", message: failedEvent.message } });
    const notes = await h.db.notification.findMany({ where: { organizationId: acc.orgId, type: "publication.failed" } });
    expect(notes).toHaveLength(2); // the owner and the admin

    // Retriable errors until the last attempt (max 2 for this one) -> FAILED "gave up after 2 attempts".
    li.server.inject(/^\/rest\/posts/, { status: 503, json: { status: 503, message: "unavailable" } }, 5, "POST");
    const pub2 = await schedulePublication({ organizationId: acc.orgId, contentPieceId: piece.id, socialAccountId: acc.accountId, scheduledAt: new Date(), deps: depsFor(h.client, { maxAttempts: 2 }) });
    await runFor(pub2.id);
    const row2 = await h.db.publication.findUniqueOrThrow({ where: { id: pub2.id } });
    expect(row2).toMatchObject({ status: "FAILED", attempts: 2 });
    expect(row2.errorMessage).toContain("gave up after 2 attempts");
    const gaveUp = (await timeline(pub2.id)).at(-1)!;
    expect(gaveUp).toMatchObject({ status: "FAILED", message: row2.errorMessage });
    expect(msgOf(gaveUp)).toMatchObject({ key: "failedGaveUp", values: { platform: "linkedin", attempts: 2 } });
    const failed = await h.db.runtimeEvent.findMany({ where: { name: "publication/failed" } });
    expect(failed.filter((e) => (e.data as { publicationId: string }).publicationId === pub2.id)).toHaveLength(1);
  });

  describe("the publishing lease", () => {
    // A short lease for the test (the product's is 30 s, renewed every 10 s: lib/publishing/deps.ts).
    const lease = { leaseMs: 600, leaseRenewMs: 150 };
    // Fresh breakers and no fault left over: the 5xx answers of the tests above opened LinkedIn's
    // (lib/connectors/circuit.ts), and the last one injected more 503s than its two attempts used.
    beforeEach(() => {
      configureCircuits();
      li.server.clearInjected();
    });
    async function bareLinkedinRow() {
      const tok = li.oauth.issue();
      const acc = await seedAccount(h.db, { platform: "linkedin", externalId: "123", accessToken: tok.accessToken, refreshToken: tok.refreshToken });
      const piece = await seedPiece(h.db, acc.orgId, `Lease ${Math.random()}`);
      // The row as MKT-106 leaves it, without an event: no workflow run publishes it beside the test.
      const pub = await h.db.publication.create({
        data: { organizationId: acc.orgId, contentPieceId: piece.id, revisionId: await revisionOf(h.db, piece.id), socialAccountId: acc.accountId, platform: "LINKEDIN", scheduledAt: new Date(Date.now() - 1000), idempotencyKey: `k-${Math.random()}`, maxAttempts: 3 },
      });
      return { orgId: acc.orgId, pub };
    }

    it("a platform call longer than the lease keeps it: a second caller meanwhile is told to come back, one post", async () => {
      const { orgId, pub } = await bareLinkedinRow();
      const deps = depsFor(h.client, lease);
      const postsBefore = li.posts.size;
      li.server.delay(/^\/rest\/posts/, 2_000, 1, "POST");
      const first = publishPublication({ organizationId: orgId, publicationId: pub.id, deps });
      // Well past the lease's first end: still held, because the first caller renews it.
      await new Promise((r) => setTimeout(r, 1_200));
      await expect(publishPublication({ organizationId: orgId, publicationId: pub.id, deps })).rejects.toMatchObject({ name: "RetryAfterError" });
      expect(await first).toMatchObject({ outcome: "posted", already: false });
      expect(li.posts.size - postsBefore).toBe(1);
      expect(await h.db.publicationAttempt.count({ where: { publicationId: pub.id } })).toBe(1);
      expect(await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } })).toMatchObject({ status: "POSTED", lockedUntil: null });
    });

    it("a caller that died (no renewal) leaves the lease free within its length: the next caller posts, the dead attempt closed", async () => {
      const { orgId, pub } = await bareLinkedinRow();
      const deps = depsFor(h.client, lease);
      // The dead caller took the lease and its attempt, then nothing more.
      expect(await leaseDuePublication({ id: pub.id, organizationId: orgId, now: new Date(), leaseMs: lease.leaseMs })).toBeDefined();
      await h.db.publicationAttempt.create({ data: { organizationId: orgId, publicationId: pub.id, attemptNumber: 1, status: "RUNNING", startedAt: new Date() } });
      await expect(publishPublication({ organizationId: orgId, publicationId: pub.id, deps })).rejects.toMatchObject({ name: "RetryAfterError" });
      await new Promise((r) => setTimeout(r, lease.leaseMs + 100));
      expect(await publishPublication({ organizationId: orgId, publicationId: pub.id, deps })).toMatchObject({ outcome: "posted", already: false });
      const attempts = await h.db.publicationAttempt.findMany({ where: { publicationId: pub.id }, orderBy: { attemptNumber: "asc" } });
      expect(attempts.map((a) => [a.attemptNumber, a.status, a.errorCode])).toEqual([[1, "FAILED", "interrupted"], [2, "SUCCEEDED", null]]);
    });
  });
});
