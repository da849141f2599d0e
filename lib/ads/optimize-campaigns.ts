import "server-only";
import { db } from "@/lib/db/client";
import type { ConnectorRegistry } from "@/lib/connectors/registry";
import { generateText } from "@/lib/providers/ai";
import { notify } from "@/lib/providers/notify";
import { applyOptimization, type AppliedOptimization } from "./apply-optimization";
import { addDays, dayKey, localDate } from "@/lib/time/local-dates";
import { evaluateRules, WINDOW_DAYS, type DayFigures, type RuleHit, type Targeting } from "./optimization-rules";
import { getAdSettings } from "./spend-guard";

export type OptimizationOutcome = { decisionId: string; campaignId: string; rule: string; action: string; status: "APPLIED" | "SKIPPED" | "FAILED" | "PROPOSED"; approvalRequestId: string | null };

type Row = { entityId: string; day: Date; impressions: number; clicks: number; spendMinor: number; conversionValueMinor: number };
const figures = (rows: Row[], id: string): DayFigures[] =>
  rows.filter((r) => r.entityId === id).map((r) => ({ day: r.day.toISOString().slice(0, 10), impressions: r.impressions, clicks: r.clicks, spendMinor: r.spendMinor, conversionValueMinor: r.conversionValueMinor }));

/**
 * MKT-206 (daily 10:00, organisation time): the explicit rules (optimization-rules.ts) over the last 7
 * complete days of each active campaign; each hit becomes one OptimizationDecision per target, rule
 * and day (a re-run adds nothing), with the AI's written rationale (the rule decides, the model
 * explains), a learning-log entry, and then: applied at once when the owner turned auto-apply on,
 * otherwise an approval request (a human yes applies it). Outcomes are in decision id order.
 *
 * Steps are at-least-once: each decision stores its step's `runKey` (MKT-206: `<runId>:optimize-<org>`).
 * A decision of another run (a re-run the same day) is left alone; one of this run (a replay after a
 * crash between the decision's commit and the step's checkpoint, or a retry after a later error) is
 * carried on exactly as the first call would have, from what was stored: no second decision, no second
 * AI call. It used to be skipped as already decided, so it was never applied nor sent for approval and
 * its insight event never went out. Carrying on is safe to repeat: applyOptimization applies only a
 * PROPOSED decision (a settled one returns its stored result), the approval request is unique per
 * decision (`optimization:<decisionId>`), the notifications are deduplicated and the insight event's id
 * is `performance-insight-<decisionId>`. This run's decisions whose rule no longer fires on the replay
 * (an ad set it paused, figures collected since) are carried on too.
 */
export async function optimizeCampaigns(opts: { organizationId: string; runKey: string; registry?: ConnectorRegistry; now?: Date; aiKey?: string }): Promise<OptimizationOutcome[]> {
  const now = opts.now ?? new Date();
  const settings = await getAdSettings(opts.organizationId);
  const today = localDate(now, settings.timeZone);
  const from = dayKey(addDays(today, -WINDOW_DAYS));
  const campaigns = await db().adCampaign.findMany({
    where: { organizationId: opts.organizationId, status: "ACTIVE" },
    include: { adSets: true, creatives: true, organization: { select: { slug: true } } },
  });
  const out: OptimizationOutcome[] = [];
  for (const c of campaigns) {
    const rows = await db().adMetricDaily.findMany({ where: { campaignId: c.id, level: { in: ["AD_SET", "AD"] }, day: { gte: from } } });
    const peers = await db().adMetricDaily.aggregate({
      where: { organizationId: opts.organizationId, level: "AD_SET", day: { gte: from, lt: dayKey(today) }, adSet: { status: "ACTIVE" }, campaign: { platform: c.platform } },
      _sum: { spendMinor: true, clicks: true, impressions: true },
    });
    const kpis = (c.expectedKpis ?? {}) as { cpcMinor?: number; ctr?: number };
    const hits: RuleHit[] = evaluateRules({
      today,
      campaign: { id: c.id, objective: c.objective, expectedCpcMinor: kpis.cpcMinor ?? null, expectedCtrPercent: kpis.ctr ?? null },
      adSets: c.adSets.map((s) => ({ id: s.id, status: s.status, dailyBudgetMinor: s.dailyBudgetMinor, targeting: s.targeting as Targeting, days: figures(rows, s.id) })),
      creatives: c.creatives.map((x) => ({ id: x.id, adSetId: x.adSetId, status: x.status, label: x.variantLabel ?? x.name, days: figures(rows, x.id) })),
      platform: { spendMinor: peers._sum.spendMinor ?? 0, clicks: peers._sum.clicks ?? 0, impressions: peers._sum.impressions ?? 0 },
    });
    for (const hit of hits) {
      const idempotencyKey = `${c.id}:${hit.target.id}:${hit.rule}:${today}`;
      const existing = await db().optimizationDecision.findUnique({ where: { idempotencyKey }, select: { id: true, runKey: true } });
      if (existing && existing.runKey !== opts.runKey) continue; // decided by another run
      if (!existing) {
        const { text: rationale } = await generateText({
          organizationId: opts.organizationId,
          agent: "mkt-206-optimize-campaigns",
          operation: `rationale:${hit.rule}`,
          idempotencyKey: opts.aiKey ? `${opts.aiKey}:${idempotencyKey}` : undefined,
          system: "Tu es un expert en optimisation publicitaire. Explique en deux ou trois phrases, pour le responsable marketing, pourquoi l'action décidée par la règle est pertinente et ce qu'il faut surveiller ensuite. N'invente aucun chiffre.",
          prompt: `Campagne: ${c.name}\nRègle: ${hit.rule}\nAction: ${hit.action}\nConstat: ${hit.reason}`,
          data: { evidence: hit.evidence },
          maxTokens: 400,
        });
        await db().$transaction(async (tx) => {
          const d = await tx.optimizationDecision.create({
            data: {
              organizationId: opts.organizationId,
              campaignId: c.id,
              adSetId: hit.target.adSetId,
              creativeId: hit.target.level === "creative" ? hit.target.id : null,
              action: hit.action,
              rule: hit.rule,
              reason: hit.reason,
              details: { evidence: hit.evidence, params: hit.params, message: hit.message } as object,
              idempotencyKey,
              rationale,
              decidedAt: now,
              runKey: opts.runKey,
            },
          });
          await tx.learningInsight.create({
            data: { organizationId: opts.organizationId, brandId: c.brandId, type: "AD_OPTIMIZATION", title: `${hit.rule} · ${c.name}`.slice(0, 200), description: hit.reason, confidence: 0.8, recommendedAction: hit.action, evidence: { decisionId: d.id, ...hit.evidence } as object, source: "mkt-206", periodStart: from, periodEnd: dayKey(today) },
          });
        });
      }
      out.push(await carryOut({ organizationId: opts.organizationId, idempotencyKey, autoApply: settings.autoApply, registry: opts.registry, now }));
    }
    await db().adCampaign.update({ where: { id: c.id }, data: { lastOptimizedAt: now } });
  }
  // This run's decisions that no rule hit above (a replay that no longer sees their hit).
  const left = await db().optimizationDecision.findMany({ where: { organizationId: opts.organizationId, runKey: opts.runKey, id: { notIn: out.map((o) => o.decisionId) } }, select: { idempotencyKey: true } });
  for (const d of left) out.push(await carryOut({ organizationId: opts.organizationId, idempotencyKey: d.idempotencyKey, autoApply: settings.autoApply, registry: opts.registry, now }));
  return out.sort((x, y) => (x.decisionId < y.decisionId ? -1 : x.decisionId > y.decisionId ? 1 : 0));
}

