import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMkt107Publish } from "@/inngest/functions/content-flywheel/mkt-107-publish";
import { AppError } from "@/lib/errors";
import { announcePublicationOutcome } from "@/lib/publishing/announce-outcome";
import { cancelPublication } from "@/lib/publishing/cancel-publication";
import { checkPublicationStatus } from "@/lib/publishing/check-publication-status";
import { expandRecurrences } from "@/lib/publishing/expand-recurrence";
import { failPublication } from "@/lib/publishing/fail-publication";
import { getCalendar } from "@/lib/publishing/get-calendar";
import { getPublicationTimeline } from "@/lib/publishing/get-publication-timeline";
import { publishPublication } from "@/lib/publishing/publish-publication";
import { reschedulePublication } from "@/lib/publishing/reschedule-publication";
import { schedulePublication } from "@/lib/publishing/schedule-publication";
import { sweepDuePublications } from "@/lib/publishing/sweep-due-publications";
import { readTimelineMessage } from "@/lib/publishing/timeline";
import { runsOf, startHarness, until, type Harness } from "@/tests/integration/runtime/harness";
import { depsFor, revisionOf, seedOrg, seedPiece, seedSandboxAccount } from "./support";

/** Exactly once, the sweep, reschedule/cancel against durable waits, recurrence rows, tenancy. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness((client) => [buildMkt107Publish(client)]);
});
afterAll(async () => {
  await h?.stop();
});

const FN = "test-app-mkt-107-publish";
const keysOf = async (publicationId: string) =>
  (await h.db.publicationEvent.findMany({ where: { publicationId }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => readTimelineMessage(e.payload)?.key ?? null);
const sandboxPosts = (accountId: string) => h.db.sandboxRecord.count({ where: { accountId, kind: "post" } });

async function setup() {
  const org = await seedOrg(h.db);
  const account = await seedSandboxAccount(h.db, org.orgId);
  const piece = await seedPiece(h.db, org.orgId);
  return { ...org, account, piece };
}

/** A publication row as MKT-106 would leave it, without any event (no run is waiting for it). */
async function bareRow(s: Awaited<ReturnType<typeof setup>>, scheduledAt: Date, extra: Record<string, unknown> = {}) {
  return h.db.publication.create({
    data: { organizationId: s.orgId, contentPieceId: s.piece.id, revisionId: await revisionOf(h.db, s.piece.id), socialAccountId: s.account.id, platform: "LINKEDIN", scheduledAt, idempotencyKey: `k-${Math.random()}`, maxAttempts: 8, ...extra },
  });
}

describe("MKT-107 publishes only an approved, current network version (issue 9)", () => {
  it("no revision, a revision nobody approved, or one replaced after approval: FAILED not_approved, the platform never called", async () => {
    const s = await setup();
    const approvedId = await revisionOf(h.db, s.piece.id);
    const unapproved = await h.db.contentRevision.create({
      data: { organizationId: s.orgId, contentPieceId: s.piece.id, platform: "LINKEDIN", number: 2, text: "Jamais relu", scheduledAt: new Date() },
    });
    const none = await bareRow(s, new Date(Date.now() - 1000), { revisionId: null });
    const notApproved = await bareRow(s, new Date(Date.now() - 1000), { revisionId: unapproved.id });
    const stale = await bareRow(s, new Date(Date.now() - 1000), { revisionId: approvedId });
    await h.db.contentRevision.update({ where: { id: approvedId }, data: { supersededAt: new Date() } });
    for (const pub of [none, notApproved, stale]) {
      expect(await publishPublication({ organizationId: s.orgId, publicationId: pub.id })).toMatchObject({ outcome: "failed", errorCode: "not_approved" });
      expect(await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } })).toMatchObject({ status: "FAILED", errorCode: "not_approved", platformPostId: null });
      expect(await keysOf(pub.id)).toEqual(["notApproved"]);
    }
    expect(await sandboxPosts(s.account.id)).toBe(0);
  });
});

