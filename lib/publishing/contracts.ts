import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { calendarQuerySchema, cancelSchema, queueQuerySchema, rescheduleSchema, retrySchema } from "./schemas";

/** MKT-107 publishing: calendar, queue, reschedule, cancel, timeline (endpoints and DTOs). */

/** What the calendar, the queue and the API return about publications (never raw rows). */
export const publicationDto = z
  .object({
    id: z.string(),
    platform: z.string(),
    status: z.string(),
    scheduledAt: isoDateTime(),
    timezone: z.string(),
    postedAt: isoDateTime().nullable(),
    platformPostUrl: z.string().nullable(),
    errorMessage: z.string().nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    recurring: z.boolean(),
    /** A later occurrence of a recurring series shown by the calendar before it is materialised (not movable yet). */
    projected: z.boolean(),
    account: z.object({ id: z.string(), name: z.string(), isSandbox: z.boolean() }),
    piece: z.object({ id: z.string(), title: z.string().nullable(), excerpt: z.string() }),
  })
  .meta({ id: "Publication" });
export type PublicationDto = z.infer<typeof publicationDto>;

/**
 * A timeline line. `message` is English; `key` and `values` (payload._msg, see timeline.ts) are what
 * the UI translates with `publishing.timeline.<key>`; null for lines written before keys.
 */
export const publicationEventDto = z
  .object({
    id: z.string(),
    at: isoDateTime(),
    level: z.string(),
    status: z.string().nullable(),
    message: z.string(),
    key: z.string().nullable(),
    values: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    /**
     * Lines carrying the platform's own words (attempt failed, failed, rate limited…): why, as a
     * `publishing.errors.<key>` catalogue line (lib/publishing/publication-error.ts), shown in place of
     * those words; null for other lines.
     */
    error: z.object({ key: z.string(), values: z.object({ max: z.number().optional() }) }).nullable(),
    attemptId: z.string().nullable(),
  })
  .meta({ id: "PublicationEvent" });
export type PublicationEventDto = z.infer<typeof publicationEventDto>;

export const queueItemDto = publicationDto.extend({ events: z.array(publicationEventDto) }).meta({ id: "QueueItem" });
export type QueueItemDto = z.infer<typeof queueItemDto>;

export const publicationAttemptDto = z
  .object({
    id: z.string(),
    attemptNumber: z.number().int(),
    status: z.string(),
    startedAt: isoDateTime(),
    finishedAt: isoDateTime().nullable(),
    httpStatus: z.number().int().nullable(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    retryable: z.boolean().nullable(),
  })
  .meta({ id: "PublicationAttempt" });
export type PublicationAttemptDto = z.infer<typeof publicationAttemptDto>;

const tag = "Publishing";

export const getCalendarEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/publications",
  tag,
  access: "org",
  summary: "Calendar: publications scheduled between from and to (at most 62 days; default: last 7 days to +35 days)",
  query: calendarQuerySchema,
  response: z.object({ publications: z.array(publicationDto) }),
});

export const listPublishQueueEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/publications/queue",
  tag,
  access: "org",
  summary: "The publish queue: in flight publications, failures of the last 7 days, last 24 h and next 7 days, with their events",
  query: queueQuerySchema,
  response: z.object({ items: z.array(queueItemDto) }),
});

export const reschedulePublicationEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/publications/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Reschedule a publication that has not started (409 once it is publishing or done)",
  body: rescheduleSchema,
  response: z.object({ publication: publicationDto }),
});

export const cancelPublicationEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/publications/{id}/cancel",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Cancel a publication that has not started ({series: true} also cancels the future occurrences)",
  body: cancelSchema,
  response: z.object({ publication: publicationDto }),
});

export const retryPublicationEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/publications/{id}/retry",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Retry a FAILED publication now through MKT-107 (same approved version, same idempotency key); 409 when it is not FAILED (a second click included)",
  body: retrySchema,
  response: z.object({ publication: publicationDto }),
});

export const getPublicationTimelineEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/publications/{id}/timeline",
  tag,
  access: "org",
  summary: "One publication's timeline (Scheduled, Uploading, Processing, Posted or Failed) and attempts",
  response: z.object({ publication: publicationDto, events: z.array(publicationEventDto), attempts: z.array(publicationAttemptDto) }),
});
