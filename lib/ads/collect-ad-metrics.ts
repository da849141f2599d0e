import "server-only";
import { db } from "@/lib/db/client";
import { connectors as defaultRegistry, type ConnectorRegistry } from "@/lib/connectors/registry";
import { platformKeyOf, type AdInsightRow, type AdsConnector, type PlatformEnum } from "@/lib/connectors/types";
import { connectorContextOf } from "@/lib/oauth/tokens";
import type { RefreshDeps } from "@/lib/oauth/refresh";
import { notify } from "@/lib/providers/notify";
import { detectAnomalies, type Anomaly, type Fig } from "./anomalies";
import { addDays, dayKey } from "@/lib/time/local-dates";
import { agentNotInactive } from "@/lib/agents/active-filter";

export const LOOKBACK_DAYS = 7;
export { detectAnomalies, type Anomaly } from "./anomalies";


const derived = (r: AdInsightRow) => ({
  ctr: r.impressions > 0 ? Math.round((r.clicks / r.impressions) * 10_000) / 100 : null,
  cpcMinor: r.clicks > 0 ? Math.round(r.spendMinor / r.clicks) : null,
  cpmMinor: r.impressions > 0 ? Math.round((r.spendMinor / r.impressions) * 1000) : null,
  roas: r.spendMinor > 0 ? Math.round((r.conversionValueMinor / r.spendMinor) * 100) / 100 : null,
});

/** Organisations with launched campaigns (the 4-hourly round). */
export async function listOrganizationsWithLiveCampaigns(): Promise<string[]> {
  const rows = await db().adCampaign.findMany({ where: { status: { in: ["ACTIVE", "PAUSED"] }, externalId: { not: null }, organization: agentNotInactive("MKT-205") }, distinct: ["organizationId"], select: { organizationId: true } });
  return rows.map((r) => r.organizationId);
}

/**
 * MKT-205, every 4 hours: per launched campaign, insights of the last 7 days at campaign, ad set and
 * ad level through its ad connector, upserted per entity and day (impressions, clicks, spend,
 * conversions and value; CTR, CPC, CPM, ROAS derived); the campaign's cumulated spend and conversions
 * follow; a campaign whose spend reaches its total budget is paused; anomalies are notified once a day each.
 */
export async function collectAdMetrics(opts: { organizationId: string; campaignId?: string; registry?: ConnectorRegistry; refreshDeps?: RefreshDeps; now?: Date }): Promise<{ campaigns: number; rows: number; anomalies: (Anomaly & { campaignId: string })[] }> {
  const now = opts.now ?? new Date();
  const registry = opts.registry ?? defaultRegistry;
  const campaigns = await db().adCampaign.findMany({
    where: { organizationId: opts.organizationId, status: { in: ["ACTIVE", "PAUSED"] }, externalId: { not: null }, ...(opts.campaignId ? { id: opts.campaignId } : {}) },
    include: { adAccount: true, adSets: { select: { id: true, externalId: true } }, creatives: { select: { id: true, adSetId: true, externalId: true } }, organization: { select: { slug: true } } },
  });
  let rows = 0;
  const anomalies: (Anomaly & { campaignId: string })[] = [];
  for (const c of campaigns) {
    const ads = registry.forAccount({ platform: platformKeyOf(c.platform as PlatformEnum), isSandbox: c.adAccount.isSandbox }) as AdsConnector;
    const ctx = connectorContextOf(c.adAccount, opts.refreshDeps);
    const until = now.toISOString().slice(0, 10);
    const launched = (c.launchedAt ?? now).toISOString().slice(0, 10);
    const since = [addDays(until, -LOOKBACK_DAYS), launched].sort().at(-1)!;
    const adSetOf = new Map(c.adSets.filter((s) => s.externalId).map((s) => [s.externalId!, s.id]));
    const adOf = new Map(c.creatives.filter((x) => x.externalId).map((x) => [x.externalId!, x]));
    const levels: [AdInsightRow["level"], string[]][] = [
      ["campaign", [c.externalId!]],
      ["adset", [...adSetOf.keys()]],
      ["ad", [...adOf.keys()]],
    ];
    const campaignDays: Fig[] = [];
    for (const [level, ids] of levels) {
      if (ids.length === 0) continue;
      const insights = await ads.fetchInsights(ctx, { level, since, until, ids });
      for (const r of insights) {
        const local =
          level === "campaign"
            ? { level: "CAMPAIGN" as const, entityId: c.id, adSetId: null, creativeId: null }
            : level === "adset"
              ? adSetOf.has(r.objectId) ? { level: "AD_SET" as const, entityId: adSetOf.get(r.objectId)!, adSetId: adSetOf.get(r.objectId)!, creativeId: null } : null
              : adOf.has(r.objectId) ? { level: "AD" as const, entityId: adOf.get(r.objectId)!.id, adSetId: adOf.get(r.objectId)!.adSetId, creativeId: adOf.get(r.objectId)!.id } : null;
        if (!local) continue;
        const figures = { impressions: r.impressions, reach: r.reach ?? 0, clicks: r.clicks, spendMinor: r.spendMinor, conversions: r.conversions, conversionValueMinor: r.conversionValueMinor, leads: r.leads, ...derived(r), capturedAt: now };
        await db().adMetricDaily.upsert({
          where: { level_entityId_day: { level: local.level, entityId: local.entityId, day: dayKey(r.date) } },
          update: figures,
          create: { organizationId: opts.organizationId, campaignId: c.id, adSetId: local.adSetId, creativeId: local.creativeId, level: local.level, entityId: local.entityId, day: dayKey(r.date), currency: c.currency, ...figures },
        });
        rows++;
        if (level === "campaign") campaignDays.push({ day: r.date, impressions: r.impressions, clicks: r.clicks, spendMinor: r.spendMinor, conversionValueMinor: r.conversionValueMinor });
      }
    }
    const total = await db().adMetricDaily.aggregate({ where: { campaignId: c.id, level: "CAMPAIGN" }, _sum: { spendMinor: true, conversions: true, conversionValueMinor: true } });
    const spent = total._sum.spendMinor ?? 0;
    await db().adCampaign.update({ where: { id: c.id }, data: { spentMinor: spent, conversions: total._sum.conversions ?? 0, conversionValueMinor: total._sum.conversionValueMinor ?? 0, metricsCollectedAt: now } });

    // The total budget is the campaign's maximum exposure: reached -> paused on the network.
    if (c.status === "ACTIVE" && c.totalBudgetMinor && spent >= c.totalBudgetMinor) {
      await ads.setStatus(ctx, "campaign", c.externalId!, "PAUSED");
      await db().adCampaign.update({ where: { id: c.id }, data: { status: "PAUSED", pausedAt: now } });
    }
    const found = detectAnomalies(campaignDays, until, { dailyBudgetMinor: c.dailyBudgetMinor, startDate: launched, spentMinor: spent });
    for (const a of found) {
      anomalies.push({ ...a, campaignId: c.id });
      await notify({
        organizationId: opts.organizationId,
        to: { roles: ["OWNER", "ADMIN"] },
        type: "ads.anomaly",
        severity: "WARNING",
        message: { key: "adAnomaly", values: { campaign: c.name, kind: a.kind, value: a.value, reference: a.reference } },
        actionUrl: `/${c.organization.slug}/campaigns/${c.id}`,
        dedupeKey: `ad-anomaly:${c.id}:${a.kind}:${a.day}`,
      });
    }
  }
  return { campaigns: campaigns.length, rows, anomalies };
}