describe("MKT-107 exactly once", () => {
  it("20 concurrent publish calls, then re-runs -> one platform post, one POSTED transition", async () => {
    const s = await setup();
    const pub = await bareRow(s, new Date(Date.now() - 1000));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => publishPublication({ organizationId: s.orgId, publicationId: pub.id })));
    const fresh = results.filter((r) => r.status === "fulfilled" && r.value.outcome === "posted" && !r.value.already);
    expect(fresh).toHaveLength(1);
    // The others either saw POSTED or were told to come back when the lease ends (RetryAfterError).
    for (const r of results) if (r.status === "rejected") expect((r.reason as Error).name).toBe("RetryAfterError");
    for (let i = 0; i < 3; i++) expect(await publishPublication({ organizationId: s.orgId, publicationId: pub.id })).toMatchObject({ outcome: "posted", already: true });
    expect(await sandboxPosts(s.account.id)).toBe(1);
    expect(await h.db.publicationEvent.count({ where: { publicationId: pub.id, status: "POSTED" } })).toBe(1);
    expect(await h.db.publicationAttempt.count({ where: { publicationId: pub.id } })).toBe(1);
  });

  it("a crashed attempt (lease expired, attempt RUNNING) is closed and retried with the same key; a stored platformPostId is never re-posted", async () => {
    const s = await setup();
    const pub = await bareRow(s, new Date(Date.now() - 1000), { status: "UPLOADING", lockedUntil: new Date(Date.now() - 1000), attempts: 1 });
    await h.db.publicationAttempt.create({ data: { organizationId: s.orgId, publicationId: pub.id, attemptNumber: 1, status: "RUNNING" } });
    expect(await publishPublication({ organizationId: s.orgId, publicationId: pub.id })).toMatchObject({ outcome: "posted", already: false });
    const attempts = await h.db.publicationAttempt.findMany({ where: { publicationId: pub.id }, orderBy: { attemptNumber: "asc" } });
    expect(attempts.map((a) => [a.status, a.errorCode])).toEqual([["FAILED", "interrupted"], ["SUCCEEDED", null]]);
    expect(await keysOf(pub.id)).toEqual(["interrupted", "uploading", "posted"]);

    // Ledger: the platform id was stored but the status write was lost -> repaired without a call.
    const pub2 = await bareRow(s, new Date(Date.now() - 1000), { platformPostId: "sbx_post_known", platformPostUrl: "https://sandbox/x" });
    const before = await sandboxPosts(s.account.id);
    expect(await publishPublication({ organizationId: s.orgId, publicationId: pub2.id })).toMatchObject({ outcome: "posted", platformPostId: "sbx_post_known" });
    expect(await sandboxPosts(s.account.id)).toBe(before);
    const tl2 = await getPublicationTimeline({ organizationId: s.orgId, publicationId: pub2.id });
    expect(tl2.events).toEqual([expect.objectContaining({ status: "POSTED", key: "postedRecovered", values: { platform: "linkedin" }, message: "Posted on linkedin (recovered from the ledger)" })]);
    // A line written before message keys (or by the demo seed): no key, the UI shows its message.
    await h.db.publicationEvent.create({ data: { organizationId: s.orgId, publicationId: pub2.id, message: "Publié", at: new Date(Date.now() + 1000) } });
    expect((await getPublicationTimeline({ organizationId: s.orgId, publicationId: pub2.id })).events.at(-1)).toMatchObject({ message: "Publié", key: null, values: null });
  });

  it("a live lease blocks a second caller (RetryAfterError until the lease ends), and an account rate limit defers without calling", async () => {
    const s = await setup();
    const lockedUntil = new Date(Date.now() + 60_000);
    const pub = await bareRow(s, new Date(Date.now() - 1000), { status: "UPLOADING", lockedUntil });
    await expect(publishPublication({ organizationId: s.orgId, publicationId: pub.id })).rejects.toMatchObject({ name: "RetryAfterError" });
    await h.db.publication.update({ where: { id: pub.id }, data: { status: "SCHEDULED", lockedUntil: null } });
    await h.db.socialAccount.update({ where: { id: s.account.id }, data: { rateLimitedUntil: new Date(Date.now() + 60_000) } });
    await expect(publishPublication({ organizationId: s.orgId, publicationId: pub.id })).rejects.toMatchObject({ name: "RetryAfterError" });
    expect(await sandboxPosts(s.account.id)).toBe(0);
    expect((await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } })).nextAttemptAt).not.toBeNull();
    expect(await keysOf(pub.id)).toEqual(["accountRateLimited"]);
  });
});

