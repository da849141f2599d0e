import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { CONTENT_PAGE_SIZE, type ContentListItemDto, type ContentListPage, type ListContentQuery } from "@/lib/content/contracts";
export type { ContentListItemDto, ContentListPage };

/**
 * Master pieces (not per-platform variants), newest first, one page of them with the total (offset
 * paging: the list is read page by page, no deep jumps; the total of an unsearched list from the
 * content_piece_counts counters), searched in title and text. A page past
 * the end answers the last page.
 */
export async function listContent(opts: { organizationId: string } & ListContentQuery): Promise<ContentListPage> {
  const pageSize = opts.pageSize ?? CONTENT_PAGE_SIZE;
  const q = opts.q?.trim();
  const where: Prisma.ContentPieceWhereInput = {
    organizationId: opts.organizationId,
    parentId: null,
    ...(opts.status ? { status: opts.status } : {}),
    ...(q ? { OR: [{ title: { contains: q, mode: "insensitive" } }, { body: { contains: q, mode: "insensitive" } }] } : {}),
  };
  // Without a search the total is read from content_piece_counts (master pieces per status, kept by
  // triggers on content_pieces in the transaction of every insert, status change and delete): counting
  // the pieces per request cost 608,017 rows on a busy organisation (issue 18). A search still counts
  // what it matches (it reads those rows anyway to find the page).
  const total = q
    ? await db().contentPiece.count({ where })
    : ((
        await db().contentPieceCount.aggregate({
          where: { organizationId: opts.organizationId, ...(opts.status ? { status: opts.status } : {}) },
          _sum: { count: true },
        })
      )._sum.count ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(opts.page ?? 1, pageCount);
  const rows = await db().contentPiece.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      platform: true,
      aiGenerated: true,
      engagementRate: true,
      createdAt: true,
      firstPublishedAt: true,
      variants: { select: { platform: true } },
      publications: { where: { status: "SCHEDULED" }, orderBy: { scheduledAt: "asc" }, take: 1, select: { scheduledAt: true } },
    },
  });
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title ?? r.body.slice(0, 80),
    excerpt: r.body.slice(0, 180),
    status: r.status,
    platform: r.platform,
    variantPlatforms: [...new Set(r.variants.map((v) => v.platform).filter((p): p is Platform => p !== null))],
    aiGenerated: r.aiGenerated,
    engagementRate: r.engagementRate,
    createdAt: r.createdAt.toISOString(),
    firstPublishedAt: r.firstPublishedAt?.toISOString() ?? null,
    nextPublicationAt: r.publications[0]?.scheduledAt.toISOString() ?? null,
  }));
  return { items, total, page, pageSize, pageCount };
}
