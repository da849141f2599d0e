import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectMetrics, listOrganizationsToMeasure } from "@/lib/analytics/metrics/collect-metrics";
import { getContentMetrics } from "@/lib/analytics/metrics/get-content-metrics";
import { metricsSlotOf } from "@/lib/analytics/metrics/compute-engagement";
import { detectSignals, markSignalsAnnounced } from "@/lib/content/signals/detect-signals";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createPostedPublication, createTenant, ORDINARY_POSTS, STAR_POST, type Tenant } from "./fixtures";

let t: TestDatabase;
let a: Tenant;
let b: Tenant;
const pubs: Record<string, { pieceId: string; publicationId: string }> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTenant(t.db, "metrics-a");
  b = await createTenant(t.db, "metrics-b");
  for (const id of [...ORDINARY_POSTS, STAR_POST]) pubs[id] = await createPostedPublication(t.db, a, id);
});
afterAll(async () => t?.cleanup());

describe("MKT-108 collectMetrics", () => {
  it("stores one snapshot per publication and 2-hour slot, however often it runs in that slot", async () => {
    const now = new Date();
    const first = await collectMetrics({ organizationId: a.orgId, now });
    expect(first.failed).toEqual([]);
    expect(first.publicationIds).toHaveLength(7);
    expect(first.capturedAt).toBe(metricsSlotOf(now).toISOString());
    await collectMetrics({ organizationId: a.orgId, now: new Date(now.getTime() + 1000) });
    expect(await t.db.contentMetricSnapshot.count({ where: { organizationId: a.orgId } })).toBe(7);
    // The next slot adds a row per publication.
    await collectMetrics({ organizationId: a.orgId, now: new Date(metricsSlotOf(now).getTime() + 2 * 3600_000 + 60_000) });
    expect(await t.db.contentMetricSnapshot.count({ where: { organizationId: a.orgId } })).toBe(14);
  });

  it("stores normalised figures, engagement rate and weighted score, and updates the piece and publication", async () => {
    const { pieceId, publicationId } = pubs[STAR_POST]!;
    const snap = await t.db.contentMetricSnapshot.findFirstOrThrow({ where: { publicationId }, orderBy: { capturedAt: "desc" } });
    expect(snap.impressions).toBeGreaterThan(0);
    expect(snap.engagements).toBe(snap.likes + snap.comments + snap.shares);
    expect(snap.engagementRate).toBeCloseTo((snap.engagements / snap.impressions) * 100, 3);
    expect(snap.engagementScore).toBe(snap.likes + 3 * snap.comments + 5 * snap.shares + 4 * snap.saves + 2 * snap.clicks);
    const piece = await t.db.contentPiece.findUniqueOrThrow({ where: { id: pieceId } });
    expect(piece.engagementScore).toBe(snap.engagementScore);
    expect(piece.engagementRate).toBeCloseTo(snap.engagementRate, 3);
    expect((await t.db.publication.findUniqueOrThrow({ where: { id: publicationId } })).metricsCollectedAt).not.toBeNull();
  });

  it("skips publications older than 30 days, on inactive accounts, or of other organisations", async () => {
    const old = await createPostedPublication(t.db, b, "sbx_post_old", { ageHours: 31 * 24 });
    const inactive = await createTenant(t.db, "metrics-c", { accountStatus: "RECONNECT_REQUIRED" });
    await createPostedPublication(t.db, inactive, "sbx_post_inactive");
    expect(await listOrganizationsToMeasure()).toEqual([a.orgId]);
    expect((await collectMetrics({ organizationId: b.orgId })).publicationIds).toEqual([]);
    expect((await collectMetrics({ organizationId: inactive.orgId })).publicationIds).toEqual([]);
    expect(await t.db.contentMetricSnapshot.count({ where: { publicationId: old.publicationId } })).toBe(0);
  });

  it("serves the time series of a piece, scoped to its organisation", async () => {
    const { pieceId, publicationId } = pubs[STAR_POST]!;
    const series = await getContentMetrics({ organizationId: a.orgId, contentPieceId: pieceId });
    expect(series.publications).toHaveLength(1);
    expect(series.publications[0]!.publicationId).toBe(publicationId);
    expect(series.publications[0]!.points).toHaveLength(2);
    expect(series.publications[0]!.points[0]!.capturedAt < series.publications[0]!.points[1]!.capturedAt).toBe(true);
    await expect(getContentMetrics({ organizationId: b.orgId, contentPieceId: pieceId })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("MKT-109 detectSignals", () => {
  it("gives the clearly outperforming post exactly one signal, with an AI explanation", async () => {
    const res = await detectSignals({ organizationId: a.orgId, runKey: "run-a1:detect" });
    expect(res.signals.map((s) => s.publicationId)).toEqual([pubs[STAR_POST]!.publicationId]);
    expect(res.groups).toEqual([expect.objectContaining({ brandId: a.brandId, platform: "LINKEDIN", sampleSize: 7, outliers: 1 })]);
    const signal = await t.db.contentSignal.findFirstOrThrow({ where: { organizationId: a.orgId } });
    expect(signal).toMatchObject({ type: "HIGH_ENGAGEMENT", status: "NEW", sampleSize: 7, contentPieceId: pubs[STAR_POST]!.pieceId });
    expect(signal.engagementRate).toBeGreaterThan(signal.threshold);
    expect(signal.threshold).toBeCloseTo(signal.meanRate + 1.5 * signal.stdDevRate, 6);
    expect(signal.strength).toBeGreaterThan(1.5);
    expect(signal.aiAnalysis?.length).toBeGreaterThan(0);
    expect(signal.aiRecommendation?.length).toBeGreaterThan(0);
  });

  it("never signals a publication twice", async () => {
    // The first run's notify step announced its signal.
    const signal = await t.db.contentSignal.findFirstOrThrow({ where: { organizationId: a.orgId } });
    expect(await markSignalsAnnounced({ organizationId: a.orgId, signalIds: [signal.id] })).toBe(1);
    expect((await detectSignals({ organizationId: a.orgId, runKey: "run-a2:detect" })).signals).toEqual([]);
    expect(await t.db.contentSignal.count({ where: { organizationId: a.orgId } })).toBe(1);
  });

  it("does not compute anything for a brand and platform with fewer than 4 posts", async () => {
    const small = await createTenant(t.db, "metrics-small");
    for (const id of [ORDINARY_POSTS[0]!, ORDINARY_POSTS[1]!, STAR_POST]) await createPostedPublication(t.db, small, id);
    await collectMetrics({ organizationId: small.orgId });
    const res = await detectSignals({ organizationId: small.orgId, runKey: "run-s1:detect" });
    expect(res.groups).toEqual([{ brandId: small.brandId, platform: "LINKEDIN", sampleSize: 3, skipped: "too_few_posts", outliers: 0 }]);
    expect(res.signals).toEqual([]);
    expect(await t.db.contentSignal.count({ where: { organizationId: small.orgId } })).toBe(0);
  });

  /** An organisation with two brands (an account each) that posted the same posts: two groups, a winner in each. */
  async function twoWinners(slug: string): Promise<{ orgId: string; stars: string[] }> {
    const first = await createTenant(t.db, slug);
    const brand = await t.db.brand.create({ data: { organizationId: first.orgId, name: `Brand ${slug} 2`, slug: "second", voice: "friendly", targetAudience: "SMBs", contentGuidelines: "be clear" } });
    const account = await t.db.socialAccount.create({ data: { organizationId: first.orgId, brandId: brand.id, platform: "LINKEDIN", externalId: `sbx_acc_${slug}_2`, name: `${slug} page 2`, isSandbox: true, status: "ACTIVE" } });
    const second: Tenant = { ...first, brandId: brand.id, accountId: account.id };
    const stars: string[] = [];
    for (const tenant of [first, second]) for (const id of [...ORDINARY_POSTS, STAR_POST]) {
      const pub = await createPostedPublication(t.db, tenant, id);
      if (id === STAR_POST) stars.push(pub.publicationId);
    }
    await collectMetrics({ organizationId: first.orgId });
    return { orgId: first.orgId, stars: stars.sort() };
  }

  it("a detect step replayed after a crash returns the signals it created, so signal/content.detected is still sent for them", async () => {
    const { orgId, stars } = await twoWinners("metrics-replay");
    // The step's first execution commits its signals, then the process dies before the step's result
    // is stored; the replay runs the same call with the same run key.
    const first = await detectSignals({ organizationId: orgId, runKey: "run-1:detect" });
    const replay = await detectSignals({ organizationId: orgId, runKey: "run-1:detect" });
    expect(first.signals.map((s) => s.publicationId)).toEqual(stars);
    expect(replay).toEqual(first);
    expect(await t.db.contentSignal.count({ where: { organizationId: orgId } })).toBe(2);
    // Once the run's notify step announced them, a later run does not signal them again.
    expect(await markSignalsAnnounced({ organizationId: orgId, signalIds: first.signals.map((s) => s.signalId) })).toBe(2);
    expect((await detectSignals({ organizationId: orgId, runKey: "run-2:detect" })).signals).toEqual([]);
  });

  it("a detect step retried after a database error partway through its creates returns every signal of the run", async () => {
    const { orgId, stars } = await twoWinners("metrics-retry");
    // A real error from PostgreSQL on the second insert of this organisation's signals.
    await t.db.$executeRawUnsafe(`CREATE FUNCTION fail_second_signal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM content_signals WHERE "organizationId" = NEW."organizationId") THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER fail_second_signal BEFORE INSERT ON content_signals FOR EACH ROW EXECUTE FUNCTION fail_second_signal()`);
    try {
      await expect(detectSignals({ organizationId: orgId, runKey: "run-1:detect" })).rejects.toThrow(/injected failure/);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER fail_second_signal ON content_signals`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION fail_second_signal()`);
    }
    expect(await t.db.contentSignal.count({ where: { organizationId: orgId } })).toBe(1);
    const retry = await detectSignals({ organizationId: orgId, runKey: "run-1:detect" });
    expect(retry.signals.map((s) => s.publicationId)).toEqual(stars);
    expect(new Set(retry.signals.map((s) => s.signalId)).size).toBe(2);
    expect(await t.db.contentSignal.count({ where: { organizationId: orgId } })).toBe(2);
  });

  it("a signal whose run gave up before announcing it is handed on by the next run, announced once, then no more", async () => {
    const { orgId, stars } = await twoWinners("metrics-giveup");
    // Run A's detect step commits its signals; then its send step runs out of attempts and the run
    // fails: its notify step never runs, nothing is announced.
    const runA = await detectSignals({ organizationId: orgId, runKey: "run-a:detect" });
    expect(runA.signals.map((s) => s.publicationId)).toEqual(stars);
    expect(await t.db.contentSignal.count({ where: { organizationId: orgId, announcedAt: null } })).toBe(2);
    // Run B (the next tick, another run key) finds the publications signalled but hands the signals on,
    // oldest first, with the figures as stored: its send step announces them under `signal-<id>`.
    const runB = await detectSignals({ organizationId: orgId, runKey: "run-b:detect" });
    expect(runB.signals).toEqual([...runA.signals].sort((x, y) => (x.signalId < y.signalId ? -1 : 1)));
    expect(await t.db.contentSignal.count({ where: { organizationId: orgId } })).toBe(2);
    // A replay of B's detect step answers exactly as its first call.
    expect(await detectSignals({ organizationId: orgId, runKey: "run-b:detect" })).toEqual(runB);
    // B's notify step marks them announced; the run after hands on nothing.
    expect(await markSignalsAnnounced({ organizationId: orgId, signalIds: runB.signals.map((s) => s.signalId) })).toBe(2);
    expect(await markSignalsAnnounced({ organizationId: orgId, signalIds: runB.signals.map((s) => s.signalId) })).toBe(0);
    expect((await detectSignals({ organizationId: orgId, runKey: "run-c:detect" })).signals).toEqual([]);
    expect(await t.db.contentSignal.count({ where: { organizationId: orgId, announcedAt: null } })).toBe(0);
  });
});
