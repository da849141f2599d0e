import "server-only";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";
import { expandRecurrence } from "./recurrence";

/**
 * Publications of the organisation scheduled in [from, to) for the calendar (week / month), filtered
 * by network and account. Recurring series are only materialised 30 days ahead (expand-recurrence.ts):
 * their later occurrences in the range are added as `projected` entries (not rows yet, so not
 * movable), so a weekly post shows every week of any month.
 */
export async function getCalendar(opts: { organizationId: string; from?: Date; to?: Date; platform?: Platform; accountId?: string }): Promise<{ publications: PublicationDto[] }> {
  const from = opts.from ?? new Date(Date.now() - 7 * 86_400_000);
  const to = opts.to ?? new Date(from.getTime() + 42 * 86_400_000);
  const filters = { organizationId: opts.organizationId, ...(opts.platform ? { platform: opts.platform } : {}), ...(opts.accountId ? { socialAccountId: opts.accountId } : {}) };
  const rows = await db().publication.findMany({
    where: { ...filters, scheduledAt: { gte: from, lt: to } },
    orderBy: { scheduledAt: "asc" },
    select: publicationDtoSelect,
    take: 2000,
  });
  const publications = rows.map(toPublicationDto);
  const series = await db().publication.findMany({
    where: { ...filters, rrule: { not: null }, recurrenceParentId: null, status: { not: "CANCELLED" }, scheduledAt: { lt: to } },
    select: publicationDtoSelect,
    take: 200,
  });
  for (const s of series) {
    const last = await db().publication.findFirst({ where: { organizationId: opts.organizationId, recurrenceParentId: s.id }, orderBy: { scheduledAt: "desc" }, select: { scheduledAt: true } });
    const after = new Date(Math.max(from.getTime() - 1, s.scheduledAt.getTime(), last?.scheduledAt.getTime() ?? 0));
    for (const at of expandRecurrence({ rrule: s.rrule!, start: s.scheduledAt, timezone: s.timezone, after, until: new Date(to.getTime() - 1), max: 100 })) {
      publications.push({ ...toPublicationDto(s), id: `${s.id}@${at.toISOString()}`, status: "SCHEDULED", scheduledAt: at.toISOString(), postedAt: null, platformPostUrl: null, errorMessage: null, attempts: 0, projected: true });
    }
  }
  publications.sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  return { publications };
}
