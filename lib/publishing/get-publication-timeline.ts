import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publicationDtoSelect, publicationEventSelect, toEventDto, toPublicationDto, type PublicationDto, type PublicationEventDto } from "./dto";

export type PublicationAttemptDto = { id: string; attemptNumber: number; status: string; startedAt: string; finishedAt: string | null; httpStatus: number | null; errorCode: string | null; errorMessage: string | null; retryable: boolean | null };

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
  if (!row) throw new AppError("not_found", "Publication not found");
  return {
    publication: toPublicationDto(row),
    events: row.events.map(toEventDto),
    attempts: row.attemptRuns.map((a) => ({ ...a, startedAt: a.startedAt.toISOString(), finishedAt: a.finishedAt?.toISOString() ?? null })),
  };
}
