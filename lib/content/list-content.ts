import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

export type ContentListItemDto = {
  id: string;
  title: string;
  excerpt: string;
  status: string;
  platform: Platform | null;
  variantPlatforms: Platform[];
  aiGenerated: boolean;
  engagementRate: number | null;
  createdAt: string;
  nextPublicationAt: string | null;
};

/** Master pieces (not per-platform variants), newest first, with the platforms their variants target. */
export async function listContent(opts: { organizationId: string; take?: number }): Promise<ContentListItemDto[]> {
  const rows = await db().contentPiece.findMany({
    where: { organizationId: opts.organizationId, parentId: null },
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.take ?? 50, 200),
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      platform: true,
      aiGenerated: true,
      engagementRate: true,
      createdAt: true,
      variants: { select: { platform: true } },
      publications: { where: { status: "SCHEDULED" }, orderBy: { scheduledAt: "asc" }, take: 1, select: { scheduledAt: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title ?? r.body.slice(0, 80),
    excerpt: r.body.slice(0, 180),
    status: r.status,
    platform: r.platform,
    variantPlatforms: [...new Set(r.variants.map((v) => v.platform).filter((p): p is Platform => p !== null))],
    aiGenerated: r.aiGenerated,
    engagementRate: r.engagementRate,
    createdAt: r.createdAt.toISOString(),
    nextPublicationAt: r.publications[0]?.scheduledAt.toISOString() ?? null,
  }));
}
