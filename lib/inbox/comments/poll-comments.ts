import "server-only";
import { connectors, type ConnectorRegistry } from "@/lib/connectors/registry";
import { isConnectorError } from "@/lib/connectors/errors";
import { platformKeyOf, type PlatformConnector, type RemoteComment } from "@/lib/connectors/types";
import { db, Prisma } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { childLogger } from "@/lib/log";
import { storeInboundComment, type InboxAccount } from "../receive-inbox-event";
import { connectorContextFor } from "@/lib/oauth/tokens";

/**
 * Comment polling (seed 003, feature 2.1): every 5 minutes, each POSTED publication younger than 7 days
 * on a network with comments is asked for the comments after its cursor (`publications.commentCursor`,
 * the network's own cursor); new ones go through the inbox's storing path (`storeInboundComment`, as
 * webhook comments: stored once per account and platform comment id, in the commenter's conversation,
 * announced on the live stream) and are handed to the inbox triage (`inbox/comment.received`). On day 7 the
 * publication's `nextCommentCheckAt` is cleared and it is never polled again.
 */
export const COMMENT_POLL_EVERY_MS = 5 * 60_000;
export const COMMENT_POLL_DAYS = 7;
const POLL_WINDOW_MS = COMMENT_POLL_DAYS * 86_400_000;
/** Networks whose connector reads comments (capabilities.comments). */
export const COMMENT_PLATFORMS: Platform[] = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "X"];
/** Pages of one post read per poll (a burst beyond is read at the next poll, the cursor kept). */
const MAX_PAGES = 5;
/** Publications claimed per tick. */
const MAX_PER_TICK = 500;

export type ClaimedPoll = { publicationId: string; organizationId: string };
export type NewComment = { commentId: string; organizationId: string; platform: Platform };
export type PollOutcome = { publicationId: string; newComments: NewComment[]; stopped?: boolean; failed?: string };

/**
 * Publications due for a poll, claimed by moving their next check 5 minutes on (one statement, so two
 * ticks never claim the same row), oldest check first. Publications past day 7 are stopped first.
 * `force`: "check now" for one organisation, whatever the next check says.
 */
export async function claimDueCommentPolls(opts: { now?: Date; organizationId?: string; force?: boolean } = {}): Promise<{ claimedAt: string; polls: ClaimedPoll[] }> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - POLL_WINDOW_MS);
  await db().publication.updateMany({
    where: { nextCommentCheckAt: { not: null }, postedAt: { lte: cutoff }, ...(opts.organizationId ? { organizationId: opts.organizationId } : {}) },
    data: { nextCommentCheckAt: null },
  });
  const next = new Date(now.getTime() + COMMENT_POLL_EVERY_MS);
  const org = opts.organizationId ? Prisma.sql`AND p."organizationId" = ${opts.organizationId}` : Prisma.empty;
  const due = opts.force ? Prisma.empty : Prisma.sql`AND (p."nextCommentCheckAt" IS NULL OR p."nextCommentCheckAt" <= ${now})`;
  const rows = await db().$queryRaw<{ id: string; organizationId: string }[]>`
    UPDATE publications SET "nextCommentCheckAt" = ${next}, "commentPollStopAt" = COALESCE("commentPollStopAt", "postedAt" + interval '7 days')
    WHERE id IN (
      SELECT p.id FROM publications p JOIN social_accounts a ON a.id = p."socialAccountId"
      WHERE p.status = 'POSTED' AND p."platformPostId" IS NOT NULL
        AND p.platform::text IN (${Prisma.join(COMMENT_PLATFORMS)})
        AND p."postedAt" > ${cutoff} AND p."postedAt" <= ${now}
        AND a.status = 'ACTIVE' AND (a."rateLimitedUntil" IS NULL OR a."rateLimitedUntil" <= ${now})
        ${org} ${due}
      ORDER BY p."nextCommentCheckAt" ASC NULLS FIRST, p.id
      LIMIT ${MAX_PER_TICK}
      FOR UPDATE OF p SKIP LOCKED
    )
    RETURNING id, "organizationId"`;
  return { claimedAt: now.toISOString(), polls: rows.map((r) => ({ publicationId: r.id, organizationId: r.organizationId })) };
}

/**
 * One poll of one publication: the connector's comments after the stored cursor, page by page, each
 * stored once (`storeInboundComment`: its conversation, `inbox.updated` and `comment.received` live
 * events), then the cursor.
 * Returns the comments this claim stored (`since` = the claim's time), so a retried step that had
 * already committed still hands them on (the events' ids deduplicate).
 */
