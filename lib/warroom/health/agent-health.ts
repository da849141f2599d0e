import "server-only";
import { sqlPool } from "@/lib/db/client";
import type { AgentHealthDto, AgentHealthKey, AgentHealthMetricDto } from "./contracts";

/** Seed 000 §8.1: the OK target, warning and critical thresholds (hours, messages, percent). */
const THRESHOLDS: Record<AgentHealthKey, { unit: AgentHealthMetricDto["unit"]; target: number; warning: number; critical: number; higherIsBetter: boolean }> = {
  contentInputToSignal: { unit: "hours", target: 24, warning: 24, critical: 48, higherIsBetter: false },
  signalToLaunch: { unit: "hours", target: 48, warning: 48, critical: 72, higherIsBetter: false },
  leadToFirstContact: { unit: "hours", target: 1, warning: 2, critical: 6, higherIsBetter: false },
  unconsumedMessages: { unit: "count", target: 0, warning: 5, critical: 20, higherIsBetter: false },
  publishFailureRate: { unit: "percent", target: 2, warning: 5, critical: 10, higherIsBetter: false },
  aiQualificationRate: { unit: "percent", target: 80, warning: 70, critical: 50, higherIsBetter: true },
};
export const HEALTH_WINDOW_DAYS = 30;

export function statusOf(key: AgentHealthKey, value: number | null): AgentHealthMetricDto["status"] {
  if (value === null) return "unknown";
  const t = THRESHOLDS[key];
  if (t.higherIsBetter) return value < t.critical ? "critical" : value < t.warning ? "warning" : "ok";
  return value > t.critical ? "critical" : value > t.warning ? "warning" : "ok";
}

type Figures = {
  input_signal_h: number | null; input_signal_n: number;
  signal_launch_h: number | null; signal_launch_n: number;
  lead_contact_h: number | null; lead_contact_n: number;
  unconsumed: number;
  posted_24h: number; failed_24h: number;
  scored_ai: number; scored_all: number;
};

/**
 * One statement, every part bounded by an indexed window of the organisation: medians over the last
 * 30 days (signals detected, campaigns launched, leads created), messages unconsumed for more than
 * 5 minutes, publications due in the last 24 hours, lead scores of the last 30 days (a score the
 * model gave, not the rules' fallback, counts as an AI qualification).
 */
export async function getAgentHealth(opts: { organizationId: string; now?: Date }): Promise<AgentHealthDto> {
  const now = opts.now ?? new Date();
  const { rows } = await sqlPool().query<Figures>(
    `WITH w AS (SELECT $2::timestamptz AS now, $2::timestamptz - make_interval(days => $3) AS since)
     SELECT
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s."detectedAt" - i."createdAt") / 3600)
          FROM content_signals s JOIN content_pieces c ON c.id = s."contentPieceId" LEFT JOIN content_pieces m ON m.id = c."parentId"
          JOIN content_inputs i ON i.id = COALESCE(c."inputId", m."inputId"), w
         WHERE s."organizationId" = $1 AND s."detectedAt" >= w.since AND s."detectedAt" <= w.now) AS input_signal_h,
       (SELECT count(*)::int FROM content_signals s JOIN content_pieces c ON c.id = s."contentPieceId" LEFT JOIN content_pieces m ON m.id = c."parentId", w
         WHERE s."organizationId" = $1 AND s."detectedAt" >= w.since AND s."detectedAt" <= w.now AND COALESCE(c."inputId", m."inputId") IS NOT NULL) AS input_signal_n,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a."launchedAt" - s."detectedAt") / 3600)
          FROM ad_campaigns a JOIN content_signals s ON s.id = a."contentSignalId", w
         WHERE a."organizationId" = $1 AND a."launchedAt" >= w.since AND a."launchedAt" <= w.now) AS signal_launch_h,
       (SELECT count(*)::int FROM ad_campaigns a, w WHERE a."organizationId" = $1 AND a."contentSignalId" IS NOT NULL AND a."launchedAt" >= w.since AND a."launchedAt" <= w.now) AS signal_launch_n,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first - l."createdAt") / 3600)
          FROM leads l, w, LATERAL (SELECT min(COALESCE(x."sentAt", x."occurredAt")) AS first FROM lead_interactions x
                                     WHERE x."leadId" = l.id AND x.direction = 'OUTBOUND' AND x.status IN ('SENT', 'DELIVERED', 'READ')) f
         WHERE l."organizationId" = $1 AND l."createdAt" >= w.since AND l."createdAt" <= w.now AND f.first IS NOT NULL) AS lead_contact_h,
       (SELECT count(*)::int FROM leads l, w WHERE l."organizationId" = $1 AND l."createdAt" >= w.since AND l."createdAt" <= w.now
           AND EXISTS (SELECT 1 FROM lead_interactions x WHERE x."leadId" = l.id AND x.direction = 'OUTBOUND' AND x.status IN ('SENT', 'DELIVERED', 'READ'))) AS lead_contact_n,
       (SELECT count(*)::int FROM agent_messages g, w WHERE g."organizationId" = $1 AND g."consumedAt" IS NULL AND g."createdAt" >= w.since AND g."createdAt" < w.now - interval '5 minutes') AS unconsumed,
       (SELECT count(*)::int FROM publications p, w WHERE p."organizationId" = $1 AND p.status = 'POSTED' AND p."scheduledAt" >= w.now - interval '24 hours' AND p."scheduledAt" <= w.now) AS posted_24h,
       (SELECT count(*)::int FROM publications p, w WHERE p."organizationId" = $1 AND p.status = 'FAILED' AND p."scheduledAt" >= w.now - interval '24 hours' AND p."scheduledAt" <= w.now) AS failed_24h,
       (SELECT count(*)::int FROM lead_scores s, w WHERE s."organizationId" = $1 AND s."scoredAt" >= w.since AND s."scoredAt" <= w.now AND s.model IS NOT NULL) AS scored_ai,
       (SELECT count(*)::int FROM lead_scores s, w WHERE s."organizationId" = $1 AND s."scoredAt" >= w.since AND s."scoredAt" <= w.now) AS scored_all`,
    [opts.organizationId, now, HEALTH_WINDOW_DAYS],
  );
  const f = rows[0]!;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const rate = (part: number, all: number) => (all > 0 ? Math.round((part / all) * 1000) / 10 : null);
  const values: Record<AgentHealthKey, [number | null, number]> = {
    contentInputToSignal: [round(f.input_signal_h), f.input_signal_n],
    signalToLaunch: [round(f.signal_launch_h), f.signal_launch_n],
    leadToFirstContact: [round(f.lead_contact_h), f.lead_contact_n],
    unconsumedMessages: [f.unconsumed, f.unconsumed],
    publishFailureRate: [rate(f.failed_24h, f.posted_24h + f.failed_24h), f.posted_24h + f.failed_24h],
    aiQualificationRate: [rate(f.scored_ai, f.scored_all), f.scored_all],
  };
  return {
    windowDays: HEALTH_WINDOW_DAYS,
    at: now.toISOString(),
    metrics: (Object.keys(THRESHOLDS) as AgentHealthKey[]).map((key) => ({ key, value: values[key][0], sample: values[key][1], status: statusOf(key, values[key][0]), ...THRESHOLDS[key] })),
  };
}
