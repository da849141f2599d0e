import "server-only";
import { db } from "@/lib/db/client";
import { connectors as defaultRegistry, type ConnectorRegistry } from "@/lib/connectors/registry";
import { platformKeyOf, type AdsConnector, type AdTargeting, type PlatformEnum } from "@/lib/connectors/types";
import { notFound } from "@/lib/errors";
import { connectorContextOf } from "@/lib/oauth/tokens";
import type { RefreshDeps } from "@/lib/oauth/refresh";
import { notify } from "@/lib/providers/notify";
import { scaleWithinCaps } from "./budget-caps";
import { capContext, capError, getAdSettings, planOf } from "./spend-guard";

export type AppliedOptimization = { decisionId: string; status: "APPLIED" | "SKIPPED" | "FAILED"; detail: string | null };

/**
 * Apply one MKT-206 action through the ad connector, then record it: pause the ad set; narrow its
 * audience; daily budget +30 % within the caps (scaleWithinCaps: limited to what the caps allow, or
 * refused naming the cap -> SKIPPED); concentrate on the best creative (its siblings paused). Only a
 * PROPOSED decision is applied (a re-run or a second approval changes nothing).
 */
export async function applyOptimization(opts: { organizationId: string; decisionId: string; appliedById?: string | null; registry?: ConnectorRegistry; refreshDeps?: RefreshDeps; now?: Date }): Promise<AppliedOptimization> {
  const now = opts.now ?? new Date();
  const d = await db().optimizationDecision.findFirst({
    where: { id: opts.decisionId, organizationId: opts.organizationId },
    include: { campaign: { include: { adAccount: true, organization: { select: { slug: true } } } }, adSet: true },
  });
  if (!d) throw notFound("campaign");
  if (d.status !== "PROPOSED") return { decisionId: d.id, status: d.status === "APPLIED" ? "APPLIED" : d.status === "FAILED" ? "FAILED" : "SKIPPED", detail: d.errorMessage };
  const c = d.campaign;
  const ads = (opts.registry ?? defaultRegistry).forAccount({ platform: platformKeyOf(c.platform as PlatformEnum), isSandbox: c.adAccount.isSandbox }) as AdsConnector;
  const ctx = connectorContextOf(c.adAccount, opts.refreshDeps);
  const params = (d.details as { params?: Record<string, unknown> }).params ?? {};
  const finish = async (status: "APPLIED" | "SKIPPED" | "FAILED", detail: string | null, extra: object = {}) => {
    await db().optimizationDecision.updateMany({ where: { id: d.id, status: "PROPOSED" }, data: { status, errorMessage: detail, ...(status === "APPLIED" ? { appliedAt: now, appliedById: opts.appliedById ?? null } : {}), ...extra } });
    await notify({
      organizationId: opts.organizationId,
      to: { roles: ["OWNER", "ADMIN"] },
      type: "ads.optimization",
      severity: status === "APPLIED" ? "SUCCESS" : "WARNING",
      message: { key: "adOptimization", values: { campaign: c.name, action: d.action, outcome: status === "APPLIED" ? "applied" : "skipped" } },
      actionUrl: `/${c.organization.slug}/campaigns/${c.id}`,
      dedupeKey: `ad-optimization:${d.id}:${status}`,
    });
    return { decisionId: d.id, status, detail };
  };
  try {
    if (d.action === "PAUSE" && d.adSet?.externalId) {
      await ads.setStatus(ctx, "adset", d.adSet.externalId, "PAUSED");
      await db().adSet.update({ where: { id: d.adSet.id }, data: { status: "PAUSED" } });
    } else if (d.action === "ADJUST_TARGETING" && d.adSet?.externalId) {
      const targeting = params.targeting as AdTargeting & Record<string, unknown>;
      if (ads.setTargeting) await ads.setTargeting(ctx, d.adSet.externalId, { countries: targeting.countries ?? [], ageMin: targeting.ageMin, ageMax: targeting.ageMax, interests: targeting.interests });
      await db().adSet.update({ where: { id: d.adSet.id }, data: { targeting: targeting as object } });
    } else if (d.action === "SCALE_BUDGET" && d.adSet?.externalId) {
      // The ad set's +30 % within the caps: the campaign is split into this ad set's share and the rest,
      // the rest counting as committed spend and against the per-campaign cap.
      const settings = await getAdSettings(opts.organizationId);
      const plan = planOf(c, settings.timeZone, now);
      const own = d.adSet.dailyBudgetMinor ?? plan.dailyBudgetMinor;
      const share = plan.dailyBudgetMinor > 0 ? Math.min(1, own / plan.dailyBudgetMinor) : 1;
      const mine = { ...plan, dailyBudgetMinor: own, totalBudgetMinor: Math.round(plan.totalBudgetMinor * share), spentMinor: Math.round(plan.spentMinor * share) };
      const rest = { ...plan, id: `${c.id}:rest`, dailyBudgetMinor: plan.dailyBudgetMinor - own, totalBudgetMinor: plan.totalBudgetMinor - mine.totalBudgetMinor, spentMinor: plan.spentMinor - mine.spentMinor };
      const ctxCaps = await capContext({ organizationId: opts.organizationId, timeZone: settings.timeZone, excludeCampaignId: c.id, now });
      const scaled = scaleWithinCaps(mine, { ...settings, campaignCapMinor: settings.campaignCapMinor - rest.totalBudgetMinor }, { ...ctxCaps, others: [...ctxCaps.others, rest] });
      if (!scaled.ok) {
        const v = scaled.violations[0]!;
        return finish("SKIPPED", capError(v.cap === "campaign" ? { ...v, capMinor: settings.campaignCapMinor, totalBudgetMinor: v.totalBudgetMinor + rest.totalBudgetMinor } : v, settings).message, { previousBudgetMinor: own });
      }
      const adSetDaily = scaled.dailyBudgetMinor;
      await ads.setBudget(ctx, "adset", d.adSet.externalId, adSetDaily);
      await db().$transaction([
        db().adSet.update({ where: { id: d.adSet.id }, data: { dailyBudgetMinor: adSetDaily } }),
        db().adCampaign.update({ where: { id: c.id }, data: { dailyBudgetMinor: rest.dailyBudgetMinor + adSetDaily, totalBudgetMinor: rest.totalBudgetMinor + scaled.totalBudgetMinor } }),
      ]);
      const limited = scaled.limitedBy ? `+${Math.round(((adSetDaily - own) / own) * 100)} % instead of +30 %: limited by the ${scaled.limitedBy === "campaign" ? "per-campaign" : "monthly"} cap` : null;
      return finish("APPLIED", limited, { previousBudgetMinor: d.adSet.dailyBudgetMinor, newBudgetMinor: adSetDaily, currency: c.currency });
    } else if (d.action === "CONCENTRATE_CREATIVE") {
      const ids = (params.pauseCreativeIds as string[] | undefined) ?? [];
      const siblings = await db().adCreative.findMany({ where: { id: { in: ids }, organizationId: opts.organizationId } });
      for (const s of siblings) if (s.externalId) await ads.setStatus(ctx, "ad", s.externalId, "PAUSED");
      await db().adCreative.updateMany({ where: { id: { in: siblings.map((s) => s.id) } }, data: { status: "PAUSED" } });
    } else {
      return finish("SKIPPED", "target not launched");
    }
    return finish("APPLIED", null);
  } catch (err) {
    return finish("FAILED", err instanceof Error ? err.message : String(err));
  }
}

/** An approved (or rejected) MKT-206 action from the approval queue: applied as approved, or skipped. */
export async function settleApprovedOptimization(opts: { organizationId: string; approvalRequestId: string; registry?: ConnectorRegistry }): Promise<AppliedOptimization | null> {
  const r = await db().approvalRequest.findFirst({ where: { id: opts.approvalRequestId, organizationId: opts.organizationId }, select: { entityType: true, status: true, optimizationDecisionId: true, decidedById: true } });
  if (!r || r.entityType !== "AD_OPTIMIZATION" || !r.optimizationDecisionId) return null;
  if (r.status === "APPROVED") return applyOptimization({ organizationId: opts.organizationId, decisionId: r.optimizationDecisionId, appliedById: r.decidedById, registry: opts.registry });
  if (r.status === "REJECTED") {
    await db().optimizationDecision.updateMany({ where: { id: r.optimizationDecisionId, status: "PROPOSED" }, data: { status: "SKIPPED", errorMessage: "rejected" } });
    return { decisionId: r.optimizationDecisionId, status: "SKIPPED", detail: "rejected" };
  }
  return null;
}
