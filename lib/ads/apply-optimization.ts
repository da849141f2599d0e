import "server-only";
import { db, type Prisma } from "@/lib/db/client";
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
 * PROPOSED decision is applied (a re-run or a second approval changes nothing). Steps are
 * at-least-once: the scaled budget and the decision's APPLIED are one transaction, so a replay never
 * finds a raised budget on a PROPOSED decision (it would scale it again); a replay of a settled
 * decision returns its stored result and repeats only the owners' notification (deduplicated).
 */
export async function applyOptimization(opts: { organizationId: string; decisionId: string; appliedById?: string | null; registry?: ConnectorRegistry; refreshDeps?: RefreshDeps; now?: Date }): Promise<AppliedOptimization> {
  const now = opts.now ?? new Date();
  const d = await db().optimizationDecision.findFirst({
    where: { id: opts.decisionId, organizationId: opts.organizationId },
    include: { campaign: { include: { adAccount: true, organization: { select: { slug: true } } } }, adSet: true },
  });
  if (!d) throw notFound("campaign");
  const c = d.campaign;
  const announce = async (r: Settled): Promise<AppliedOptimization> => {
    await notify({
      organizationId: opts.organizationId,
      to: { roles: ["OWNER", "ADMIN"] },
      type: "ads.optimization",
      severity: r.status === "APPLIED" ? "SUCCESS" : "WARNING",
      message: { key: "adOptimization", values: { campaign: c.name, action: d.action, outcome: r.status === "APPLIED" ? "applied" : "skipped" } },
      actionUrl: `/${c.organization.slug}/campaigns/${c.id}`,
      dedupeKey: `ad-optimization:${d.id}:${r.status}`,
    });
    return { decisionId: d.id, ...r };
  };
  if (d.status !== "PROPOSED") return d.status === "REVERTED" ? { decisionId: d.id, status: "SKIPPED", detail: d.errorMessage } : announce(storedResult(d));
  const ads = (opts.registry ?? defaultRegistry).forAccount({ platform: platformKeyOf(c.platform as PlatformEnum), isSandbox: c.adAccount.isSandbox }) as AdsConnector;
  const ctx = connectorContextOf(c.adAccount, opts.refreshDeps);
  const params = (d.details as { params?: Record<string, unknown> }).params ?? {};
  /** The decision's outcome, written only over PROPOSED (tx: with the change it records); else what was stored first. */
  const record = async (status: Settled["status"], detail: string | null, extra: object = {}, tx: Tx = db()): Promise<Settled | null> => {
    const won = await tx.optimizationDecision.updateMany({ where: { id: d.id, status: "PROPOSED" }, data: { status, errorMessage: detail, ...(status === "APPLIED" ? { appliedAt: now, appliedById: opts.appliedById ?? null } : {}), ...extra } });
    return won.count > 0 ? { status, detail } : null;
  };
  const stored = async () => storedResult(await db().optimizationDecision.findUniqueOrThrow({ where: { id: d.id }, select: { status: true, errorMessage: true } }));
  const act = async (): Promise<Settled | null> => {
    if (d.action === "PAUSE" && d.adSet?.externalId) {
      await ads.setStatus(ctx, "adset", d.adSet.externalId, "PAUSED");
      await db().adSet.update({ where: { id: d.adSet.id }, data: { status: "PAUSED" } });
    } else if (d.action === "ADJUST_TARGETING" && d.adSet?.externalId) {
      const targeting = params.targeting as AdTargeting & Record<string, unknown>;
      if (ads.setTargeting) await ads.setTargeting(ctx, d.adSet.externalId, { countries: targeting.countries ?? [], ageMin: targeting.ageMin, ageMax: targeting.ageMax, interests: targeting.interests });
      await db().adSet.update({ where: { id: d.adSet.id }, data: { targeting: targeting as object } });
    } else if (d.action === "SCALE_BUDGET" && d.adSet?.externalId) {
      const adSet = d.adSet;
      // The ad set's +30 % within the caps: the campaign is split into this ad set's share and the rest,
      // the rest counting as committed spend and against the per-campaign cap.
      const settings = await getAdSettings(opts.organizationId);
      const plan = planOf(c, settings.timeZone, now);
      const own = adSet.dailyBudgetMinor ?? plan.dailyBudgetMinor;
      const share = plan.dailyBudgetMinor > 0 ? Math.min(1, own / plan.dailyBudgetMinor) : 1;
      const mine = { ...plan, dailyBudgetMinor: own, totalBudgetMinor: Math.round(plan.totalBudgetMinor * share), spentMinor: Math.round(plan.spentMinor * share) };
      const rest = { ...plan, id: `${c.id}:rest`, dailyBudgetMinor: plan.dailyBudgetMinor - own, totalBudgetMinor: plan.totalBudgetMinor - mine.totalBudgetMinor, spentMinor: plan.spentMinor - mine.spentMinor };
      const ctxCaps = await capContext({ organizationId: opts.organizationId, timeZone: settings.timeZone, excludeCampaignId: c.id, now });
      const scaled = scaleWithinCaps(mine, { ...settings, campaignCapMinor: settings.campaignCapMinor - rest.totalBudgetMinor }, { ...ctxCaps, others: [...ctxCaps.others, rest] });
      if (!scaled.ok) {
        const v = scaled.violations[0]!;
        return record("SKIPPED", capError(v.cap === "campaign" ? { ...v, capMinor: settings.campaignCapMinor, totalBudgetMinor: v.totalBudgetMinor + rest.totalBudgetMinor } : v, settings).message, { previousBudgetMinor: own });
      }
      const adSetDaily = scaled.dailyBudgetMinor;
      // An absolute value: sent again by a replay after a crash before the commit below, it is the same
      // target, computed from the same unraised budget (the raise commits only with APPLIED).
      await ads.setBudget(ctx, "adset", d.adSet.externalId, adSetDaily);
      const limited = scaled.limitedBy ? `+${Math.round(((adSetDaily - own) / own) * 100)} % instead of +30 %: limited by the ${scaled.limitedBy === "campaign" ? "per-campaign" : "monthly"} cap` : null;
      return db().$transaction(async (tx) => {
        const won = await record("APPLIED", limited, { previousBudgetMinor: adSet.dailyBudgetMinor, newBudgetMinor: adSetDaily, currency: c.currency }, tx);
        if (!won) return null; // another caller applied it first: its budget stands
        await tx.adSet.update({ where: { id: adSet.id }, data: { dailyBudgetMinor: adSetDaily } });
        await tx.adCampaign.update({ where: { id: c.id }, data: { dailyBudgetMinor: rest.dailyBudgetMinor + adSetDaily, totalBudgetMinor: rest.totalBudgetMinor + scaled.totalBudgetMinor } });
        return won;
      });
    } else if (d.action === "CONCENTRATE_CREATIVE") {
      const ids = (params.pauseCreativeIds as string[] | undefined) ?? [];
      const siblings = await db().adCreative.findMany({ where: { id: { in: ids }, organizationId: opts.organizationId } });
      for (const s of siblings) if (s.externalId) await ads.setStatus(ctx, "ad", s.externalId, "PAUSED");
      await db().adCreative.updateMany({ where: { id: { in: siblings.map((s) => s.id) } }, data: { status: "PAUSED" } });
    } else {
      return record("SKIPPED", "target not launched");
    }
    return record("APPLIED", null);
  };
  let settled: Settled | null;
  try {
    settled = await act();
  } catch (err) {
    settled = await record("FAILED", err instanceof Error ? err.message : String(err));
  }
  return announce(settled ?? (await stored()));
}

type Tx = Prisma.TransactionClient;
type Settled = { status: "APPLIED" | "SKIPPED" | "FAILED"; detail: string | null };
const storedResult = (d: { status: string; errorMessage: string | null }): Settled => ({ status: d.status === "APPLIED" ? "APPLIED" : d.status === "FAILED" ? "FAILED" : "SKIPPED", detail: d.errorMessage });

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
