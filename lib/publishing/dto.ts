import { readTimelineMessage } from "./timeline";

/** What the calendar, the queue and the API return about publications (never raw rows). */
export type PublicationDto = {
  id: string;
  platform: string;
  status: string;
  scheduledAt: string;
  timezone: string;
  postedAt: string | null;
  platformPostUrl: string | null;
  errorMessage: string | null;
  attempts: number;
  maxAttempts: number;
  recurring: boolean;
  account: { id: string; name: string; isSandbox: boolean };
  piece: { id: string; title: string | null; excerpt: string };
};

/**
 * A timeline line. `message` is English; `key` and `values` (payload._msg, see timeline.ts) are what
 * the UI translates with `publishing.timeline.<key>`; null for lines written before keys.
 */
export type PublicationEventDto = {
  id: string;
  at: string;
  level: string;
  status: string | null;
  message: string;
  key: string | null;
  values: Record<string, string | number> | null;
  attemptId: string | null;
};

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
  account: r.socialAccount,
  piece: { id: r.contentPiece.id, title: r.contentPiece.title, excerpt: r.contentPiece.body.slice(0, 140) },
});

export const toEventDto = (e: { id: string; at: Date; level: string; status: string | null; message: string; payload: unknown; attemptId: string | null }): PublicationEventDto => {
  const msg = readTimelineMessage(e.payload);
  return { id: e.id, at: e.at.toISOString(), level: e.level, status: e.status, message: e.message, key: msg?.key ?? null, values: msg?.values ?? null, attemptId: e.attemptId };
};
