import "server-only";
import { db } from "@/lib/db/client";
import { agentNotInactive } from "@/lib/agents/active-filter";
import { localDate } from "@/lib/time/local-dates";
import { claimDueRuns } from "@/lib/jobs/daily-claims";
import { lastCompleteWeekStart } from "./schemas";
import { dueWeeklyReport } from "./schedule";

/**
 * The organisations whose Monday 08:00 has come (`dueWeeklyReport`), each claimed once per reported
 * week (`ad_daily_runs`, job "mkt-403", localDate = that week's Monday), leaving out those whose MKT-403
 * agent is off: a second tick claims nothing, a replay of the same step (`runKey`) returns what it
 * claimed (`claimDueRuns`).
 */
export async function claimWeeklyReports(opts: { runKey: string; now?: Date; organizationIds?: string[] }): Promise<{ organizationId: string; weekStart: string }[]> {
  const now = opts.now ?? new Date();
  const orgs = await db().organization.findMany({
    where: { ...(opts.organizationIds ? { id: { in: opts.organizationIds } } : {}), ...agentNotInactive("MKT-403") },
    select: { id: true, timezone: true },
  });
  const due = orgs.flatMap((o) => {
    const weekStart = dueWeeklyReport(now, o.timezone);
    return weekStart ? [{ organizationId: o.id, localDate: weekStart }] : [];
  });
  const claimed = await claimDueRuns({ job: "mkt-403", due, runKey: opts.runKey, now });
  return claimed.map((c) => ({ organizationId: c.organizationId, weekStart: c.localDate }));
}

/** The Monday of an organisation's last complete week, in its time zone ("Run now"). */
export async function lastWeekOf(opts: { organizationId: string; now?: Date }): Promise<string> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { timezone: true } });
  return lastCompleteWeekStart(localDate(opts.now ?? new Date(), org.timezone));
}
