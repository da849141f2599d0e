import "server-only";
import { db } from "@/lib/db/client";
import { listAutomations } from "./automations";
import type { WarRoomStateDto } from "./contracts";
import { HEALTH_THRESHOLDS } from "./schemas";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ACTIVE = ["SCHEDULED", "UPLOADING", "PROCESSING"] as const;

type Health = WarRoomStateDto["health"];

/**
 * Seed 001's monitoring for one organisation: queue depth (publications due and not finished), publish
 * error rate over 24 h (failed / (posted + failed)), publishing latency p95 (posted - scheduled, 24 h),
 * tokens expiring within a day; each against its alert threshold; and per account: token validity,
 * rate-limit state, 24 h failure rate, posts in 7 days (the cadence).
 * "Finished since t" is written `postedAt >= t OR (postedAt IS NULL AND updatedAt >= t)` (= coalesce(postedAt,
 * updatedAt) >= t) so each branch is a range of an index (publications (organizationId, status, postedAt) and
 * (organizationId, updatedAt)): with the coalesce, an organisation's whole history was read per request.
 */
export async function getWarRoomHealth(opts: { organizationId: string; now?: Date }): Promise<Health> {
  const now = opts.now ?? new Date();
  const organizationId = opts.organizationId;
  const since = new Date(now.getTime() - DAY);
  const week = new Date(now.getTime() - 7 * DAY);
  const soon = new Date(now.getTime() + DAY);
  const [totals, perAccount, accounts] = await Promise.all([
    db().$queryRaw<{ depth: number; failed: number; finished: number; p95: number | null; expiring: number }[]>`
      SELECT
        (SELECT count(*)::int FROM publications WHERE "organizationId" = ${organizationId} AND status IN ('SCHEDULED', 'UPLOADING', 'PROCESSING') AND "scheduledAt" <= ${now}) AS depth,
        count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
        count(*)::int AS finished,
        (percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM "postedAt" - "scheduledAt")) FILTER (WHERE status = 'POSTED'))::float8 AS p95,
        (SELECT count(*)::int FROM social_accounts WHERE "organizationId" = ${organizationId} AND status <> 'DISCONNECTED' AND "tokenExpiresAt" < ${soon}) AS expiring
      FROM publications
      WHERE "organizationId" = ${organizationId} AND status IN ('POSTED', 'FAILED') AND ("postedAt" >= ${since} OR ("postedAt" IS NULL AND "updatedAt" >= ${since}))`,
    db().$queryRaw<{ accountId: string; failed: number; finished: number; posted7d: number }[]>`
      SELECT "socialAccountId" AS "accountId",
        count(*) FILTER (WHERE status = 'FAILED' AND "updatedAt" >= ${since})::int AS failed,
        count(*) FILTER (WHERE coalesce("postedAt", "updatedAt") >= ${since})::int AS finished,
        count(*) FILTER (WHERE status = 'POSTED' AND "postedAt" >= ${week})::int AS posted7d
      FROM publications
      WHERE "organizationId" = ${organizationId} AND status IN ('POSTED', 'FAILED') AND ("postedAt" >= ${week} OR ("postedAt" IS NULL AND "updatedAt" >= ${week}))
      GROUP BY "socialAccountId"`,
    db().socialAccount.findMany({
      where: { organizationId, status: { not: "DISCONNECTED" } },
      orderBy: [{ platform: "asc" }, { name: "asc" }],
      select: { id: true, platform: true, name: true, status: true, isSandbox: true, tokenExpiresAt: true, rateLimitedUntil: true },
    }),
  ]);
  const t = totals[0]!;
  const stats = new Map(perAccount.map((r) => [r.accountId, r]));
  const errorRate = t.finished === 0 ? 0 : t.failed / t.finished;
  const health: Omit<Health, "alert"> = {
    queueDepth: { value: t.depth, threshold: HEALTH_THRESHOLDS.queueDepth, alert: t.depth > HEALTH_THRESHOLDS.queueDepth },
    errorRate24h: { value: errorRate, threshold: HEALTH_THRESHOLDS.errorRate24h, alert: errorRate > HEALTH_THRESHOLDS.errorRate24h, failed: t.failed, total: t.finished },
    latencyP95Seconds: { value: t.p95, threshold: HEALTH_THRESHOLDS.latencyP95Seconds, alert: t.p95 !== null && t.p95 > HEALTH_THRESHOLDS.latencyP95Seconds },
    tokensExpiringWithinDay: { value: t.expiring, threshold: HEALTH_THRESHOLDS.tokensExpiringWithinDay, alert: t.expiring > HEALTH_THRESHOLDS.tokensExpiringWithinDay },
    accounts: accounts.map((a) => {
      const s = stats.get(a.id);
      return {
        id: a.id,
        platform: a.platform,
        name: a.name,
        status: a.status,
        isSandbox: a.isSandbox,
        tokenValid: a.status === "ACTIVE" && (a.tokenExpiresAt === null || a.tokenExpiresAt > now),
        tokenExpiresAt: a.tokenExpiresAt?.toISOString() ?? null,
        rateLimitedUntil: a.rateLimitedUntil && a.rateLimitedUntil > now ? a.rateLimitedUntil.toISOString() : null,
        failureRate24h: s && s.finished > 0 ? s.failed / s.finished : null,
        postsLast7d: s?.posted7d ?? 0,
      };
    }),
  };
  const alert = health.queueDepth.alert || health.errorRate24h.alert || health.latencyP95Seconds.alert || health.tokensExpiringWithinDay.alert;
  return { alert, ...health };
}

