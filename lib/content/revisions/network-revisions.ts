import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { nextPublishingSlot } from "@/lib/content/adaptation/schedule-adapted-publications";
import { fitToPlatform, PUBLISHING_PLATFORMS, rulesFor } from "@/lib/content/platform-rules";
import { notFound } from "@/lib/errors";

type Tx = Prisma.TransactionClient;

/**
 * The network versions of a piece (issue 9): one ContentRevision per network, written when approval
 * is requested (after MKT-106 adapted the piece to the brand's other networks), so the approver reads
 * exactly the text, media, first comment and time that each network will receive. A person's edit
 * is a new revision of that network (editRevision); approving stamps the request's current revisions
 * (decideApproval); MKT-107 publishes only an approved revision that nothing has replaced.
 */
export type RevisionDto = {
  id: string;
  platform: Platform;
  number: number;
  text: string;
  firstComment: string | null;
  mediaAssetIds: string[];
  scheduledAt: Date;
  author: string;
  approvedAt: Date | null;
};

/** The next number of a (piece, network) revision: 1, 2, … */
async function nextRevisionNumber(tx: Tx, contentPieceId: string, platform: Platform): Promise<number> {
  const last = await tx.contentRevision.findFirst({ where: { contentPieceId, platform }, orderBy: { number: "desc" }, select: { number: true } });
  return (last?.number ?? 0) + 1;
}

const revisionSelect = { id: true, platform: true, number: true, text: true, firstComment: true, mediaAssetIds: true, scheduledAt: true, author: true, approvedAt: true } as const;

/**
 * Revision 1 (or the next number) of every network the piece goes to: its own platform and each of
 * its variants' (MKT-106), text fitted to the platform-rules table, the network piece's media in
 * order, at the piece's target time when still ahead, else the next publishing slot. Older current
 * revisions of the piece are superseded. Inside the transaction that creates the request.
 */
/** A network version written by a person (the composer): sent as is, never refitted. */
export type ExplicitVersion = { platform: Platform; text: string; firstComment?: string | null; mediaAssetIds: string[]; scheduledAt: Date; createdById: string | null };

/**
 * The media a network version sends: the piece's post media; on a network that publishes no
 * text-only posts (TikTok), a script's cover when it has nothing else (its photo post is the cover).
 */
function versionMedia(platform: Platform, media: { assetId: string; role: string }[]): string[] {
  const own = media.filter((m) => m.role === "media");
  return (own.length > 0 || rulesFor(platform).media.textOnly ? own : media.filter((m) => m.role === "cover")).map((m) => m.assetId);
}

export async function createRequestRevisions(
  tx: Tx,
  o: { organizationId: string; contentPieceId: string; approvalRequestId: string; now: Date; autoApproved: boolean; versions?: ExplicitVersion[] },
): Promise<RevisionDto[]> {
  if (o.versions) return createExplicitRevisions(tx, { ...o, versions: o.versions });
  const piece = await tx.contentPiece.findFirst({
    where: { id: o.contentPieceId, organizationId: o.organizationId },
    select: {
      id: true, platform: true, body: true, hashtags: true, callToAction: true, targetPublishAt: true, createdById: true,
      organization: { select: { timezone: true } },
      media: { where: { role: { in: ["media", "cover"] } }, orderBy: { position: "asc" }, select: { assetId: true, role: true } },
      variants: {
        where: { platform: { in: PUBLISHING_PLATFORMS } },
        orderBy: { createdAt: "asc" },
        select: { id: true, platform: true, body: true, hashtags: true, callToAction: true, media: { where: { role: { in: ["media", "cover"] } }, orderBy: { position: "asc" }, select: { assetId: true, role: true } } },
      },
    },
  });
  if (!piece) throw notFound("content");
  const sources = [
    ...(piece.platform && (PUBLISHING_PLATFORMS as string[]).includes(piece.platform) ? [{ ...piece, platform: piece.platform }] : []),
    ...piece.variants.filter((v) => v.platform && v.platform !== piece.platform).map((v) => ({ ...v, platform: v.platform! })),
  ];
  const seen = new Set<Platform>();
  const scheduledAt = piece.targetPublishAt && piece.targetPublishAt.getTime() > o.now.getTime() + 60_000 ? piece.targetPublishAt : nextPublishingSlot(o.now, piece.organization.timezone);
  await tx.contentRevision.updateMany({ where: { organizationId: o.organizationId, contentPieceId: piece.id, supersededAt: null }, data: { supersededAt: o.now } });
  const out: RevisionDto[] = [];
  for (const s of sources) {
    if (seen.has(s.platform)) continue;
    seen.add(s.platform);
    const number = await nextRevisionNumber(tx, piece.id, s.platform);
    const fitted = fitToPlatform({ body: s.body, hashtags: s.hashtags, callToAction: s.callToAction }, rulesFor(s.platform));
    out.push(
      await tx.contentRevision.create({
        data: {
          organizationId: o.organizationId,
          contentPieceId: piece.id,
          sourcePieceId: s.id,
          platform: s.platform,
          number,
          text: fitted.text,
          mediaAssetIds: versionMedia(s.platform, s.media),
          scheduledAt,
          author: "ai",
          approvalRequestId: o.approvalRequestId,
          ...(o.autoApproved ? { approvedAt: o.now, approvedVia: "AUTO" } : {}),
          createdAt: o.now,
        },
        select: revisionSelect,
      }),
    );
  }
  return out;
}

