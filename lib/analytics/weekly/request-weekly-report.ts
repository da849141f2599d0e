import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { weeklyReportRequested } from "@/inngest/events";
import { db } from "@/lib/db/client";
import { localDate } from "@/lib/time/local-dates";
import { AppError, notFound } from "@/lib/errors";
import { isMonday, isoWeekOf, lastCompleteWeekStart } from "./schemas";

/**
 * "Generate now" (owners): MKT-403 for the last complete week (or `weekStart`, the Monday of a finished
 * week), through the ordinary event so it runs durably like the Monday one; `refresh` writes the figures
 * and text again.
 */
export async function requestWeeklyReport(opts: {
  organizationId: string;
  userId?: string;
  weekStart?: string;
  now?: Date;
}): Promise<{ weekStart: string; isoWeek: string; eventId: string }> {
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { timezone: true } });
  if (!org) throw notFound("organization");
  const latest = lastCompleteWeekStart(localDate(opts.now ?? new Date(), org.timezone));
  const weekStart = opts.weekStart ?? latest;
  if (!isMonday(weekStart) || weekStart > latest) throw new AppError("validation", "validation.weekStart", { field: "weekStart" });
  const eventId = `weekly-report-${opts.organizationId}-${weekStart}-now-${randomUUID()}`;
  await inngest.send(
    weeklyReportRequested.create(
      { organizationId: opts.organizationId, weekStart, refresh: true, ...(opts.userId ? { requestedById: opts.userId } : {}) },
      { id: eventId },
    ),
  );
  return { weekStart, isoWeek: isoWeekOf(weekStart), eventId };
}
