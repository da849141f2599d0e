import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegistry } from "@/lib/connectors/registry";
import { defaultRuntime } from "@/lib/connectors/http";
import type { TestDatabase } from "@/tests/helpers/db";
import { ended, until } from "@/tests/integration/runtime/harness";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";
import { killedOnce, launchedOneAdSet, seedAmplifiable, signalEvent, waitingSpendRequest } from "./support";

/**
 * Issue 13's chain on the sandbox ad network through the embedded executor: signal -> MKT-202
 * proposal -> MKT-203 human approval -> MKT-204 launched with remote ids -> MKT-205 metrics -> an
 * MKT-206 rule fires -> the action is applied (auto-apply on) or queued for approval and applied on a
 * human yes (off). Time passing is the sandbox network's injectable clock (its insights follow the
 * spend up to "now"), as in the Content Flywheel chain: metrics and optimisation run as their lib calls
 * with a registry eight days ahead.
 */
let app: AppExecutor;
let t: TestDatabase;
let inngest: AppExecutor["inngest"];

beforeAll(async () => {
  app = await startAppExecutor({
    dataDirPrefix: "me-ads-chain-",
    functions: async () => {
      const a = await import("@/inngest/functions/amplification/mkt-202-propose-campaign");
      const b = await import("@/inngest/functions/amplification/mkt-203-await-spend-decision");
      const c = await import("@/inngest/functions/amplification/mkt-204-launch-campaign");
      const d = await import("@/inngest/functions/amplification/mkt-206-optimize-campaigns");
      return [a.mkt202ProposeCampaign, b.mkt203AwaitSpendDecision, c.mkt204LaunchCampaign, d.mkt206ApplyDecidedAction];
    },
  });
  ({ t, inngest } = app);
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe("Amplification Engine end to end on the sandbox ad network", () => {
  it("signal -> proposal -> approval -> launched -> metrics -> CTR rule -> budget +30 % applied (auto) / queued then applied on a human yes (manual)", { timeout: 300_000 }, async () => {
    // A sandbox Meta account whose ads click at 5 % (the proposal expects 1.2 %) and earn 3x their spend; no simulated errors.
    const knobs = { sandbox: { ctrPercent: 5, roas: 3, errorRate: 0 } };
    const auto = await seedAmplifiable(t.db, { adAccountMetadata: knobs });
    const manual = await seedAmplifiable(t.db, { adAccountMetadata: knobs });
    await t.db.adSettings.create({ data: { organizationId: auto.orgId, autoApply: true, campaignCapMinor: 1_000_000, monthlyCapMinor: 10_000_000 } });
    await t.db.adSettings.create({ data: { organizationId: manual.orgId, autoApply: false, campaignCapMinor: 1_000_000, monthlyCapMinor: 10_000_000 } });
    await inngest.send([signalEvent(auto), signalEvent(manual)]);

    const { decideApproval } = await import("@/lib/approvals/decide-approval");
    const { reviseCampaign } = await import("@/lib/ads/revise-campaign");
    const waited = (orgId: string, revision: number) =>
      waitingSpendRequest(t.db, { organizationId: orgId, entityType: "AD_CAMPAIGN", idempotencyKey: { endsWith: `:r${revision}` } }, `a spend request r${revision} waited on`, 120_000);
    const campaigns: Record<string, string> = {};
    for (const o of [auto, manual]) {
      const r1 = await waited(o.orgId, 1);
      campaigns[o.orgId] = r1.adCampaignId!;
      // Modify at the gate: a 30-day budget, so the campaign is still running (not paused at its total) eight days on.
      const c = await t.db.adCampaign.findUniqueOrThrow({ where: { id: r1.adCampaignId! } });
      await reviseCampaign({ organizationId: o.orgId, campaignId: c.id, changes: { totalBudgetMinor: c.dailyBudgetMinor! * 30 } });
      const r2 = await waited(o.orgId, 2);
      await decideApproval({ organizationId: o.orgId, approvalRequestId: r2.id, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP" });
    }
    const launches = await ended(t.db, "marketing-engine-mkt-204-launch-campaign", 2, 120_000);
    for (const l of launches) expect(l.output).toMatchObject({ status: "ACTIVE" });

    for (const o of [auto, manual]) {
      const c = await t.db.adCampaign.findUniqueOrThrow({ where: { id: campaigns[o.orgId] }, include: { adSets: true, creatives: true } });
      expect(c.status).toBe("ACTIVE");
      expect(c.externalId).toMatch(/^120\d{15}$/); // Meta-shaped remote ids
      expect(c.adSets.every((s) => /^120\d{15}$/.test(s.externalId ?? "") && s.status === "ACTIVE")).toBe(true);
      expect(c.creatives.every((x) => x.externalId && x.externalCreativeId && x.externalImageId)).toBe(true);
      const remote = await t.db.sandboxRecord.findMany({ where: { accountId: o.adAccountId } });
      expect(remote.filter((r) => r.kind === "campaign")).toHaveLength(1);
      expect(remote.filter((r) => r.kind === "ad")).toHaveLength(c.creatives.length);
    }

    // One active ad set per campaign (any other one paused here): with no other active ad set in the
    // organisation, the rules' reference is the proposal's expected CTR (1.2 %, the Meta benchmark).
    for (const o of [auto, manual]) {
      const sets = await t.db.adSet.findMany({ where: { campaignId: campaigns[o.orgId] }, orderBy: { id: "asc" } });
      await t.db.adSet.updateMany({ where: { id: { in: sets.slice(1).map((x) => x.id) } }, data: { status: "PAUSED" } });
    }

    // Eight days later on the network: MKT-205 collects, MKT-206 evaluates.
    const later = new Date(Date.now() + 8 * 86_400_000);
    const registry = createRegistry({ ...defaultRuntime(), now: () => later.getTime() });
    const { collectAdMetrics } = await import("@/lib/ads/collect-ad-metrics");
    const { optimizeCampaigns } = await import("@/lib/ads/optimize-campaigns");
    for (const o of [auto, manual]) {
      const m = await collectAdMetrics({ organizationId: o.orgId, registry, now: later });
      expect(m.rows).toBeGreaterThan(0);
      const c = await t.db.adCampaign.findUniqueOrThrow({ where: { id: campaigns[o.orgId] } });
      expect(c.spentMinor).toBeGreaterThan(0);
      // Whole days: the launch day and today are partial (just after midnight UTC, a few minutes of
      // impressions), where whole clicks cannot make the CTR (a CI run at 00:10 UTC failed on that).
      const days = (await t.db.adMetricDaily.findMany({ where: { campaignId: c.id, level: "AD_SET" } })).filter((d) => d.impressions >= 1000);
      expect(days.length).toBeGreaterThanOrEqual(7);
      expect(days.every((d) => d.ctr !== null && d.ctr > 4 && d.ctr < 6)).toBe(true);
    }

    const before = await t.db.adSet.findMany({ where: { campaignId: campaigns[auto.orgId], status: "ACTIVE" }, orderBy: { id: "asc" } });
    const autoOut = await optimizeCampaigns({ organizationId: auto.orgId, runKey: "run-1:optimize", registry, now: later });
    const scaled = autoOut.filter((x) => x.rule === "CTR_ABOVE_2X_AVG");
    expect(scaled.length).toBe(before.length);
    expect(scaled.every((x) => x.status === "APPLIED" && x.action === "SCALE_BUDGET")).toBe(true);
    for (const s of before) {
      const after = await t.db.adSet.findUniqueOrThrow({ where: { id: s.id } });
      expect(after.dailyBudgetMinor).toBeGreaterThan(s.dailyBudgetMinor!);
      const remote = await t.db.sandboxRecord.findFirstOrThrow({ where: { accountId: auto.adAccountId, kind: "adset", externalId: s.externalId! } });
      expect((remote.data as { dailyBudgetMinor: number }).dailyBudgetMinor).toBe(after.dailyBudgetMinor);
    }
    expect(await t.db.learningInsight.count({ where: { organizationId: auto.orgId, type: "AD_OPTIMIZATION", source: "mkt-206" } })).toBe(autoOut.length);
    const decision = await t.db.optimizationDecision.findFirstOrThrow({ where: { id: scaled[0]!.decisionId } });
    expect(decision.rationale).toBeTruthy();
    expect(decision.appliedById).toBeNull(); // auto-apply
    // A re-run the same day adds nothing.
    expect(await optimizeCampaigns({ organizationId: auto.orgId, runKey: "run-2:optimize", registry, now: later })).toEqual([]);

    const manualOut = await optimizeCampaigns({ organizationId: manual.orgId, runKey: "run-3:optimize", registry, now: later });
    const queued = manualOut.find((x) => x.rule === "CTR_ABOVE_2X_AVG")!;
    expect(queued).toMatchObject({ status: "PROPOSED", action: "SCALE_BUDGET" });
    const req = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: queued.approvalRequestId! } });
    expect(req).toMatchObject({ entityType: "AD_OPTIMIZATION", status: "PENDING", priority: "HIGH" });
    const pending = await t.db.optimizationDecision.findUniqueOrThrow({ where: { id: queued.decisionId } });
    const adSetBefore = await t.db.adSet.findUniqueOrThrow({ where: { id: pending.adSetId! } });
    // Nothing changes before a human yes; an API key cannot give it.
    await expect(decideApproval({ organizationId: manual.orgId, approvalRequestId: req.id, decision: "APPROVE", channel: "API" })).rejects.toMatchObject({ key: "ads.humanApprovalRequired" });
    await decideApproval({ organizationId: manual.orgId, approvalRequestId: req.id, decision: "APPROVE", decidedById: manual.ownerId, channel: "IN_APP" });
    const applied = await until("the approved action applied", async () => {
      const d = await t.db.optimizationDecision.findUniqueOrThrow({ where: { id: queued.decisionId } });
      return d.status === "PROPOSED" ? undefined : d;
    }, 60_000);
    expect(applied).toMatchObject({ status: "APPLIED", appliedById: manual.ownerId });
    expect((await t.db.adSet.findUniqueOrThrow({ where: { id: adSetBefore.id } })).dailyBudgetMinor).toBe(Math.round(adSetBefore.dailyBudgetMinor! * 1.3));
  });
});

describe("MKT-206 apply-decided-action replayed (steps are at-least-once)", () => {
  /** A launched one-ad-set sandbox campaign at 100.00 a day, and an approved +30 % decision on its ad set. */
  async function approvedScale(s: Awaited<ReturnType<typeof seedAmplifiable>>) {
    const { campaign, adSet, remoteBudget } = await launchedOneAdSet(t.db, s, { name: `Scale ${randomInt(1000, 10_000)}` });
    const decision = await t.db.optimizationDecision.create({ data: { organizationId: s.orgId, campaignId: campaign.id, adSetId: adSet.id, action: "SCALE_BUDGET", rule: "CTR_ABOVE_2X_AVG", reason: "CTR 5 % against 1.2 % expected", idempotencyKey: `${campaign.id}:${adSet.id}:CTR_ABOVE_2X_AVG:replay` } });
    const request = await t.db.approvalRequest.create({ data: { organizationId: s.orgId, brandId: s.brandId, entityType: "AD_OPTIMIZATION", optimizationDecisionId: decision.id, status: "APPROVED", title: campaign.name, idempotencyKey: `optimization:${decision.id}`, decidedById: s.ownerId, decidedAt: new Date() } });
    const budgets = async () => [(await t.db.adSet.findUniqueOrThrow({ where: { id: adSet.id } })).dailyBudgetMinor, (await t.db.adCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).dailyBudgetMinor, await remoteBudget()];
    return { decisionId: decision.id, requestId: request.id, budgets };
  }

  it("the settle step replayed after the budget or the decision was written scales the ad set once (+30 %, not +69 %) and still tells the owner", { timeout: 120_000 }, async () => {
    const { settleApprovedOptimization } = await import("@/lib/ads/apply-optimization");
    const s = await seedAmplifiable(t.db, { adAccountMetadata: { sandbox: { errorRate: 0 } } });
    await t.db.adSettings.create({ data: { organizationId: s.orgId, autoApply: false, campaignCapMinor: 10_000_000, monthlyCapMinor: 100_000_000 } });
    const settle = (approvalRequestId: string) => settleApprovedOptimization({ organizationId: s.orgId, approvalRequestId });
    const told = (decisionId: string) => t.db.notification.findMany({ where: { organizationId: s.orgId, dedupeKey: { startsWith: `ad-optimization:${decisionId}:` } }, select: { dedupeKey: true } });

    // 1. The first execution dies once the network has the new budget, when the decision is settled.
    const a = await approvedScale(s);
    await killedOnce(t.db, "UPDATE", "optimization_decisions", `OLD.status = 'PROPOSED' AND NEW.status <> 'PROPOSED' AND NEW.id = '${a.decisionId}'`, () => settle(a.requestId));
    const replay = await settle(a.requestId);
    expect(replay).toEqual({ decisionId: a.decisionId, status: "APPLIED", detail: null });
    expect(await a.budgets()).toEqual([13_000, 13_000, 13_000]);
    expect(await settle(a.requestId)).toEqual(replay);
    expect(await a.budgets()).toEqual([13_000, 13_000, 13_000]);
    expect(await t.db.optimizationDecision.findUniqueOrThrow({ where: { id: a.decisionId } })).toMatchObject({ status: "APPLIED", previousBudgetMinor: 10_000, newBudgetMinor: 13_000, appliedById: s.ownerId });

    // 2. It dies after the decision committed, at the owner's notification: the replay returns the
    //    stored result and sends the notification (once), nothing else.
    const b = await approvedScale(s);
    await killedOnce(t.db, "INSERT", "notifications", `NEW."dedupeKey" LIKE 'ad-optimization:${b.decisionId}:%'`, () => settle(b.requestId));
    expect(await settle(b.requestId)).toEqual({ decisionId: b.decisionId, status: "APPLIED", detail: null });
    expect(await settle(b.requestId)).toEqual({ decisionId: b.decisionId, status: "APPLIED", detail: null });
    expect(await b.budgets()).toEqual([13_000, 13_000, 13_000]);
    expect(await told(b.decisionId)).toEqual([{ dedupeKey: `ad-optimization:${b.decisionId}:APPLIED:${s.ownerId}` }]);
  });
});
