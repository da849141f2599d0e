import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { publicationDtoSelect, publicationEventSelect, toEventDto, toPublicationDto, type PublicationDto, type PublicationEventDto } from "./dto";
import type { PublicationAttemptDto } from "@/lib/publishing/contracts";
export type { PublicationAttemptDto };

/** One publication with its whole timeline (events) and attempt ledger. Another org's id -> 404. */
export async function getPublicationTimeline(opts: { organizationId: string; publicationId: string }): Promise<{ publication: PublicationDto; events: PublicationEventDto[]; attempts: PublicationAttemptDto[] }> {
  const row = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId },
    select: {
      ...publicationDtoSelect,
      events: { orderBy: [{ at: "asc" }, { id: "asc" }], select: publicationEventSelect, take: 500 },
      attemptRuns: { orderBy: { attemptNumber: "asc" }, select: { id: true, attemptNumber: true, status: true, startedAt: true, finishedAt: true, httpStatus: true, errorCode: true, errorMessage: true, retryable: true } },
    },
  });
  if (!row) throw notFound("publication");
  return {
    publication: toPublicationDto(row),
    events: row.events.map(toEventDto),
    attempts: row.attemptRuns.map((a) => ({ ...a, startedAt: a.startedAt.toISOString(), finishedAt: a.finishedAt?.toISOString() ?? null })),
  };
}
