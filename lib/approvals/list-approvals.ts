import { db } from "@/lib/db/client";
import type { ApprovalStatus, Platform } from "@/lib/db/generated/enums";
import { ADAPTABLE, fitToPlatform, rulesFor } from "@/lib/content/adaptation/platform-rules";
import { storage } from "@/lib/providers/storage";

export type PlatformPreviewDto = { platform: Platform; text: string; hashtags: string[]; maxTextLength: number; length: number; adjusted: boolean; primary: boolean };

export type ApprovalListItemDto = {
  id: string;
  title: string;
  summary: string | null;
  entityType: string;
  priority: string;
  status: string;
  spendAmountMinor: number | null;
  currency: string | null;
  createdAt: string;
  dueAt: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  reminderCount: number;
  piece: { id: string; title: string | null; body: string; hashtags: string[]; callToAction: string | null; platform: Platform | null; format: string; revision: number; brandName: string } | null;
  /** How the piece reads on each platform it will go to (its own first, then the brand's other active accounts). */
  previews: PlatformPreviewDto[];
  image: { url: string; altText: string | null } | null;
};

export type ListApprovalsOptions = { organizationId: string; status?: ApprovalStatus | "ALL"; entityType?: "CONTENT_PIECE" | "AD_CAMPAIGN"; take?: number };

const PRIORITY_RANK = { URGENT: 0, HIGH: 1, NORMAL: 2, LOW: 3 } as const;

/** The approval queue: pending first by priority then age; content with per-platform previews and a signed image URL (1 h). */
export async function listApprovals(opts: ListApprovalsOptions): Promise<ApprovalListItemDto[]> {
  const status = opts.status ?? "PENDING";
  const rows = await db().approvalRequest.findMany({
    where: { organizationId: opts.organizationId, ...(status === "ALL" ? {} : { status }), ...(opts.entityType ? { entityType: opts.entityType } : {}) },
    orderBy: status === "PENDING" ? [{ createdAt: "asc" }] : [{ decidedAt: "desc" }, { createdAt: "desc" }],
    take: Math.min(opts.take ?? 100, 200),
    select: {
      id: true, title: true, summary: true, entityType: true, priority: true, status: true, spendAmountMinor: true, currency: true, createdAt: true, dueAt: true, decidedAt: true, decisionNote: true, reminderCount: true, brandId: true,
      contentPiece: {
        select: {
          id: true, title: true, body: true, hashtags: true, callToAction: true, platform: true, format: true, revision: true, brandId: true,
          brand: { select: { name: true } },
          media: { orderBy: { position: "asc" }, take: 1, select: { asset: { select: { storageKey: true, altText: true, kind: true } } } },
        },
      },
    },
  });
  const brandIds = [...new Set(rows.map((r) => r.contentPiece?.brandId).filter((b): b is string => !!b))];
  const accounts = brandIds.length
    ? await db().socialAccount.findMany({
        where: { organizationId: opts.organizationId, OR: [{ brandId: { in: brandIds } }, { brandId: null }], status: "ACTIVE", platform: { in: ADAPTABLE } },
        select: { brandId: true, platform: true },
      })
    : [];
  // MKT-106's rule: the brand's own accounts, and on a platform where it has none, the
  // organisation's unassigned ones (accounts connected in Settings have no brand).
  const platformsOf = (brandId: string) => ADAPTABLE.filter((p) => accounts.some((a) => a.platform === p && (a.brandId === brandId || a.brandId === null)));
  const items = await Promise.all(
    rows.map(async (r): Promise<ApprovalListItemDto> => {
      const p = r.contentPiece;
      const asset = p?.media[0]?.asset;
      const image = asset && asset.kind === "IMAGE" ? { url: await storage().signedUrl(asset.storageKey, 3600).catch(() => ""), altText: asset.altText } : null;
      const targets = p ? [...new Set([...(p.platform && ADAPTABLE.includes(p.platform) ? [p.platform] : []), ...platformsOf(p.brandId)])] : [];
      const previews = p
        ? targets.map((platform) => {
            const rules = rulesFor(platform);
            const fitted = fitToPlatform({ body: p.body, hashtags: p.hashtags, callToAction: p.callToAction }, rules);
            const adjusted = fitted.body !== p.body.trim() || fitted.hashtags.length !== p.hashtags.length || fitted.callToAction !== (p.callToAction?.trim() || null);
            return { platform, text: fitted.text, hashtags: fitted.hashtags, maxTextLength: rules.maxTextLength, length: fitted.text.length, adjusted, primary: platform === p.platform };
          })
        : [];
      return {
        id: r.id, title: r.title, summary: r.summary, entityType: r.entityType, priority: r.priority, status: r.status, spendAmountMinor: r.spendAmountMinor, currency: r.currency,
        createdAt: r.createdAt.toISOString(), dueAt: r.dueAt?.toISOString() ?? null, decidedAt: r.decidedAt?.toISOString() ?? null, decisionNote: r.decisionNote, reminderCount: r.reminderCount,
        piece: p ? { id: p.id, title: p.title, body: p.body, hashtags: p.hashtags, callToAction: p.callToAction, platform: p.platform, format: p.format, revision: p.revision, brandName: p.brand.name } : null,
        previews,
        image: image?.url ? image : null,
      };
    }),
  );
  if (status === "PENDING") items.sort((a, b) => PRIORITY_RANK[a.priority as keyof typeof PRIORITY_RANK] - PRIORITY_RANK[b.priority as keyof typeof PRIORITY_RANK]);
  return items;
}