describe("MKT-107 gives up", () => {
  it("when the workflow runs out of attempts (onFailure), the publication is FAILED with the last error, once", async () => {
    const s = await setup();
    const pub = await bareRow(s, new Date(Date.now() - 1000), { status: "UPLOADING", lockedUntil: new Date(Date.now() - 1) });
    expect(await failPublication({ organizationId: s.orgId, publicationId: pub.id, errorCode: "gave_up", errorMessage: "linkedin: Internal Server Error" })).toMatchObject({ outcome: "failed" });
    expect(await failPublication({ organizationId: s.orgId, publicationId: pub.id, errorCode: "gave_up", errorMessage: "again" })).toMatchObject({ outcome: "failed" });
    const row = await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } });
    expect([row.status, row.errorCode, row.errorMessage]).toEqual(["FAILED", "gave_up", "Publishing workflow gave up: linkedin: Internal Server Error"]);
    const tl = await getPublicationTimeline({ organizationId: s.orgId, publicationId: pub.id });
    expect(tl.events).toEqual([expect.objectContaining({ status: "FAILED", key: "workflowGaveUp", values: { platform: "linkedin", error: "linkedin: Internal Server Error" } })]);
  });

  it("a publish replayed after its failure committed returns the failure again: publication/failed and the CRITICAL alert still go out, once", async () => {
    const s = await setup();
    const pub = await bareRow(s, new Date(Date.now() - 1000), { revisionId: null });
    // The first execution commits FAILED, then dies before announcing it (or its announcement throws);
    // the replay runs the same call for the same run.
    const first = await publishPublication({ organizationId: s.orgId, publicationId: pub.id, runId: "run-1" });
    expect(first).toMatchObject({ outcome: "failed", errorCode: "not_approved" });
    const replay = await publishPublication({ organizationId: s.orgId, publicationId: pub.id, runId: "run-1" });
    expect(replay).toEqual(first);
    // A replayed status poll of a publication already FAILED says the same.
    expect(await checkPublicationStatus({ organizationId: s.orgId, publicationId: pub.id })).toEqual(first);
    const sent: { id?: string; name: string }[] = [];
    const deps = depsFor(h.client, { send: async (e) => void sent.push(...e) });
    for (let i = 0; i < 2; i++) await announcePublicationOutcome({ organizationId: s.orgId, publicationId: pub.id, result: replay, deps });
    expect(sent.map((e) => [e.name, e.id])).toEqual([["publication/failed", `publication-failed-${pub.id}`], ["publication/failed", `publication-failed-${pub.id}`]]);
    const alerts = await h.db.notification.findMany({ where: { organizationId: s.orgId, type: "publication.failed" } });
    expect(alerts.map((n) => [n.userId, n.severity]).sort()).toEqual([[s.adminId, "CRITICAL"], [s.ownerId, "CRITICAL"]].sort());
    expect(await keysOf(pub.id)).toEqual(["notApproved"]);
  });
});

