import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/orgs/api-keys";
import type { TestDatabase } from "@/tests/helpers/db";
import { ended } from "@/tests/integration/runtime/harness";
import { eventsNamed } from "@/tests/integration/approvals/support";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";
import { seedAmplifiable, signalEvent, waitingSpendRequest } from "./support";

/**
 * MKT-202 + MKT-203 through the real serve() handler and the embedded executor: a signal becomes a
 * draft proposal waiting for spend approval; only a human session approves, within the caps, the
 * exact revision it saw; then ads/campaign.approved is emitted for MKT-204.
 */
let app: AppExecutor;
let t: TestDatabase;
let inngest: AppExecutor["inngest"];
let decideApproval: typeof import("@/lib/approvals/decide-approval").decideApproval;

beforeAll(async () => {
  app = await startAppExecutor({
    dataDirPrefix: "me-ads-",
    functions: async () => {
      const f202 = await import("@/inngest/functions/amplification/mkt-202-propose-campaign");
      const f203 = await import("@/inngest/functions/amplification/mkt-203-await-spend-decision");
      return [f202.mkt202ProposeCampaign, f203.mkt203AwaitSpendDecision];
    },
  });
  ({ t, inngest } = app);
  decideApproval = (await import("@/lib/approvals/decide-approval")).decideApproval;
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

/** The pending spend request of a campaign, once its MKT-203 run waits for the decision. */
const waitingRequest = (campaignId: string, revision: number) =>
  waitingSpendRequest(t.db, { adCampaignId: campaignId, idempotencyKey: `campaign:${campaignId}:r${revision}` }, `a waiting spend request for ${campaignId} r${revision}`, 60_000);

async function decideViaRoute(slug: string, id: string, headers: Record<string, string>, decision = "APPROVE") {
  const { POST } = await import("@/app/api/orgs/[org]/approvals/[id]/decision/route");
  const res = await POST(new Request(`http://localhost/api/orgs/${slug}/approvals/${id}/decision`, { method: "POST", headers: { "content-type": "application/json", "accept-language": "en", ...headers }, body: JSON.stringify({ decision }) }), {
    params: Promise.resolve({ org: slug, id }),
  } as never);
  return { status: res.status, body: (await res.json()) as { error?: { message: string; field?: string } } };
}

describe("MKT-202 proposal -> MKT-203 spend gate", () => {
  it("signal -> draft proposal with 3 variants, visuals and estimates -> HIGH approval; API key refused; cap refused naming it; human yes -> ads/campaign.approved", { timeout: 180_000 }, async () => {
    const s = await seedAmplifiable(t.db);
    await inngest.send(signalEvent(s));
    const [run] = await ended(t.db, "marketing-engine-mkt-202-propose-campaign", 1, 90_000);
    expect(run!.error).toBeNull();

    const campaign = await t.db.adCampaign.findFirstOrThrow({ where: { organizationId: s.orgId }, include: { adSets: true, creatives: { include: { mediaAsset: true } } } });
    expect(campaign).toMatchObject({ status: "PENDING_APPROVAL", contentSignalId: s.signalId, sourceContentPieceId: s.pieceId, platform: "META_ADS", adAccountId: s.adAccountId, revision: 1 });
    expect(campaign.totalBudgetMinor).toBeLessThanOrEqual(50_000); // within the default per-campaign cap
    expect(campaign.adSets.length).toBeGreaterThanOrEqual(1);
    expect(campaign.creatives.length).toBe(3 * campaign.adSets.length);
    expect(new Set(campaign.creatives.map((c) => c.variantLabel))).toEqual(new Set(["A", "B", "C"]));
    for (const c of campaign.creatives) expect(c.mediaAsset).toMatchObject({ width: 1024, height: 1024, mimeType: "image/png", source: "AI_GENERATED" }); // Meta feed: square
    expect(campaign.expectedKpis).toMatchObject({ cpcMinor: 45, ctr: 1.2, roas: 2, method: { source: "benchmark", platform: "META_ADS" } });
    expect((campaign.targeting as { countries: string[] }).countries.every((c) => ["FR", "SN"].includes(c))).toBe(true);

    const request = await waitingRequest(campaign.id, 1);
    expect(request).toMatchObject({ entityType: "AD_CAMPAIGN", priority: "HIGH", spendAmountMinor: campaign.totalBudgetMinor });
    expect((request.preview as { creatives: unknown[]; revision: number }).creatives).toHaveLength(campaign.creatives.length);
    expect(await t.db.notification.count({ where: { organizationId: s.orgId, messageKey: "spendApprovalRequested" } })).toBeGreaterThan(0);

    // The queue shows it as an ad card: this revision's budget, audience, every copy variant, the estimates and their method.
    const { listApprovals } = await import("@/lib/approvals/list-approvals");
    const [card] = await listApprovals({ organizationId: s.orgId, status: "PENDING", entityType: "AD_CAMPAIGN" });
    expect(card?.campaign).toMatchObject({
      campaignId: campaign.id,
      revision: 1,
      platform: "META_ADS",
      dailyBudgetMinor: campaign.dailyBudgetMinor,
      totalBudgetMinor: campaign.totalBudgetMinor,
      audience: { countries: (campaign.targeting as { countries: string[] }).countries },
      expected: { cpcMinor: 45, ctr: 1.2, roas: 2, source: "benchmark" },
    });
    expect(card!.campaign!.creatives.map((c) => c.headline).sort()).toEqual(campaign.creatives.map((c) => c.headline).sort());

    // A re-sent signal (same event id) or a re-run makes no second proposal.
    await inngest.send(signalEvent(s));
    expect(await t.db.adCampaign.count({ where: { organizationId: s.orgId } })).toBe(1);

    // An API key cannot approve spend, even with the approve permission.
    const { key } = await createApiKey({ organizationId: s.orgId, name: "integration", scopes: ["ingest", "read", "write"] });
    const viaKey = await decideViaRoute(s.slug, request.id, { "x-api-key": key });
    expect(viaKey.status).toBe(403);
    expect(viaKey.body.error!.message).toContain("signed-in person");
    // Nor an email link or Slack button (decided outside a session).
    await expect(decideApproval({ organizationId: s.orgId, approvalRequestId: request.id, decision: "APPROVE", decidedById: s.ownerId, channel: "EMAIL" })).rejects.toMatchObject({ key: "ads.humanApprovalRequired" });

    // A per-campaign cap below this budget: the approval is refused, naming the cap.
    await t.db.adSettings.create({ data: { organizationId: s.orgId, campaignCapMinor: 1000, monthlyCapMinor: 1_000_000 } });
    await expect(decideApproval({ organizationId: s.orgId, approvalRequestId: request.id, decision: "APPROVE", decidedById: s.ownerId, channel: "IN_APP" })).rejects.toThrow(/per-campaign cap of €10\.00/);
    // The monthly cap too.
    await t.db.adSettings.update({ where: { organizationId: s.orgId }, data: { campaignCapMinor: 1_000_000, monthlyCapMinor: 500 } });
    await expect(decideApproval({ organizationId: s.orgId, approvalRequestId: request.id, decision: "APPROVE", decidedById: s.ownerId, channel: "IN_APP" })).rejects.toThrow(/monthly cap of €5\.00/);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PENDING");
    expect((await t.db.adCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("PENDING_APPROVAL");
    await t.db.adSettings.update({ where: { organizationId: s.orgId }, data: { monthlyCapMinor: 1_000_000 } });

    // Modify at the gate: a budget above the cap is refused naming it; a valid change makes revision 2 and a new request.
    const { reviseCampaign } = await import("@/lib/ads/revise-campaign");
    await t.db.adSettings.update({ where: { organizationId: s.orgId }, data: { campaignCapMinor: 20_000 } });
    await expect(reviseCampaign({ organizationId: s.orgId, campaignId: campaign.id, changes: { totalBudgetMinor: 20_001, dailyBudgetMinor: 2000 } })).rejects.toMatchObject({ key: "ads.campaignCapExceeded" });
    const revised = await reviseCampaign({ organizationId: s.orgId, campaignId: campaign.id, changes: { dailyBudgetMinor: 1000, totalBudgetMinor: 10_000, creatives: [{ id: campaign.creatives[0]!.id, headline: "Huit semaines" }] } });
    expect(revised.revision).toBe(2);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("CANCELLED");
    // The old version's request can no longer be approved.
    await expect(decideApproval({ organizationId: s.orgId, approvalRequestId: request.id, decision: "APPROVE", decidedById: s.ownerId, channel: "IN_APP" })).rejects.toMatchObject({ key: "approvals.alreadyDecided" });
    await ended(t.db, "marketing-engine-mkt-203-await-spend-decision", 1, 60_000); // the superseded request's wait ends

    const r2 = await waitingRequest(campaign.id, 2);
    expect(r2.spendAmountMinor).toBe(10_000);
    expect((r2.preview as { creatives: { headline: string }[] }).creatives.some((c) => c.headline === "Huit semaines")).toBe(true);
    const ok = await decideApproval({ organizationId: s.orgId, approvalRequestId: r2.id, decision: "APPROVE", decidedById: s.ownerId, channel: "IN_APP" });
    expect(ok.status).toBe("APPROVED");
    expect((await t.db.adCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("APPROVED");
    await ended(t.db, "marketing-engine-mkt-203-await-spend-decision", 2, 60_000);
    const approved = await eventsNamed(t.db, "ads/campaign.approved");
    expect(approved).toHaveLength(1);
    expect(approved[0]!.data).toMatchObject({ campaignId: campaign.id, revision: 2, approvalRequestId: r2.id });
  });

  it("manual Amplifier: only published content; reject archives the proposal", { timeout: 120_000 }, async () => {
    const s = await seedAmplifiable(t.db, { adPlatform: "TIKTOK_ADS" });
    const draft = await t.db.contentPiece.create({ data: { organizationId: s.orgId, brandId: s.brandId, platform: "LINKEDIN", status: "DRAFT", body: "Brouillon" } });
    const { POST } = await import("@/app/api/orgs/[org]/campaigns/proposals/route");
    const { key } = await createApiKey({ organizationId: s.orgId, name: "amplify", scopes: ["write"] });
    const call = (contentPieceId: string) =>
      POST(new Request(`http://localhost/api/orgs/${s.slug}/campaigns/proposals`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify({ contentPieceId }) }), { params: Promise.resolve({ org: s.slug }) } as never);
    expect((await call(draft.id)).status).toBe(409);
    const res = await call(s.pieceId);
    expect(res.status).toBe(202);
    await ended(t.db, "marketing-engine-mkt-202-propose-campaign", 2, 90_000);
    const campaign = await t.db.adCampaign.findFirstOrThrow({ where: { organizationId: s.orgId }, include: { creatives: { include: { mediaAsset: true } } } });
    expect(campaign).toMatchObject({ platform: "TIKTOK_ADS", contentSignalId: null, status: "PENDING_APPROVAL" });
    expect(campaign.creatives[0]!.mediaAsset).toMatchObject({ width: 1024, height: 1536 }); // TikTok: portrait
    const r = await waitingRequest(campaign.id, 1);
    await decideApproval({ organizationId: s.orgId, approvalRequestId: r.id, decision: "REJECT", decidedById: s.ownerId, channel: "IN_APP" });
    expect((await t.db.adCampaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("REJECTED");
  });
});
