import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";

/** Publications of the organisation scheduled in [from, to) for the calendar (week / month). */
export async function getCalendar(opts: { organizationId: string; from?: Date; to?: Date; platform?: Platform }): Promise<{ publications: PublicationDto[] }> {
  const from = opts.from ?? new Date(Date.now() - 7 * 86_400_000);
  const to = opts.to ?? new Date(from.getTime() + 42 * 86_400_000);
  const rows = await db().publication.findMany({
    where: { organizationId: opts.organizationId, scheduledAt: { gte: from, lt: to }, ...(opts.platform ? { platform: opts.platform } : {}) },
    orderBy: { scheduledAt: "asc" },
    select: publicationDtoSelect,
    take: 2000,
  });
  return { publications: rows.map(toPublicationDto) };
}
