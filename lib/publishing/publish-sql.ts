import "server-only";
import { sqlPool } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { monotonicFactory } from "ulid";
import { pooledRandom } from "@/lib/runtime/ulid";
import { timelineEnglish, timelinePayload, timelineRow, type TimelineEntry, type TimelineMessage } from "./timeline";

/** Time-ordered ids (monotonic within this process). */
const ulid = monotonicFactory(pooledRandom);

/**
 * The statements of MKT-107's hot path (one publication going out), in SQL on the `pg` pool: on
 * this stack each Prisma call costs ~1-1.6 ms of CPU (its query compiler runs per call) against
 * ~0.1 ms here, and at 10,000 publications due in one minute that difference is the target
 * (ARCHITECTURE.md, "Publishing at volume"). Every statement is scoped to the organisation.
 * The rare paths (refused lease, failures, processing) stay in Prisma.
 */

export type LeasedPublication = {
  id: string;
  organizationId: string;
  platform: string;
  attempts: number;
  maxAttempts: number;
  platformPostId: string | null;
  platformPostUrl: string | null;
  socialAccountId: string;
  contentPieceId: string;
  idempotencyKey: string;
  revisionId: string | null;
  options: unknown;
};

/**
 * Take the publishing lease when the row is due, free and unposted: status UPLOADING, lockedUntil,
 * and the attempt counter moves with it, in one statement. Undefined when refused.
 */
export async function leaseDuePublication(o: { id: string; organizationId: string; expectedScheduledAt?: Date; now: Date; leaseMs: number }): Promise<LeasedPublication | undefined> {
  const { rows } = await sqlPool().query<LeasedPublication>(
    `UPDATE publications SET status = 'UPLOADING', "lockedUntil" = $4, attempts = attempts + 1, "nextAttemptAt" = NULL, "updatedAt" = $3
     WHERE id = $1 AND "organizationId" = $2 AND status IN ('SCHEDULED', 'UPLOADING') AND "platformPostId" IS NULL
       AND "scheduledAt" <= $3::timestamptz + interval '1 second' AND ($5::timestamptz IS NULL OR "scheduledAt" = $5)
       AND ("lockedUntil" IS NULL OR "lockedUntil" < $3)
     RETURNING id, "organizationId", platform::text AS platform, attempts, "maxAttempts", "platformPostId", "platformPostUrl",
       "socialAccountId", "contentPieceId", "idempotencyKey", "revisionId", options`,
    [o.id, o.organizationId, o.now, new Date(o.now.getTime() + o.leaseMs), o.expectedScheduledAt ?? null],
  );
  return rows[0];
}

/**
 * Extend the lease this caller holds: its lease is the one that counted attempt `attempts`, while the
 * row is still UPLOADING (an outcome, or the lease given back, ends it). Whether it was still held.
 */
export async function renewPublicationLease(o: { id: string; attempts: number; until: Date }): Promise<boolean> {
  const { rowCount } = await sqlPool().query(
    `UPDATE publications SET "lockedUntil" = $3 WHERE id = $1 AND attempts = $2 AND status = 'UPLOADING' AND "lockedUntil" IS NOT NULL`,
    [o.id, o.attempts, o.until],
  );
  return (rowCount ?? 0) > 0;
}

export type PublishingAccount = {
  id: string;
  organizationId: string;
  name: string;
  platform: Platform;
  externalId: string;
  metadata: Prisma.JsonValue;
  isSandbox: boolean;
  rateLimitedUntil: Date | null;
  tokenExpiresAt: Date | null;
};

/** The account a publication goes out on (what the connector context and the checks need). */
export async function loadPublishingAccount(id: string, organizationId: string): Promise<PublishingAccount | undefined> {
  const { rows } = await sqlPool().query<PublishingAccount>(
    `SELECT id, "organizationId", name, platform::text AS platform, "externalId", metadata, "isSandbox", "rateLimitedUntil", "tokenExpiresAt"
     FROM social_accounts WHERE id = $1 AND "organizationId" = $2`,
    [id, organizationId],
  );
  return rows[0];
}

/** Open attempt N on the ledger (RUNNING) with its timeline lines, in one statement; its id. */
export async function startAttempt(o: { pub: { id: string; organizationId: string }; attemptNumber: number; now: Date; runId: string | null; lines: TimelineEntry[] }): Promise<string> {
  const attemptId = ulid(o.now.getTime());
  const lines = o.lines.map(timelineRow);
  await sqlPool().query(
    `WITH attempt AS (
       INSERT INTO publication_attempts (id, "organizationId", "publicationId", "attemptNumber", status, "startedAt", "runId")
       VALUES ($1, $2, $3, $4, 'RUNNING', $5, $6) RETURNING id
     )
     INSERT INTO publication_events (id, "organizationId", "publicationId", "attemptId", level, status, message, payload, at)
     SELECT l.id, $2, $3, attempt.id, l.level::"EventLevel", l.status::"PublicationStatus", l.message, l.payload::jsonb, l.at::timestamptz
     FROM attempt, unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) WITH ORDINALITY AS l(id, level, status, message, payload, at, n)
     ORDER BY l.n`,
    [
      attemptId,
      o.pub.organizationId,
      o.pub.id,
      o.attemptNumber,
      o.now,
      o.runId,
      lines.map(() => ulid(o.now.getTime())),
      lines.map((l) => l.level ?? "INFO"),
      lines.map((l) => l.status ?? null),
      lines.map((l) => l.message),
      lines.map((l) => JSON.stringify(l.payload)),
      o.lines.map((l) => l.at.toISOString()),
    ],
  );
  return attemptId;
}