/** The composer's versions under a request: exactly the person's text, media, first comment and time per network. */
async function createExplicitRevisions(
  tx: Tx,
  o: { organizationId: string; contentPieceId: string; approvalRequestId: string; now: Date; autoApproved: boolean; versions: ExplicitVersion[] },
): Promise<RevisionDto[]> {
  await tx.contentRevision.updateMany({ where: { organizationId: o.organizationId, contentPieceId: o.contentPieceId, supersededAt: null }, data: { supersededAt: o.now } });
  const out: RevisionDto[] = [];
  for (const v of o.versions) {
    const number = await nextRevisionNumber(tx, o.contentPieceId, v.platform);
    out.push(
      await tx.contentRevision.create({
        data: {
          organizationId: o.organizationId,
          contentPieceId: o.contentPieceId,
          sourcePieceId: o.contentPieceId,
          platform: v.platform,
          number,
          text: v.text,
          firstComment: v.firstComment ?? null,
          mediaAssetIds: v.mediaAssetIds,
          scheduledAt: v.scheduledAt,
          author: "user",
          createdById: v.createdById,
          approvalRequestId: o.approvalRequestId,
          ...(o.autoApproved ? { approvedAt: o.now, approvedVia: "AUTO" } : {}),
          createdAt: o.now,
        },
        select: revisionSelect,
      }),
    );
  }
  return out;
}

/** The revisions a request covers now (one per network, the newest of each). */
export async function listRequestRevisions(o: { organizationId: string; approvalRequestIds: string[] }): Promise<(RevisionDto & { approvalRequestId: string })[]> {
  if (o.approvalRequestIds.length === 0) return [];
  const rows = await db().contentRevision.findMany({
    where: { organizationId: o.organizationId, approvalRequestId: { in: o.approvalRequestIds }, supersededAt: null },
    orderBy: [{ platform: "asc" }],
    select: { ...revisionSelect, approvalRequestId: true },
  });
  return rows.map((r) => ({ ...r, approvalRequestId: r.approvalRequestId! }));
}

/**
 * A network version a person approves by publishing it themselves (an owner or admin scheduling
 * their own text: the composer, demo data). `approvedById` is that person; `via` says how.
 */
export async function recordApprovedRevision(o: {
  organizationId: string;
  contentPieceId: string;
  platform: Platform;
  text: string;
  mediaAssetIds?: string[];
  firstComment?: string | null;
  scheduledAt: Date;
  approvedById: string | null;
  via: "SELF" | "AUTO" | "DEMO";
  now?: Date;
  tx?: Tx;
}): Promise<RevisionDto> {
  const now = o.now ?? new Date();
  const run = async (tx: Tx) => {
    const piece = await tx.contentPiece.findFirst({ where: { id: o.contentPieceId, organizationId: o.organizationId }, select: { id: true } });
    if (!piece) throw notFound("content");
    await tx.contentRevision.updateMany({ where: { organizationId: o.organizationId, contentPieceId: piece.id, platform: o.platform, supersededAt: null }, data: { supersededAt: now } });
    const number = await nextRevisionNumber(tx, piece.id, o.platform);
    return tx.contentRevision.create({
      data: {
        organizationId: o.organizationId,
        contentPieceId: piece.id,
        sourcePieceId: piece.id,
        platform: o.platform,
        number,
        text: o.text,
        firstComment: o.firstComment ?? null,
        mediaAssetIds: o.mediaAssetIds ?? [],
        scheduledAt: o.scheduledAt,
        author: "user",
        createdById: o.approvedById,
        approvedAt: now,
        approvedById: o.approvedById,
        approvedVia: o.via,
        createdAt: now,
      },
      select: revisionSelect,
    });
  };
  return o.tx ? run(o.tx) : db().$transaction(run);
}
