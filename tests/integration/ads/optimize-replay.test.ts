import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { addDays, dayKey, localDate } from "@/lib/time/local-dates";
import { killedOnce, launchedOneAdSet, seedAmplifiable } from "./support";

/**
 * MKT-206's optimise step replayed (steps are at-least-once): a decision committed before the process
 * died (or before an error made the step retry) is carried on by the replay of the same run, as the first
 * call would have: sent for approval (auto-apply off) or applied (on), once, with no second decision
 * and no second AI call; a later run of the same day still leaves it alone.
 */
let t: TestDatabase;
let optimize: typeof import("@/lib/ads/optimize-campaigns");

beforeAll(async () => {
  t = await createTestDatabase();
  optimize = await import("@/lib/ads/optimize-campaigns");
});
afterAll(async () => {
  await t?.cleanup();
});

/**
 * A launched one-ad-set sandbox campaign at 100.00 a day that expects a 1.2 % CTR, and 7 complete days
 * at 5 % on its ad set: CTR_ABOVE_2X_AVG fires (daily budget +30 %), nothing else does.
 */
async function winningCampaign(autoApply: boolean) {
  const s = await seedAmplifiable(t.db, { adAccountMetadata: { sandbox: { errorRate: 0 } } });
  await t.db.adSettings.create({ data: { organizationId: s.orgId, autoApply, campaignCapMinor: 10_000_000, monthlyCapMinor: 100_000_000 } });
  const { campaign, adSet, remoteBudget } = await launchedOneAdSet(t.db, s, { name: `Winner ${randomInt(1000, 10_000)}`, startAt: new Date(Date.now() - 10 * 86_400_000), expectedKpis: { ctr: 1.2 } });
  const org = await t.db.organization.findUniqueOrThrow({ where: { id: s.orgId }, select: { timezone: true } });
  const today = localDate(new Date(), org.timezone);
  await t.db.adMetricDaily.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({
      organizationId: s.orgId,
      campaignId: campaign.id,
      adSetId: adSet.id,
      level: "AD_SET" as const,
      entityId: adSet.id,
      day: dayKey(addDays(today, -(i + 1))),
      impressions: 2_000,
      clicks: 100,
      spendMinor: 5_000,
      conversionValueMinor: 15_000,
    })),
  });
  const budgets = async () => [(await t.db.adSet.findUniqueOrThrow({ where: { id: adSet.id } })).dailyBudgetMinor, await remoteBudget()];
  /** What the run left behind: decisions, approval requests, learning-log rows, AI calls (ledger rows: no aiKey, so one per call), owners told. */
  const written = async () => ({
    decisions: await t.db.optimizationDecision.findMany({ where: { organizationId: s.orgId }, select: { id: true, status: true, rule: true, runKey: true } }),
    requests: await t.db.approvalRequest.findMany({ where: { organizationId: s.orgId, entityType: "AD_OPTIMIZATION" }, select: { id: true, optimizationDecisionId: true, status: true } }),
    insights: await t.db.learningInsight.count({ where: { organizationId: s.orgId, source: "mkt-206" } }),
    aiCalls: await t.db.aiUsageEntry.count({ where: { organizationId: s.orgId, workflowKey: "mkt-206-optimize-campaigns" } }),
    told: (await t.db.notification.findMany({ where: { organizationId: s.orgId, dedupeKey: { startsWith: "ad-optimization:" } }, select: { dedupeKey: true } })).map((n) => n.dedupeKey).sort(),
  });
  return { ...s, campaignId: campaign.id, adSetId: adSet.id, budgets, written };
}

