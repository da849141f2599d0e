import type { Prisma } from "@/lib/db/client";
import type { EventLevel, PublicationStatus } from "@/lib/db/generated/enums";
import { displayValues, isDateValue, readStoredValues } from "@/lib/i18n/values";

/**
 * The lines of a publication's timeline, as message keys. Each line is stored twice from the same
 * values: its English `message` (API consumers, logs and tests read it) and, in its JSON `payload`,
 *
 *   payload._msg = { key: "uploading", values: { platform: "linkedin", attempt: 1, max: 8 } }
 *
 * which the UI translates with `publishing.timeline.<key>` (messages/<locale>/publishing.json, values as
 * in lib/i18n/values.ts),
 * falling back to `message` for a key it does not know (rows written before keys, demo data).
 * Values are strings or numbers. A value named `at` or ending in `At` is an ISO 8601 instant: the UI
 * turns it into a Date for ICU's `{retryAt, date, medium}` / `{retryAt, time, short}`. `platform` is
 * a platform key ("linkedin"), shown with its display name. This file has only type imports: the
 * browser bundle uses it too.
 */
type None = Record<string, never>;
type Platform = { platform: string };

const TIMELINE_EN = {
  scheduled: (v: { at: string }) => `Scheduled for ${v.at}`,
  scheduledRecurring: (v: { at: string }) => `Scheduled for ${v.at} (recurring)`,
  rescheduled: (v: { fromAt: string; toAt: string }) => `Rescheduled from ${v.fromAt} to ${v.toAt}`,
  cancelled: (_: None) => "Cancelled",
  /** "Retry" on a FAILED publication: a person sent it back to MKT-107 (retry-publication.ts). */
  retried: (v: Platform) => `Retry requested: publishing again on ${v.platform}`,
  /** The brand's auto-approve setting (an owner's choice) approved this version, not a person. */
  autoApproved: (_: None) => "Approved automatically: the brand's auto-approve setting is on (set by an owner)",
  /** An owner or admin wrote this post in the composer: their own text, approved by them. */
  selfApproved: (_: None) => "Approved by its author (an owner or admin publishing their own text)",
  /** MKT-107 refused it: its network version was never approved, or was replaced after approval. */
  notApproved: (_: Platform) => "Not published: nobody approved this exact version (it was never approved, or it changed after approval)",
  sweptUp: (_: None) => "Picked up by the 15-minute sweep (its scheduled run did not publish it)",
  missedWindow: (_: None) => "Missed its publishing window by more than 24 hours",
  tokenRefreshed: (_: None) => "Access token refreshed before publishing (it expired within 5 minutes)",
  /** The account's recorded rate limit: the platform is not called until the reset. */
  accountRateLimited: (v: Platform & { retryAt: string }) => `Rate limited by ${v.platform}: waiting until ${v.retryAt}`,
  interrupted: (_: None) => "A previous attempt was interrupted; retrying with the same idempotency key",
  uploading: (v: Platform & { attempt: number; max: number }) => `Uploading to ${v.platform} (attempt ${v.attempt} of ${v.max})`,
  processing: (v: Platform) => `Processing on ${v.platform}`,
  posted: (v: Platform) => `Posted on ${v.platform}`,
  /** The platform's post id was already stored (the status write had been lost). */
  postedRecovered: (v: Platform) => `Posted on ${v.platform} (recovered from the ledger)`,
  /** `message`: the platform's (or the workflow's) own words, not translatable. */
  failed: (v: Platform & { message: string }) => v.message,
  failedGaveUp: (v: Platform & { message: string; attempts: number }) => `${v.message} (gave up after ${v.attempts} attempts)`,
  accountMissing: (_: Platform) => "The social account of this publication no longer exists",
  /** `message`: the workflow's wording (errorCode processing_timeout); the translation says it. */
  processingTimeout: (v: Platform & { message: string }) => v.message,
  /** MKT-107 ran out of attempts (its onFailure handler); `error`: the last error's message. */
  workflowGaveUp: (v: Platform & { error: string }) => `Publishing workflow gave up: ${v.error}`,
  /** A retriable failure: the next attempt is scheduled. */
  attemptFailed: (v: Platform & { attempt: number; message: string; retryAt: string }) =>
    `Attempt ${v.attempt} failed: ${v.message}. Next attempt at ${v.retryAt}`,
  /** The platform answered "rate limited": the next attempt waits for its reset. */
  rateLimited: (v: Platform & { message: string; retryAt: string }) => `Rate limited: ${v.message}. Waiting for the reset at ${v.retryAt}`,
} satisfies Record<string, (values: never) => string>;

export type TimelineKey = keyof typeof TIMELINE_EN;

/**
 * The lines that carry the platform's own words (`values.message`, or `values.error` for
 * workflowGaveUp) and which value holds them: the UI puts a `publishing.errors` line in their place
 * (lib/publishing/publication-error.ts `describeTimelineError`) and keeps the words for support.
 */
export const TIMELINE_RAW_VALUE: Partial<Record<string, "message" | "error">> = {
  failed: "message",
  failedGaveUp: "message",
  attemptFailed: "message",
  rateLimited: "message",
  workflowGaveUp: "error",
};

export type TimelineValues<K extends TimelineKey> = Parameters<(typeof TIMELINE_EN)[K]>[0];
/** A timeline line's text: its key and the values both the English and the translations use. */
export type TimelineMessage = { [K in TimelineKey]: { key: K; values: TimelineValues<K> } }[TimelineKey];
export const TIMELINE_KEYS = Object.keys(TIMELINE_EN) as TimelineKey[];

/** The English line (the `message` column) of a key and its values. */
export const timelineEnglish = (m: TimelineMessage): string => (TIMELINE_EN[m.key] as (values: TimelineMessage["values"]) => string)(m.values);

/** The payload of a line: its own data plus `_msg` (see above); string values capped like `message`. */
export const timelinePayload = (m: TimelineMessage, payload: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...payload,
  _msg: { key: m.key, values: Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 2000) : v])) },
});

/** One timeline line of a publication (the War Room queue reads these). */
export type TimelineEntry = {
  organizationId: string;
  publicationId: string;
  attemptId?: string | null;
  level?: EventLevel;
  status?: PublicationStatus | null;
  payload?: Record<string, unknown>;
  at: Date;
} & TimelineMessage;

export const timelineRow = (e: TimelineEntry): Prisma.PublicationEventCreateManyInput => ({
  organizationId: e.organizationId,
  publicationId: e.publicationId,
  attemptId: e.attemptId ?? null,
  level: e.level ?? "INFO",
  status: e.status ?? null,
  message: timelineEnglish(e).slice(0, 2000),
  payload: timelinePayload(e, e.payload) as object,
  at: e.at,
});

export type StoredTimelineMessage = { key: string; values: Record<string, string | number> };

/** `payload._msg` of a stored line, read field by field; null when absent (older rows) or malformed. */
export function readTimelineMessage(payload: unknown): StoredTimelineMessage | null {
  const msg = payload && typeof payload === "object" ? (payload as { _msg?: unknown })._msg : undefined;
  if (!msg || typeof msg !== "object") return null;
  const { key, values } = msg as { key?: unknown; values?: unknown };
  if (typeof key !== "string" || !key) return null;
  return { key, values: readStoredValues(values) };
}

/** A value holding an ISO instant, and values ready for the translated line (lib/i18n/values.ts). */
export const isTimelineDateValue = isDateValue;
export const timelineDisplayValues = displayValues;
