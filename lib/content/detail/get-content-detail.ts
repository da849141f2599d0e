import "server-only";
import { describePublicationError, type PublicationError } from "@/lib/publishing/publication-error";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { toMediaDto, MEDIA_SELECT, type MediaAssetDto } from "@/lib/media/media-dto";

export type ContentVariantDto = { id: string; platform: Platform | null; title: string | null; body: string; hashtags: string[]; callToAction: string | null; status: string; isMaster: boolean };
export type ContentPublicationDto = { id: string; contentPieceId: string; platform: Platform; status: string; scheduledAt: string; postedAt: string | null; url: string | null; accountName: string; isSandbox: boolean; errorMessage: string | null; error: PublicationError | null };
import type { ContentSignalDto } from "./types";

export type { ContentSignalDto };
export type ContentDetailDto = {
  id: string;
  parent: { id: string; title: string | null } | null;
  title: string | null;
  body: string;
  platform: Platform | null;
  format: string;
  status: string;
  aiGenerated: boolean;
  brandName: string;
  createdAt: string;
  engagementRate: number | null;
  engagementScore: number | null;
  variants: ContentVariantDto[];
  media: (MediaAssetDto & { role: string })[];
  publications: ContentPublicationDto[];
  signals: ContentSignalDto[];
  /** Each network's current version (issue 9): exactly what it receives, for the previews. */
  versions: ContentVersionDto[];
};
export type ContentVersionDto = { platform: Platform; text: string; firstComment: string | null; approved: boolean; media: { id: string; url: string; kind: string; altText: string | null }[] };

const PIECE = { id: true, platform: true, title: true, body: true, hashtags: true, callToAction: true, status: true } as const;

/**
 * A content piece as the detail page shows it: the master and its per-platform variants (texts),
 * media (signed URLs), every publication of the family, and its winning-content signals.
 * Opening a variant shows its family too. Another organisation's id -> 404.
 */
export async function getContentDetail(opts: { organizationId: string; contentPieceId: string }): Promise<ContentDetailDto> {
  const piece = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: {
      ...PIECE,
      format: true,
      aiGenerated: true,
      createdAt: true,
      engagementRate: true,
      engagementScore: true,
      parentId: true,
      parent: { select: { id: true, title: true } },
      brand: { select: { name: true } },
    },
  });
  if (!piece) throw notFound("content");
  const rootId = piece.parentId ?? piece.id;
  const family = await db().contentPiece.findMany({
    where: { organizationId: opts.organizationId, OR: [{ id: rootId }, { parentId: rootId }] },
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { platform: "asc" }],
    select: PIECE,
  });
  const familyIds = family.map((f) => f.id);
  const [media, publications, signals, revisions] = await Promise.all([
    db().contentPieceMedia.findMany({ where: { organizationId: opts.organizationId, pieceId: { in: [piece.id, rootId] } }, orderBy: { position: "asc" }, select: { role: true, asset: { select: MEDIA_SELECT } } }),
    db().publication.findMany({
      where: { organizationId: opts.organizationId, contentPieceId: { in: familyIds } },
      orderBy: { scheduledAt: "asc" },
      select: { id: true, contentPieceId: true, platform: true, status: true, scheduledAt: true, postedAt: true, platformPostUrl: true, errorCode: true, errorMessage: true, socialAccount: { select: { name: true, isSandbox: true } } },
    }),
    db().contentSignal.findMany({
      where: { organizationId: opts.organizationId, contentPieceId: { in: familyIds } },
      orderBy: { detectedAt: "desc" },
      select: { id: true, publicationId: true, status: true, engagementRate: true, threshold: true, meanRate: true, sampleSize: true, strength: true, aiAnalysis: true, aiRecommendation: true, detectedAt: true, publication: { select: { platform: true } } },
    }),
    db().contentRevision.findMany({ where: { organizationId: opts.organizationId, contentPieceId: rootId, supersededAt: null }, orderBy: { platform: "asc" }, select: { platform: true, text: true, firstComment: true, approvedAt: true, mediaAssetIds: true } }),
  ]);
  const versionAssets = await db().mediaAsset.findMany({ where: { organizationId: opts.organizationId, id: { in: [...new Set(revisions.flatMap((r) => r.mediaAssetIds))] } }, select: MEDIA_SELECT });
  const versionMedia = new Map(await Promise.all(versionAssets.map(async (a) => [a.id, await toMediaDto(a)] as const)));
  const seen = new Set<string>();
  return {
    id: piece.id,
    parent: piece.parent,
    title: piece.title,
    body: piece.body,
    platform: piece.platform,
    format: piece.format,
    status: piece.status,
    aiGenerated: piece.aiGenerated,
    brandName: piece.brand.name,
    createdAt: piece.createdAt.toISOString(),
    engagementRate: piece.engagementRate,
    engagementScore: piece.engagementScore,
    variants: family.map((f) => ({ ...f, isMaster: f.id === rootId })),
    versions: revisions.map((r) => ({
      platform: r.platform,
      text: r.text,
      firstComment: r.firstComment,
      approved: r.approvedAt !== null,
      media: r.mediaAssetIds.flatMap((id) => {
        const m = versionMedia.get(id);
        return m ? [{ id: m.id, url: m.url, kind: m.kind, altText: m.altText }] : [];
      }),
    })),
    media: await Promise.all(
      media.filter((m) => !seen.has(m.asset.id) && seen.add(m.asset.id)).map(async (m) => ({ ...(await toMediaDto(m.asset)), role: m.role })),
    ),
    publications: publications.map((p) => ({
      id: p.id,
      contentPieceId: p.contentPieceId,
      platform: p.platform,
      status: p.status,
      scheduledAt: p.scheduledAt.toISOString(),
      postedAt: p.postedAt?.toISOString() ?? null,
      url: p.platformPostUrl,
      accountName: p.socialAccount.name,
      isSandbox: p.socialAccount.isSandbox,
      errorMessage: p.errorMessage,
      error: p.errorMessage || p.status === "FAILED" ? describePublicationError(p) : null,
    })),
    signals: signals.map(({ publication, detectedAt, ...s }) => ({ ...s, platform: publication.platform, detectedAt: detectedAt.toISOString() })),
  };
}
