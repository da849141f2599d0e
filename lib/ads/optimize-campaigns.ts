import "server-only";
import { db } from "@/lib/db/client";
import type { ConnectorRegistry } from "@/lib/connectors/registry";
import { generateText } from "@/lib/providers/ai";
import { notify } from "@/lib/providers/notify";
import { applyOptimization, type AppliedOptimization } from "./apply-optimization";
import { addDays, dayKey, localDate } from "./local-dates";
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
 * otherwise an approval request (a human yes applies it).
 */
export async function optimizeCampaigns(opts: { organizationId: string; registry?: ConnectorRegistry; now?: Date; aiKey?: string }): Promise<OptimizationOutcome[]> {
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
      const existing = await db().optimizationDecision.findUnique({ where: { idempotencyKey }, select: { id: true } });
      if (existing) continue;
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
      const decision = await db().$transaction(async (tx) => {
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
          },
        });
        await tx.learningInsight.create({
          data: { organizationId: opts.organizationId, brandId: c.brandId, type: "AD_OPTIMIZATION", title: `${hit.rule} · ${c.name}`.slice(0, 200), description: hit.reason, confidence: 0.8, recommendedAction: hit.action, evidence: { decisionId: d.id, ...hit.evidence } as object, source: "mkt-206", periodStart: from, periodEnd: dayKey(today) },
        });
        return d;
      });
      if (settings.autoApply) {
        const applied: AppliedOptimization = await applyOptimization({ organizationId: opts.organizationId, decisionId: decision.id, registry: opts.registry, now });
        out.push({ decisionId: decision.id, campaignId: c.id, rule: hit.rule, action: hit.action, status: applied.status, approvalRequestId: null });
      } else {
        const req = await db().approvalRequest.create({
          data: {
            organizationId: opts.organizationId,
            brandId: c.brandId,
            entityType: "AD_OPTIMIZATION",
            optimizationDecisionId: decision.id,
            priority: "HIGH",
            title: `${c.name}`.slice(0, 200),
            summary: hit.reason.slice(0, 280),
            preview: { campaignId: c.id, rule: hit.rule, action: hit.action, message: hit.message, evidence: hit.evidence, params: hit.params, rationale } as object,
            idempotencyKey: `optimization:${decision.id}`,
            requestedBy: "mkt-206-optimize-campaigns",
            nextReminderAt: new Date(now.getTime() + 24 * 3600_000),
            createdAt: now,
          },
        });
        await notify({
          organizationId: opts.organizationId,
          to: { roles: ["OWNER", "ADMIN"] },
          type: "approval.requested",
          severity: "INFO",
          message: { key: "adOptimization", values: { campaign: c.name, action: hit.action, outcome: "queued" } },
          actionUrl: `/${c.organization.slug}/campaigns/${c.id}`,
          dedupeKey: `ad-optimization:${decision.id}:queued`,
        });
        out.push({ decisionId: decision.id, campaignId: c.id, rule: hit.rule, action: hit.action, status: "PROPOSED", approvalRequestId: req.id });
      }
    }
    await db().adCampaign.update({ where: { id: c.id }, data: { lastOptimizedAt: now } });
  }
  return out;
}
