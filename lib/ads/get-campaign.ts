import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { signedAssets } from "@/lib/media/signed-assets";
import { adsManagerUrl } from "./manager-links";
import type { LaunchReport } from "./launch-campaign";

/** Expected KPIs as MKT-202 stores them (older rows may lack some figures or the method). */
function expected(v: unknown): { cpcMinor: number | null; ctr: number | null; roas: number | null; source: "history" | "benchmark" | null } | null {
  if (!v || typeof v !== "object") return null;
  const o = v as { cpcMinor?: unknown; ctr?: unknown; roas?: unknown; method?: { source?: unknown } };
  const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  const source = o.method?.source === "history" || o.method?.source === "benchmark" ? o.method.source : null;
  return { cpcMinor: num(o.cpcMinor), ctr: num(o.ctr), roas: num(o.roas), source };
}

/** The campaign detail page: proposal, pending spend request (this revision), launch report, daily metrics, actions. */
export async function getCampaign(opts: { organizationId: string; campaignId: string }) {
  const c = await db().adCampaign.findFirst({
    where: { id: opts.campaignId, organizationId: opts.organizationId },
    include: {
      adAccount: { select: { externalId: true, isSandbox: true } },
      adSets: { orderBy: { id: "asc" }, select: { id: true, name: true, status: true, dailyBudgetMinor: true, externalId: true } },
      creatives: { orderBy: { id: "asc" }, select: { id: true, name: true, variantLabel: true, headline: true, primaryText: true, status: true, externalId: true, mediaAssetId: true } },
      approvalRequests: { orderBy: { createdAt: "desc" }, select: { id: true, status: true, idempotencyKey: true, createdAt: true, decidedAt: true, decisionNote: true } },
      optimizations: { orderBy: { decidedAt: "desc" }, take: 20, select: { id: true, action: true, rule: true, status: true, rationale: true, decidedAt: true } },
    },
  });
  if (!c) throw notFound("campaign");
  const visuals = await signedAssets(opts.organizationId, c.creatives.map((x) => x.mediaAssetId));
  const metrics = await db().adMetricDaily.findMany({ where: { campaignId: c.id, level: "CAMPAIGN" }, orderBy: { day: "asc" }, select: { day: true, spendMinor: true, clicks: true, impressions: true, conversionValueMinor: true } });
  const pending = c.approvalRequests.find((r) => r.status === "PENDING" && r.idempotencyKey === `campaign:${c.id}:r${c.revision}`) ?? null;
  return {
    id: c.id,
    name: c.name,
    platform: c.platform,
    status: c.status,
    objective: c.objective,
    revision: c.revision,
    currency: c.currency,
    dailyBudgetMinor: c.dailyBudgetMinor,
    totalBudgetMinor: c.totalBudgetMinor,
    spentMinor: c.spentMinor,
    targeting: c.targeting as { countries?: string[]; ageMin?: number; ageMax?: number; interests?: string[] },
    expectedKpis: expected(c.expectedKpis),
    externalId: c.externalId,
    managerUrl: c.externalId ? adsManagerUrl(c.platform, c.adAccount, c.externalId) : null,
    launchReport: c.launchReport as LaunchReport | null,
    adSets: c.adSets,
    creatives: c.creatives.map(({ mediaAssetId, ...cr }) => ({ ...cr, imageUrl: (mediaAssetId && visuals.get(mediaAssetId)?.url) || null })),
    pendingRequestId: pending?.id ?? null,
    approvals: c.approvalRequests.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null, note: r.decisionNote })),
    optimizations: c.optimizations.map((o) => ({ ...o, decidedAt: o.decidedAt.toISOString() })),
    daily: metrics.map((m) => ({ day: m.day.toISOString().slice(0, 10), spend: m.spendMinor, value: m.conversionValueMinor })),
  };
}
export type CampaignDetail = Awaited<ReturnType<typeof getCampaign>>;