describe("MKT-107 sweep, reschedule, cancel", () => {
  it("the sweep picks up a due publication nobody is waiting for, and only that one", async () => {
    const s = await setup();
    const missed = await bareRow(s, new Date(Date.now() - 5 * 60_000));
    const future = await bareRow(s, new Date(Date.now() + 3600_000));
    const retrying = await bareRow(s, new Date(Date.now() - 5 * 60_000), { nextAttemptAt: new Date(Date.now() + 60_000) });
    const crashed = await bareRow(s, new Date(Date.now() - 5 * 60_000), { status: "UPLOADING", lockedUntil: new Date(Date.now() - 1) });
    const ancient = await bareRow(s, new Date(Date.now() - 48 * 3600_000));
    const swept = await sweepDuePublications();
    const ids = swept.dispatched.map((d) => d.publicationId);
    expect(ids).toEqual(expect.arrayContaining([missed.id, crashed.id]));
    expect(ids).not.toContain(future.id);
    expect(ids).not.toContain(retrying.id);
    expect(ids).not.toContain(ancient.id);
    expect((await h.db.publication.findUniqueOrThrow({ where: { id: ancient.id } })).status).toBe("FAILED");
    expect(await keysOf(ancient.id)).toEqual(["missedWindow"]);
    expect(await keysOf(missed.id)).toEqual(["sweptUp"]);
    // What the cron function does with them: dispatch publication/scheduled -> posted.
    await h.client.send(swept.dispatched.filter((d) => d.publicationId === missed.id).map((d) => ({ name: "publication/scheduled", data: d })));
    await until("missed posted", async () => (await h.db.publication.findUniqueOrThrow({ where: { id: missed.id } })).status === "POSTED");
  });

  it("reschedule ends the old wait (cancelOn) and the new run publishes once at the new time", async () => {
    const s = await setup();
    const deps = depsFor(h.client);
    const pub = await schedulePublication({ organizationId: s.orgId, contentPieceId: s.piece.id, socialAccountId: s.account.id, scheduledAt: new Date(Date.now() + 3600_000), deps });
    // The event carries ts = scheduledAt: the run waits, not started (QUEUED), until then.
    const sleeping = await until("old run waiting", async () => (await runsOf(h.db, FN)).find((r) => r.event.data.publicationId === pub.id && r.status === "QUEUED"));
    await reschedulePublication({ organizationId: s.orgId, publicationId: pub.id, scheduledAt: new Date(Date.now() + 500), deps });
    await until("old run cancelled", async () => (await runsOf(h.db, FN)).find((r) => r.id === sleeping.id && r.status === "CANCELLED"));
    await until("posted", async () => (await h.db.publication.findUniqueOrThrow({ where: { id: pub.id } })).status === "POSTED");
    const runs = (await runsOf(h.db, FN)).filter((r) => r.event.data.publicationId === pub.id);
    expect(runs.filter((r) => r.status === "CANCELLED")).toHaveLength(1);
    expect(await sandboxPosts(s.account.id)).toBe(1);
    const tl = await getPublicationTimeline({ organizationId: s.orgId, publicationId: pub.id });
    expect(tl.events.map((e) => e.status)).toEqual(["SCHEDULED", "SCHEDULED", "UPLOADING", "POSTED"]);
    expect(tl.events[1]!.message).toMatch(/^Rescheduled from/);
    expect(tl.events.map((e) => e.key)).toEqual(["scheduled", "rescheduled", "uploading", "posted"]);
    const { fromAt, toAt } = tl.events[1]!.values as { fromAt: string; toAt: string };
    expect(tl.events[1]!.message).toBe(`Rescheduled from ${fromAt} to ${toAt}`);
    expect(fromAt).toBe(tl.events[0]!.values!.at);
    expect(toAt).toBe(tl.publication.scheduledAt);
  });

  it("cancel ends the wait; nothing is posted; a posted publication cannot be cancelled", async () => {
    const s = await setup();
    const deps = depsFor(h.client);
    const pub = await schedulePublication({ organizationId: s.orgId, contentPieceId: s.piece.id, socialAccountId: s.account.id, scheduledAt: new Date(Date.now() + 3600_000), deps });
    await until("run waiting", async () => (await runsOf(h.db, FN)).find((r) => r.event.data.publicationId === pub.id && r.status === "QUEUED"));
    expect((await cancelPublication({ organizationId: s.orgId, publicationId: pub.id, deps })).status).toBe("CANCELLED");
    await until("run cancelled", async () => (await runsOf(h.db, FN)).find((r) => r.event.data.publicationId === pub.id && r.status === "CANCELLED"));
    expect(await sandboxPosts(s.account.id)).toBe(0);
    expect(await keysOf(pub.id)).toEqual(["scheduled", "cancelled"]);
    const posted = await bareRow(s, new Date(), { status: "POSTED", platformPostId: "p1" });
    await expect(cancelPublication({ organizationId: s.orgId, publicationId: posted.id, deps })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("recurrence and tenancy", () => {
  it("a weekly series materialises its occurrences once (re-running adds nothing)", async () => {
    const s = await setup();
    const sent: unknown[] = [];
    const deps = depsFor(h.client, { send: async (e) => void sent.push(...e) });
    const start = new Date(Date.now() + 3600_000);
    const series = await schedulePublication({ organizationId: s.orgId, contentPieceId: s.piece.id, socialAccountId: s.account.id, scheduledAt: start, timezone: "Europe/Paris", rrule: "FREQ=WEEKLY", deps });
    const children = await h.db.publication.findMany({ where: { recurrenceParentId: series.id }, orderBy: { scheduledAt: "asc" } });
    expect(children.length).toBeGreaterThanOrEqual(4);
    expect(children.length).toBeLessThanOrEqual(5);
    expect(sent).toHaveLength(1 + children.length);
    expect(await expandRecurrences({ organizationId: s.orgId, deps })).toMatchObject({ created: 0 });
    expect(new Set(children.map((c) => c.idempotencyKey)).size).toBe(children.length);
    const childLines = await h.db.publicationEvent.findMany({ where: { publicationId: children[0]!.id } });
    expect(childLines.map((e) => readTimelineMessage(e.payload))).toEqual([{ key: "scheduledRecurring", values: { at: children[0]!.scheduledAt.toISOString() } }]);
  });

  it("another organisation's publication id -> 404 for timeline, reschedule and cancel; the calendar lists only its own", async () => {
    const a = await setup();
    const b = await setup();
    const pubA = await bareRow(a, new Date(Date.now() + 3600_000));
    const deps = depsFor(h.client);
    for (const call of [
      () => getPublicationTimeline({ organizationId: b.orgId, publicationId: pubA.id }),
      () => reschedulePublication({ organizationId: b.orgId, publicationId: pubA.id, scheduledAt: new Date(Date.now() + 7200_000), deps }),
      () => cancelPublication({ organizationId: b.orgId, publicationId: pubA.id, deps }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("not_found");
    }
    expect((await h.db.publication.findUniqueOrThrow({ where: { id: pubA.id } })).status).toBe("SCHEDULED");
    const cal = await getCalendar({ organizationId: b.orgId, from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) });
    expect(cal.publications.map((p) => p.id)).not.toContain(pubA.id);
    const calA = await getCalendar({ organizationId: a.orgId, from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) });
    expect(calA.publications.map((p) => p.id)).toContain(pubA.id);
  });
});
