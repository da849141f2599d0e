import { describeTimelineError } from "./publication-error";
import { readTimelineMessage } from "./timeline";
import type { PublicationDto, PublicationEventDto } from "@/lib/publishing/contracts";
export type { PublicationDto, PublicationEventDto };

export const publicationEventSelect = { id: true, at: true, level: true, status: true, message: true, payload: true, attemptId: true } as const;

export const publicationDtoSelect = {
  id: true, platform: true, status: true, scheduledAt: true, timezone: true, postedAt: true, platformPostUrl: true, errorMessage: true,
  attempts: true, maxAttempts: true, rrule: true, recurrenceParentId: true,
  socialAccount: { select: { id: true, name: true, isSandbox: true } },
  contentPiece: { select: { id: true, title: true, body: true } },
} as const;

type Row = {
  id: string; platform: string; status: string; scheduledAt: Date; timezone: string; postedAt: Date | null; platformPostUrl: string | null; errorMessage: string | null;
  attempts: number; maxAttempts: number; rrule: string | null; recurrenceParentId: string | null;
  socialAccount: { id: string; name: string; isSandbox: boolean };
  contentPiece: { id: string; title: string | null; body: string };
};

export const toPublicationDto = (r: Row): PublicationDto => ({
  id: r.id,
  platform: r.platform,
  status: r.status,
  scheduledAt: r.scheduledAt.toISOString(),
  timezone: r.timezone,
  postedAt: r.postedAt?.toISOString() ?? null,
  platformPostUrl: r.platformPostUrl,
  errorMessage: r.errorMessage,
  attempts: r.attempts,
  maxAttempts: r.maxAttempts,
  recurring: !!(r.rrule || r.recurrenceParentId),
  projected: false,
  account: r.socialAccount,
  piece: { id: r.contentPiece.id, title: r.contentPiece.title, excerpt: r.contentPiece.body.slice(0, 140) },
});

export const toEventDto = (e: { id: string; at: Date; level: string; status: string | null; message: string; payload: unknown; attemptId: string | null }): PublicationEventDto => {
  const msg = readTimelineMessage(e.payload);
  return { id: e.id, at: e.at.toISOString(), level: e.level, status: e.status, message: e.message, key: msg?.key ?? null, values: msg?.values ?? null, error: describeTimelineError(msg, e.payload), attemptId: e.attemptId };
};