const title = (p: { title: string | null; body: string }) => p.title ?? p.body.slice(0, 80);

/** The publishing queue: what is in flight (due, or scheduled within 7 days; oldest first), then what finished in the last 24 h. */
async function getQueue(organizationId: string, now: Date): Promise<WarRoomStateDto["queue"]> {
  const select = {
    id: true,
    platform: true,
    status: true,
    scheduledAt: true,
    postedAt: true,
    attempts: true,
    errorCode: true,
    contentPiece: { select: { title: true, body: true } },
    socialAccount: { select: { id: true, name: true, isSandbox: true } },
  } as const;
  // In flight: one read per status, each the head of publications (organizationId, status, scheduledAt),
  // merged here. As one `status IN (…) ORDER BY scheduledAt` the planner walked (organizationId,
  // scheduledAt) from the organisation's first post and filtered out its whole posted history
  // (960,000 rows for 50 on bench:dashboard's data, 7.6 s).
  const [perStatus, finished] = await Promise.all([
    Promise.all(ACTIVE.map((status) => db().publication.findMany({ where: { organizationId, status, scheduledAt: { lte: new Date(now.getTime() + 7 * DAY) } }, orderBy: [{ scheduledAt: "asc" }, { id: "asc" }], take: 50, select }))),
    db().publication.findMany({ where: { organizationId, status: { in: ["POSTED", "FAILED"] }, updatedAt: { gte: new Date(now.getTime() - DAY) } }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 20, select }),
  ]);
  const active = perStatus
    .flat()
    .sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, 50);
  return [...active, ...finished].map((p) => ({
    id: p.id,
    platform: p.platform,
    status: p.status,
    scheduledAt: p.scheduledAt.toISOString(),
    postedAt: p.postedAt?.toISOString() ?? null,
    title: title(p.contentPiece),
    account: p.socialAccount,
    attempts: p.attempts,
    errorCode: p.errorCode,
  }));
}

/** Trend radar: the team's notes (not expired) and our own winning-content signals of the last 14 days, by relevance. */
async function getTrends(organizationId: string, now: Date): Promise<WarRoomStateDto["trends"]> {
  const [items, signals] = await Promise.all([
    db().trendItem.findMany({
      where: { organizationId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: [{ score: "desc" }, { createdAt: "desc" }],
      take: 20,
      select: { id: true, source: true, title: true, note: true, platform: true, score: true, createdAt: true },
    }),
    db().contentSignal.findMany({
      where: { organizationId, detectedAt: { gte: new Date(now.getTime() - 14 * DAY) } },
      orderBy: { detectedAt: "desc" },
      take: 10,
      select: { id: true, engagementRate: true, threshold: true, detectedAt: true, publication: { select: { platform: true } }, contentPiece: { select: { title: true, body: true } } },
    }),
  ]);
  const fromSignals = signals.map((s) => ({
    id: `signal:${s.id}`,
    source: "INTERNAL_ANALYTICS" as const,
    title: title(s.contentPiece),
    note: null,
    platform: s.publication.platform,
    // A signal at its threshold scores 50, at twice the threshold 100.
    score: Math.min(100, Math.round((50 * s.engagementRate) / Math.max(s.threshold, 1e-9))),
    createdAt: s.detectedAt,
  }));
  return [...items, ...fromSignals]
    .sort((a, b) => b.score - a.score || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, 20)
    .map((x) => ({ ...x, createdAt: x.createdAt.toISOString() }));
}

/** Seed 001's `GET …/state`: queue, automations, health, trends of one organisation. */
export async function getWarRoomState(opts: { organizationId: string; now?: Date }): Promise<WarRoomStateDto> {
  const now = opts.now ?? new Date();
  const [queue, automations, health, trends] = await Promise.all([
    getQueue(opts.organizationId, now),
    listAutomations({ organizationId: opts.organizationId }),
    getWarRoomHealth({ organizationId: opts.organizationId, now }),
    getTrends(opts.organizationId, now),
  ]);
  return { queue, automations, health, trends, at: now.toISOString() };
}
