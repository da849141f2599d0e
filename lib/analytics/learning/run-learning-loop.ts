import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { addDays, localDate, localHour } from "@/lib/time/local-dates";
import { agentNotInactive } from "@/lib/agents/active-filter";
import { claimDueRuns, type DailyRunClaim } from "@/lib/jobs/daily-claims";
import { embed } from "@/lib/providers/ai";
import { compareInsights, type Direction, type EarlierInsight } from "./compare-insights";
import { deriveInsights, type NetworkTotals } from "./derive-insights";

/**
 * MKT-404, the learning loop of one organisation for one local date: the 30 days before that date of
 * MKT-402's slices, per network -> insights (`deriveInsights`), embedded through the AI gateway (offline
 * provider by default; vectors stored with their model), compared with the organisation's earlier
 * ACTIVE / VALIDATED insights (`compareInsights`) in one transaction:
 * confirmed -> the earlier one VALIDATED (evidence and confidence refreshed, no new row);
 * contradicted -> a new ACTIVE insight, the earlier one INVALIDATED and superseded by it;
 * new -> a new ACTIVE insight.
 * The outcome is stored in the same transaction on the organisation's `ad_daily_runs` row of the date
 * (job "mkt-404", `summary`, with the step's `runKey`, `<runId>:learn-<org>`, also the AI ledger's key),
 * and a call with that key returns it as stored. Steps are at-least-once: a step replayed after a crash
 * between its commit and its checkpoint (or retried after a later error) compared the drafts with the
 * insights it had just written, so it validated its own new insights (confidence +0.05, `created` and
 * `contradicted` empty in `learning/insights.updated`).
 */
export type LearningOutcome = { confirmed: string[]; contradicted: string[]; created: string[]; active: number };

const SOURCE = "mkt-404";
const JOB = "mkt-404";
const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
const ids = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** The outcome a run stored with this key (`runLearningLoop`), or null. */
function storedOutcome(summary: unknown, runKey: string): LearningOutcome | null {
  const s = (summary ?? {}) as Record<string, unknown>;
  if (s.runKey !== runKey || !ids(s.confirmed) || !ids(s.contradicted) || !ids(s.created) || typeof s.active !== "number") return null;
  return { confirmed: s.confirmed, contradicted: s.contradicted, created: s.created, active: s.active };
}