/**
 * A decision of this run, from its row (so a replay does what the first call did): applied at once
 * (auto-apply), or its approval request (unique per decision) and the owners told (deduplicated). The
 * path a replay takes is the one the first call took: queued if its request exists, applied if it is
 * settled without one, else by the settings.
 */
async function carryOut(opts: { organizationId: string; idempotencyKey: string; autoApply: boolean; registry?: ConnectorRegistry; now: Date }): Promise<OptimizationOutcome> {
  const d = await db().optimizationDecision.findUniqueOrThrow({
    where: { idempotencyKey: opts.idempotencyKey },
    include: { campaign: { select: { id: true, name: true, brandId: true, organization: { select: { slug: true } } } } },
  });
  const c = d.campaign;
  const base = { decisionId: d.id, campaignId: c.id, rule: d.rule, action: d.action };
  const requestKey = `optimization:${d.id}`;
  const queued = await db().approvalRequest.findUnique({ where: { idempotencyKey: requestKey }, select: { id: true } });
  if (!queued && (opts.autoApply || d.status !== "PROPOSED")) {
    const applied: AppliedOptimization = await applyOptimization({ organizationId: opts.organizationId, decisionId: d.id, registry: opts.registry, now: opts.now });
    return { ...base, status: applied.status, approvalRequestId: null };
  }
  const details = d.details as { evidence?: unknown; params?: unknown; message?: unknown };
  const req =
    queued ??
    (await db().approvalRequest.create({
      data: {
        organizationId: opts.organizationId,
        brandId: c.brandId,
        entityType: "AD_OPTIMIZATION",
        optimizationDecisionId: d.id,
        priority: "HIGH",
        title: `${c.name}`.slice(0, 200),
        summary: d.reason.slice(0, 280),
        preview: { campaignId: c.id, rule: d.rule, action: d.action, message: details.message, evidence: details.evidence, params: details.params, rationale: d.rationale } as object,
        idempotencyKey: requestKey,
        requestedBy: "mkt-206-optimize-campaigns",
        nextReminderAt: new Date(opts.now.getTime() + 24 * 3600_000),
        createdAt: opts.now,
      },
      select: { id: true },
    }));
  await notify({
    organizationId: opts.organizationId,
    to: { roles: ["OWNER", "ADMIN"] },
    type: "approval.requested",
    severity: "INFO",
    message: { key: "adOptimization", values: { campaign: c.name, action: d.action, outcome: "queued" } },
    actionUrl: `/${c.organization.slug}/campaigns/${c.id}`,
    dedupeKey: `ad-optimization:${d.id}:queued`,
  });
  return { ...base, status: "PROPOSED", approvalRequestId: req.id };
}