describe("MKT-206 optimise step replayed (steps are at-least-once)", () => {
  it("auto-apply off: a replay after the decision committed sends it for approval (once), as the first call would have", { timeout: 60_000 }, async () => {
    const s = await winningCampaign(false);
    const run = () => optimize.optimizeCampaigns({ organizationId: s.orgId, runKey: "run-1:optimize" });
    // The first execution dies after the decision's commit, at its approval request.
    await killedOnce(t.db, "INSERT", "approval_requests", `NEW."organizationId" = '${s.orgId}' AND NEW."entityType" = 'AD_OPTIMIZATION'`, run);
    const [decision] = (await s.written()).decisions;
    expect(decision).toMatchObject({ status: "PROPOSED", rule: "CTR_ABOVE_2X_AVG" });

    const replay = await run();
    const after = await s.written();
    expect(after.requests).toEqual([{ id: expect.any(String), optimizationDecisionId: decision!.id, status: "PENDING" }]);
    expect(replay).toEqual([{ decisionId: decision!.id, campaignId: s.campaignId, rule: "CTR_ABOVE_2X_AVG", action: "SCALE_BUDGET", status: "PROPOSED", approvalRequestId: after.requests[0]!.id }]);
    expect(after).toMatchObject({ decisions: [decision], insights: 1, aiCalls: 1, told: [`ad-optimization:${decision!.id}:queued:${s.ownerId}`] });
    const request = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: after.requests[0]!.id } });
    expect(request).toMatchObject({ idempotencyKey: `optimization:${decision!.id}`, priority: "HIGH", requestedBy: "mkt-206-optimize-campaigns" });
    expect(request.preview).toMatchObject({ campaignId: s.campaignId, rule: "CTR_ABOVE_2X_AVG", action: "SCALE_BUDGET", params: { fromDailyMinor: 10_000, percent: 30 }, message: { key: "ctrAboveAverage" } });
    expect((request.preview as { rationale?: string }).rationale).toBeTruthy();

    // Replayed again after everything committed (a crash before the checkpoint): the same answer, nothing more.
    expect(await run()).toEqual(replay);
    expect(await s.written()).toEqual(after);
    expect(await s.budgets()).toEqual([10_000, 10_000]);
    // Another run the same day leaves it alone.
    expect(await optimize.optimizeCampaigns({ organizationId: s.orgId, runKey: "run-2:optimize" })).toEqual([]);
    expect(await s.written()).toEqual(after);
  });

  it("auto-apply on: a replay after the decision committed applies it (+30 % once), as the first call would have", { timeout: 60_000 }, async () => {
    const s = await winningCampaign(true);
    const run = () => optimize.optimizeCampaigns({ organizationId: s.orgId, runKey: "run-1:optimize" });
    // The first execution dies after the decision's commit, when the decision is settled (the network
    // already has the new budget).
    await killedOnce(t.db, "UPDATE", "optimization_decisions", `OLD.status = 'PROPOSED' AND NEW.status <> 'PROPOSED' AND NEW."organizationId" = '${s.orgId}'`, run);
    const [decision] = (await s.written()).decisions;
    expect(decision).toMatchObject({ status: "PROPOSED", rule: "CTR_ABOVE_2X_AVG" });

    const replay = await run();
    expect(replay).toEqual([{ decisionId: decision!.id, campaignId: s.campaignId, rule: "CTR_ABOVE_2X_AVG", action: "SCALE_BUDGET", status: "APPLIED", approvalRequestId: null }]);
    expect(await s.budgets()).toEqual([13_000, 13_000]);
    const after = await s.written();
    expect(after).toMatchObject({ decisions: [{ ...decision, status: "APPLIED" }], requests: [], insights: 1, aiCalls: 1, told: [`ad-optimization:${decision!.id}:APPLIED:${s.ownerId}`] });

    // Replayed again after the decision was applied: the stored result, the budget raised once.
    expect(await run()).toEqual(replay);
    expect(await s.budgets()).toEqual([13_000, 13_000]);
    expect(await s.written()).toEqual(after);
    expect(await optimize.optimizeCampaigns({ organizationId: s.orgId, runKey: "run-2:optimize" })).toEqual([]);
  });

  it("a decision of the run whose rule no longer fires on the replay (figures changed since) is carried on too", { timeout: 60_000 }, async () => {
    const s = await winningCampaign(false);
    const run = () => optimize.optimizeCampaigns({ organizationId: s.orgId, runKey: "run-1:optimize" });
    await killedOnce(t.db, "INSERT", "approval_requests", `NEW."organizationId" = '${s.orgId}' AND NEW."entityType" = 'AD_OPTIMIZATION'`, run);
    const [decision] = (await s.written()).decisions;
    await t.db.adMetricDaily.updateMany({ where: { campaignId: s.campaignId }, data: { clicks: 20 } }); // 1 %: no rule fires now
    const replay = await run();
    const after = await s.written();
    expect(replay).toEqual([{ decisionId: decision!.id, campaignId: s.campaignId, rule: "CTR_ABOVE_2X_AVG", action: "SCALE_BUDGET", status: "PROPOSED", approvalRequestId: after.requests[0]!.id }]);
    expect(after).toMatchObject({ decisions: [decision], requests: [{ optimizationDecisionId: decision!.id, status: "PENDING" }], insights: 1, aiCalls: 1 });
    expect(await optimize.optimizeCampaigns({ organizationId: s.orgId, runKey: "run-2:optimize" })).toEqual([]);
  });
});