export type PublishRevision = {
  text: string;
  firstComment: string | null;
  platform: string;
  approved: boolean;
  superseded: boolean;
  linkUrl: string | null;
  format: string;
  media: { storageKey: string; kind: string; mimeType: string; sizeBytes: string | number; durationMs: number | null; altText: string | null }[];
};

/**
 * The network version a publication sends (issue 9): its exact text, first comment and media (in
 * the revision's order), whether a person approved it and whether a newer version replaced it, in
 * one statement. The piece gives only the link and the format.
 */
export async function loadPublishRevision(revisionId: string, organizationId: string): Promise<PublishRevision | undefined> {
  const { rows } = await sqlPool().query<PublishRevision>(
    `SELECT r.text, r."firstComment", r.platform::text AS platform, r."approvedAt" IS NOT NULL AS approved, r."supersededAt" IS NOT NULL AS superseded,
       p."linkUrl", p.format::text AS format,
       COALESCE((SELECT json_agg(json_build_object('storageKey', a."storageKey", 'kind', a.kind, 'mimeType', a."mimeType", 'sizeBytes', a."sizeBytes",
                                                   'durationMs', a."durationMs", 'altText', a."altText") ORDER BY m.n)
                 FROM unnest(r."mediaAssetIds") WITH ORDINALITY AS m(id, n) JOIN media_assets a ON a.id = m.id AND a."organizationId" = r."organizationId"), '[]'::json) AS media
     FROM content_revisions r JOIN content_pieces p ON p.id = COALESCE(r."sourcePieceId", r."contentPieceId")
     WHERE r.id = $1 AND r."organizationId" = $2`,
    [revisionId, organizationId],
  );
  return rows[0];
}

/**
 * POSTED, the attempt SUCCEEDED and the "Posted" timeline line (`line`, see timeline.ts), in one
 * statement. The line is only written when this call made the transition; false when the row was
 * already posted or cancelled. Content lifecycle (issue 9): in the same statement the piece (and the
 * master it was adapted from) becomes PUBLISHED with its first publish time, kept on later posts.
 */
export async function markPublicationPosted(o: { id: string; attemptId: string | null; remoteId: string; url: string | null; at: Date; line: TimelineMessage }): Promise<boolean> {
  const { rowCount } = await sqlPool().query(
    `WITH posted AS (
       UPDATE publications SET status = 'POSTED', "platformPostId" = $2, "platformPostUrl" = $3, "postedAt" = $4,
         "lockedUntil" = NULL, "nextAttemptAt" = NULL, "remoteContainerId" = NULL, "errorCode" = NULL, "errorMessage" = NULL, "updatedAt" = $4
       WHERE id = $1 AND status NOT IN ('POSTED', 'CANCELLED')
       RETURNING id, "organizationId"
     ), piece AS (
       UPDATE content_pieces c SET status = CASE WHEN c.status = 'ARCHIVED' THEN c.status ELSE 'PUBLISHED' END, "firstPublishedAt" = COALESCE(c."firstPublishedAt", $4), "updatedAt" = $4
       FROM posted JOIN publications p ON p.id = posted.id JOIN content_pieces own ON own.id = p."contentPieceId" AND own."organizationId" = posted."organizationId"
       WHERE c."organizationId" = posted."organizationId" AND c.id IN (own.id, own."parentId") AND (c.status <> 'PUBLISHED' OR c."firstPublishedAt" IS NULL)
     ), attempt AS (
       UPDATE publication_attempts SET status = 'SUCCEEDED', "finishedAt" = $4
       WHERE "publicationId" = $1 AND (id = $5::text OR ($5::text IS NULL AND status = 'RUNNING'))
     )
     INSERT INTO publication_events (id, "organizationId", "publicationId", "attemptId", level, status, message, payload, at)
     SELECT $6, posted."organizationId", posted.id, $5::text, 'INFO', 'POSTED', $7, $8::jsonb, $4 FROM posted`,
    [o.id, o.remoteId, o.url, o.at, o.attemptId, ulid(o.at.getTime()), timelineEnglish(o.line).slice(0, 2000), JSON.stringify(timelinePayload(o.line, { platformPostId: o.remoteId, url: o.url }))],
  );
  return (rowCount ?? 0) > 0;
}