export async function runLearningLoop(opts: { organizationId: string; localDate: string; runKey: string; now?: Date }): Promise<LearningOutcome> {
  const now = opts.now ?? new Date();
  const runRow = { organizationId_job_localDate: { organizationId: opts.organizationId, job: JOB, localDate: opts.localDate } };
  const stored = storedOutcome((await db().adDailyRun.findUnique({ where: runRow, select: { summary: true } }))?.summary, opts.runKey);
  if (stored) return stored;
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { locale: true } });
  const to = addDays(opts.localDate, -1);
  const from = addDays(to, -29);
  const grouped = await db().dailyAnalyticsSlice.groupBy({
    by: ["network"],
    where: { organizationId: opts.organizationId, day: { gte: day(from), lte: day(to) } },
    _sum: { impressions: true, engagements: true, adSpendMinor: true, adRevenueMinor: true, leadsNew: true, leadsHot: true },
  });
  const totals: NetworkTotals[] = grouped.map((g) => ({
    network: g.network,
    impressions: g._sum.impressions ?? 0,
    engagements: g._sum.engagements ?? 0,
    adSpendMinor: g._sum.adSpendMinor ?? 0,
    adRevenueMinor: g._sum.adRevenueMinor ?? 0,
    leadsNew: g._sum.leadsNew ?? 0,
    leadsHot: g._sum.leadsHot ?? 0,
  }));
  const drafts = deriveInsights(totals, org.locale === "en" ? "en" : "fr");
  let compared: { vectors: { vectors: number[][]; model: string }; comparisons: ReturnType<typeof compareInsights>; confidenceOf: Map<string, number> } | null = null;
  if (drafts.length > 0) {
    const vectors = await embed({ organizationId: opts.organizationId, agent: "mkt-404-learning-loop", operation: "insights", idempotencyKey: opts.runKey, texts: drafts.map((d) => `${d.title}. ${d.description}`) });
    const earlierRows = await db().learningInsight.findMany({
      where: { organizationId: opts.organizationId, status: { in: ["ACTIVE", "VALIDATED"] } },
      select: { id: true, type: true, evidence: true, embedding: true, embeddingModel: true, confidence: true },
    });
    const earlier: EarlierInsight[] = earlierRows.map((r) => {
      const ev = (r.evidence ?? {}) as { subject?: unknown; direction?: unknown };
      return {
        id: r.id,
        type: r.type,
        subject: typeof ev.subject === "string" ? ev.subject : null,
        direction: ev.direction === "up" || ev.direction === "down" ? (ev.direction as Direction) : null,
        embedding: r.embedding,
        embeddingModel: r.embeddingModel,
      };
    });
    const comparisons = compareInsights(drafts.map((d, i) => ({ type: d.type, subject: d.subject, direction: d.direction, embedding: vectors.vectors[i]!, embeddingModel: vectors.model })), earlier);
    compared = { vectors, comparisons, confidenceOf: new Map(earlierRows.map((r) => [r.id, r.confidence])) };
  }
  return db().$transaction(async (tx) => {
    const outcome: LearningOutcome = { confirmed: [], contradicted: [], created: [], active: 0 };
    if (compared) {
      const { vectors, comparisons, confidenceOf } = compared;
      for (const [i, d] of drafts.entries()) {
        const embedding = vectors.vectors[i]!;
        const c = comparisons[i]!;
        const fields = {
          title: d.title,
          description: d.description,
          recommendedAction: d.recommendedAction,
          evidence: d.evidence as unknown as Prisma.InputJsonValue,
          periodStart: day(from),
          periodEnd: day(to),
        };
        if (c.outcome === "confirmed") {
          const confidence = Math.min(0.99, Math.round((Math.max(confidenceOf.get(c.earlierId) ?? 0, d.confidence) + 0.05) * 100) / 100);
          await tx.learningInsight.update({ where: { id: c.earlierId }, data: { ...fields, status: "VALIDATED", validatedAt: now, confidence, embedding, embeddingModel: vectors.model } });
          outcome.confirmed.push(c.earlierId);
          continue;
        }
        const created = await tx.learningInsight.create({
          data: { organizationId: opts.organizationId, type: d.type, status: "ACTIVE", confidence: d.confidence, embedding, embeddingModel: vectors.model, source: SOURCE, ...fields },
          select: { id: true },
        });
        outcome.created.push(created.id);
        if (c.outcome === "contradicted") {
          await tx.learningInsight.update({ where: { id: c.earlierId }, data: { status: "INVALIDATED", supersededById: created.id } });
          outcome.contradicted.push(c.earlierId);
        }
      }
    }
    outcome.active = await tx.learningInsight.count({ where: { organizationId: opts.organizationId, status: { in: ["ACTIVE", "VALIDATED"] } } });
    // The run's row (claimed by the tick; created for a run without one) finished with the outcome and its key.
    const summary = { runKey: opts.runKey, ...outcome };
    await tx.adDailyRun.upsert({
      where: runRow,
      create: { organizationId: opts.organizationId, job: JOB, localDate: opts.localDate, startedAt: now, finishedAt: now, summary },
      update: { finishedAt: now, summary },
    });
    return outcome;
  });
}

/**
 * The organisations whose local time is 02:00 or later on a date not yet claimed (job "mkt-404" in
 * `ad_daily_runs`, one row per local date), within 6 hours (a missed tick is caught up), leaving out
 * those whose MKT-404 agent is off; a replay of the same step (`runKey`) returns what it claimed
 * (`claimDueRuns`).
 */
export async function claimLearningLoop(opts: { runKey: string; now?: Date; organizationIds?: string[] }): Promise<DailyRunClaim[]> {
  const now = opts.now ?? new Date();
  const orgs = await db().organization.findMany({
    where: { ...(opts.organizationIds ? { id: { in: opts.organizationIds } } : {}), ...agentNotInactive("MKT-404") },
    select: { id: true, timezone: true },
  });
  const due = orgs.flatMap((o) => {
    const hour = localHour(now, o.timezone);
    return hour >= 2 && hour < 8 ? [{ organizationId: o.id, localDate: localDate(now, o.timezone) }] : [];
  });
  return claimDueRuns({ job: JOB, due, runKey: opts.runKey, now });
}

/** What generation prompts carry: the organisation's active insights (ACTIVE or VALIDATED), most confident first. */
export async function activeInsightsForPrompt(opts: { organizationId: string; limit?: number }): Promise<{ id: string; type: string; description: string; recommendedAction: string | null; confidence: number }[]> {
  return db().learningInsight.findMany({
    where: { organizationId: opts.organizationId, status: { in: ["ACTIVE", "VALIDATED"] } },
    orderBy: [{ confidence: "desc" }, { id: "asc" }],
    take: opts.limit ?? 5,
    select: { id: true, type: true, description: true, recommendedAction: true, confidence: true },
  });
}