export async function pollPublicationComments(opts: { organizationId: string; publicationId: string; since: Date; now?: Date; registry?: ConnectorRegistry }): Promise<PollOutcome> {
  const now = opts.now ?? new Date();
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId },
    select: { id: true, platform: true, platformPostId: true, postedAt: true, commentCursor: true, socialAccountId: true, socialAccount: { select: { platform: true, isSandbox: true, externalId: true, name: true } } },
  });
  if (!pub?.platformPostId || !pub.postedAt) return { publicationId: opts.publicationId, newComments: [] };
  if (now.getTime() >= pub.postedAt.getTime() + POLL_WINDOW_MS) {
    await db().publication.update({ where: { id: pub.id }, data: { nextCommentCheckAt: null } });
    return { publicationId: pub.id, newComments: [], stopped: true };
  }
  const registry = opts.registry ?? connectors;
  const connector = registry.forAccount({ platform: platformKeyOf(pub.socialAccount.platform), isSandbox: pub.socialAccount.isSandbox }) as PlatformConnector;
  let cursor = pub.commentCursor;
  const fetched: RemoteComment[] = [];
  try {
    const ctx = await connectorContextFor(pub.socialAccountId, opts.organizationId);
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await connector.listNewComments(ctx, pub.platformPostId, cursor);
      fetched.push(...res.comments);
      const moved = res.nextCursor !== null && res.nextCursor !== cursor;
      if (res.nextCursor !== null) cursor = res.nextCursor;
      if (res.comments.length === 0 || !moved) break;
    }
  } catch (err) {
    if (!isConnectorError(err)) throw err;
    childLogger({ module: "inb-002", organizationId: opts.organizationId }).warn({ err, publicationId: pub.id }, "comment polling failed for a publication");
    await db().publication.update({ where: { id: pub.id }, data: { lastCommentCheckAt: now } });
    return { publicationId: pub.id, newComments: [], failed: `${err.kind}: ${err.message}` };
  }
  await storeComments({ organizationId: opts.organizationId, publication: pub, comments: fetched, cursor, now });
  const stored = await db().comment.findMany({
    where: { organizationId: opts.organizationId, publicationId: pub.id, isOwn: false, createdAt: { gte: opts.since } },
    orderBy: [{ postedAt: "asc" }, { id: "asc" }],
    select: { id: true, platform: true },
  });
  return { publicationId: pub.id, newComments: stored.map((c) => ({ commentId: c.id, organizationId: opts.organizationId, platform: c.platform })) };
}

/**
 * The fetched comments through the inbox's one storing path (`storeInboundComment`, as webhook comments):
 * each stored once whoever saw it first, in its commenter's conversation, with its live events; parents
 * before their replies so a thread fetched in one batch is linked. Then the cursor moves (a crash before
 * that re-reads the same comments next time, which store nothing).
 */
async function storeComments(opts: {
  organizationId: string;
  publication: { id: string; platform: Platform; platformPostId: string | null; socialAccountId: string; socialAccount: { externalId: string; isSandbox: boolean } };
  comments: RemoteComment[];
  cursor: string | null;
  now: Date;
}): Promise<void> {
  const { publication: pub, now } = opts;
  const account: InboxAccount = { id: pub.socialAccountId, organizationId: opts.organizationId, platform: pub.platform, externalId: pub.socialAccount.externalId, isSandbox: pub.socialAccount.isSandbox };
  for (const c of parentsFirst(opts.comments)) {
    // The post is this publication's whatever id shape the network's comment carries.
    await storeInboundComment({ account, comment: { ...c, postId: pub.platformPostId! }, publicationId: pub.id, receivedAt: now, announce: false });
  }
  await db().publication.update({ where: { id: pub.id }, data: { commentCursor: opts.cursor, lastCommentCheckAt: now } });
}

/** Distinct comments (first seen wins), each parent in the batch before its replies, otherwise in the network's order. */
export function parentsFirst(comments: RemoteComment[]): RemoteComment[] {
  const byId = new Map<string, RemoteComment>();
  for (const c of comments) if (!byId.has(c.id)) byId.set(c.id, c);
  const out: RemoteComment[] = [];
  const placed = new Set<string>();
  const place = (c: RemoteComment, depth: number) => {
    if (placed.has(c.id)) return;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    if (parent && depth < 50) place(parent, depth + 1);
    placed.add(c.id);
    out.push(c);
  };
  for (const c of byId.values()) place(c, 0);
  return out;
}

/** Every claimed publication of one organisation, one after the other (a failing one is reported, the others still polled). */
export async function pollOrganizationComments(opts: { organizationId: string; publicationIds: string[]; since: Date; now?: Date; registry?: ConnectorRegistry }): Promise<PollOutcome[]> {
  const out: PollOutcome[] = [];
  for (const publicationId of opts.publicationIds) out.push(await pollPublicationComments({ ...opts, publicationId }));
  return out;
}
