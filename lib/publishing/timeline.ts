import type { Prisma } from "@/lib/db/client";
import type { EventLevel, PublicationStatus } from "@/lib/db/generated/enums";

/** One timeline line of a publication (the War Room queue reads these). */
export type TimelineEntry = {
  organizationId: string;
  publicationId: string;
  attemptId?: string | null;
  level?: EventLevel;
  status?: PublicationStatus | null;
  message: string;
  payload?: Record<string, unknown>;
  at: Date;
};

export const timelineRow = (e: TimelineEntry): Prisma.PublicationEventCreateManyInput => ({
  organizationId: e.organizationId,
  publicationId: e.publicationId,
  attemptId: e.attemptId ?? null,
  level: e.level ?? "INFO",
  status: e.status ?? null,
  message: e.message.slice(0, 2000),
  payload: (e.payload ?? {}) as object,
  at: e.at,
});
