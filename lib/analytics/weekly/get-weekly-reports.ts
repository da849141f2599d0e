import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { addDays } from "@/lib/time/local-dates";
import type { WeeklyReportDto, WeeklyReportSummaryDto } from "./contracts";
import { isoWeekOf, weeklyReportSectionsSchema } from "./schemas";

const summarySelect = { id: true, weekStart: true, status: true, summary: true, sentAt: true, createdAt: true } as const;
type SummaryRow = { id: string; weekStart: Date; status: WeeklyReportSummaryDto["status"]; summary: string | null; sentAt: Date | null; createdAt: Date };

function toSummary(r: SummaryRow): WeeklyReportSummaryDto {
  const from = r.weekStart.toISOString().slice(0, 10);
  return {
    id: r.id,
    isoWeek: isoWeekOf(from),
    from,
    to: addDays(from, 6),
    status: r.status,
    summary: r.summary,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The organisation's weekly reports, newest week first (52 at most). */
export async function listWeeklyReports(opts: { organizationId: string }): Promise<WeeklyReportSummaryDto[]> {
  const rows = await db().weeklyReport.findMany({
    where: { organizationId: opts.organizationId },
    orderBy: { weekStart: "desc" },
    take: 52,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/** One report of the organisation (another organisation's: 404). Sections that do not read as a report (older rows) -> null. */
export async function getWeeklyReport(opts: { organizationId: string; reportId: string }): Promise<WeeklyReportDto> {
  const r = await db().weeklyReport.findFirst({
    where: { id: opts.reportId, organizationId: opts.organizationId },
    select: { ...summarySelect, sections: true, recipients: true, model: true },
  });
  if (!r) throw notFound("report");
  const sections = weeklyReportSectionsSchema.safeParse(r.sections);
  return { ...toSummary(r), sections: sections.success ? sections.data : null, recipients: r.recipients, model: r.model };
}
