import { inngest } from "@/inngest/client";
import { analyticsBackfillCompleted, analyticsBackfillRequested, analyticsDayComputed, analyticsDayRequested } from "@/inngest/events";
import { addDays } from "@/lib/time/local-dates";
import { failAnalyticsBackfill, finishAnalyticsBackfill, loadAnalyticsBackfill, markBackfillProgress } from "@/lib/analytics/daily/backfill";
import { claimDailyAnalytics, finishDailyAnalytics } from "@/lib/analytics/daily/claim-daily-analytics";
import { computeDailyAnalytics } from "@/lib/analytics/daily/compute-daily-analytics";
import { MKT402_CRON, datesBetween } from "@/lib/analytics/daily/schedule";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-402 tick: at minutes 14/29/44/59 UTC, the organisations whose local time reached 23:59 (each
 * claimed once per local date) get one `analytics/day.requested` each (fan-out: one run per organisation).
 */
export const mkt402DailyAnalyticsTick = inngest.createFunction(
  {
    id: "mkt-402-daily-analytics-tick",
    name: "MKT-402: daily analytics at 23:59 local",
    triggers: [{ cron: MKT402_CRON }, runNowTrigger("MKT-402")],
    retries: 3,
    concurrency: { limit: 1 },
  },
  async ({ step, runId }) => {
    const due = await step.run("claim-organizations", () => claimDailyAnalytics({ runKey: `${runId}:claim-organizations` }));
    if (due.length > 0) {
      await step.sendEvent(
        "fan-out",
        due.map((d) =>
          analyticsDayRequested.create(
            { organizationId: d.organizationId, localDate: d.localDate },
            { id: `analytics-day-${d.organizationId}-${d.localDate}` },
          ),
        ),
      );
    }
    return { organizations: due.length };
  },
);

/** MKT-402 for one organisation: its local date and the day before (late metrics), idempotent upserts. */
export const mkt402DailyAnalytics = inngest.createFunction(
  {
    id: "mkt-402-daily-analytics",
    name: "MKT-402: daily analytics of an organisation",
    triggers: [analyticsDayRequested],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 1 },
  },
  async ({ event, step }) => {
    const { organizationId, localDate } = event.data;
    const before = await step.run("compute-day-before", () => computeDailyAnalytics({ organizationId, date: addDays(localDate, -1) }));
    const day = await step.run("compute-day", () => computeDailyAnalytics({ organizationId, date: localDate }));
    await step.run("finish", () => finishDailyAnalytics({ organizationId, localDate, summary: { slices: day.slices, dayBefore: before.slices } }));
    await step.sendEvent(
      "computed",
      analyticsDayComputed.create({ organizationId, localDate, slices: day.slices }, { id: `analytics-day-computed-${organizationId}-${localDate}` }),
    );
    return { slices: day.slices };
  },
);

/**
 * MKT-402 backfill ("Recompute" on the Analytics page): one run per request, a step per local date
 * (at most 366), progress on the backfill row after each; a failure for good marks the row FAILED.
 */
export const mkt402Backfill = inngest.createFunction(
  {
    id: "mkt-402-backfill",
    name: "MKT-402: recompute a date range",
    triggers: [analyticsBackfillRequested],
    retries: 2,
    concurrency: { key: "event.data.organizationId", limit: 1 },
    onFailure: async ({ event, error, step }) => {
      const data = event.data.event.data as { organizationId: string; backfillId: string };
      await step.run("mark-failed", () => failAnalyticsBackfill({ organizationId: data.organizationId, backfillId: data.backfillId, message: error.message }));
    },
  },
  async ({ event, step }) => {
    const { organizationId, backfillId } = event.data;
    const backfill = await step.run("load", () => loadAnalyticsBackfill({ organizationId, backfillId }));
    if (!backfill || backfill.status !== "RUNNING") return { days: 0 };
    const dates = datesBetween(backfill.from, backfill.to);
    for (const [i, date] of dates.entries()) {
      await step.run(`day-${date}`, async () => {
        await computeDailyAnalytics({ organizationId, date });
        await markBackfillProgress({ backfillId, done: i + 1 });
      });
    }
    await step.run("finish", () => finishAnalyticsBackfill({ backfillId }));
    await step.sendEvent(
      "completed",
      analyticsBackfillCompleted.create({ organizationId, backfillId, days: dates.length }, { id: `analytics-backfill-completed-${backfillId}` }),
    );
    return { days: dates.length };
  },
);
