import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { publicationDtoSelect, toPublicationDto, type PublicationDto } from "./dto";

/** Publications of the organisation scheduled in [from, to) for the calendar (week / month). */
export async function getCalendar(opts: { organizationId: string; from: Date; to: Date; platform?: Platform }): Promise<{ publications: PublicationDto[] }> {
  const rows = await db().publication.findMany({
    where: { organizationId: opts.organizationId, scheduledAt: { gte: opts.from, lt: opts.to }, ...(opts.platform ? { platform: opts.platform } : {}) },
    orderBy: { scheduledAt: "asc" },
    select: publicationDtoSelect,
    take: 2000,
  });
  return { publications: rows.map(toPublicationDto) };
}
