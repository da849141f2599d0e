import type { Db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

/**
 * Sandbox posts chosen for their (deterministic) engagement: six ordinary posts and one that clearly
 * outperforms them (sandbox "winner", z ~ 2.4 whatever its age) on the simulated network.
 */
export const ORDINARY_POSTS = ["sbx_post_m18", "sbx_post_m265", "sbx_post_m229", "sbx_post_m156", "sbx_post_m133", "sbx_post_m269"];
export const STAR_POST = "sbx_post_m8";

/**
 * The Analytics page's posts of a range as first computed (every snapshot of the organisation read,
 * DISTINCT ON twice; $1 organisation, $2 start, $3 end): the reference the faster reads are checked against.
 */
export const POSTS_OF_RANGE_REFERENCE = `
  WITH e AS (SELECT DISTINCT ON ("publicationId") "publicationId", impressions, engagements, clicks FROM content_metric_snapshots
      WHERE "organizationId" = $1 AND "capturedAt" < $3 ORDER BY "publicationId", "capturedAt" DESC),
    b AS (SELECT DISTINCT ON ("publicationId") "publicationId", impressions, engagements, clicks FROM content_metric_snapshots
      WHERE "organizationId" = $1 AND "capturedAt" < $2 ORDER BY "publicationId", "capturedAt" DESC)
  SELECT p.id, COALESCE(GREATEST(e.impressions - COALESCE(b.impressions, 0), 0), 0)::int AS impressions,
    COALESCE(GREATEST(e.engagements - COALESCE(b.engagements, 0), 0), 0)::int AS engagements, COALESCE(GREATEST(e.clicks - COALESCE(b.clicks, 0), 0), 0)::int AS clicks
  FROM publications p LEFT JOIN e ON e."publicationId" = p.id LEFT JOIN b ON b."publicationId" = p.id
  WHERE p."organizationId" = $1 AND p."postedAt" IS NOT NULL AND p."postedAt" < $3
    AND ((p."postedAt" >= $2) OR (e.impressions IS DISTINCT FROM b.impressions) OR (e.engagements IS DISTINCT FROM b.engagements))
  ORDER BY impressions DESC, p."postedAt" DESC, p.id`;

export type Tenant = { orgId: string; slug: string; brandId: string; accountId: string };

export async function createTenant(db: Db, slug: string, opts: { platform?: Platform; accountStatus?: "ACTIVE" | "RECONNECT_REQUIRED" } = {}): Promise<Tenant> {
  const org = await db.organization.create({ data: { slug, name: `Org ${slug}` } });
  const brand = await db.brand.create({ data: { organizationId: org.id, name: `Brand ${slug}`, slug: "main", voice: "friendly", targetAudience: "SMBs", contentGuidelines: "be clear" } });
  const account = await db.socialAccount.create({
    data: { organizationId: org.id, brandId: brand.id, platform: opts.platform ?? "LINKEDIN", externalId: `sbx_acc_${slug}`, name: `${slug} page`, isSandbox: true, status: opts.accountStatus ?? "ACTIVE" },
  });
  return { orgId: org.id, slug, brandId: brand.id, accountId: account.id };
}

/** A posted publication of a new piece, backed by a published sandbox post `postId` (posted `ageHours` ago). */
export async function createPostedPublication(db: Db, t: Tenant, postId: string, opts: { ageHours?: number; brandId?: string; title?: string } = {}) {
  const postedAt = new Date(Date.now() - (opts.ageHours ?? 48) * 3600_000);
  const account = await db.socialAccount.findUniqueOrThrow({ where: { id: t.accountId } });
  const piece = await db.contentPiece.create({
    data: { organizationId: t.orgId, brandId: opts.brandId ?? t.brandId, platform: account.platform, status: "PUBLISHED", title: opts.title ?? `Post ${postId}`, body: `Body of ${postId} #growth`, hashtags: ["#growth"], firstPublishedAt: postedAt },
  });
  await db.sandboxRecord.create({
    data: {
      organizationId: t.orgId,
      accountId: t.accountId,
      kind: "post",
      externalId: postId,
      createdAt: postedAt,
      data: { kind: "text", text: piece.body, state: "published", publishedAt: postedAt.toISOString(), url: `https://sandbox.marketingengine.local/x/${postId}`, mediaCount: 0 },
    },
  });
  const publication = await db.publication.create({
    data: {
      organizationId: t.orgId,
      brandId: opts.brandId ?? t.brandId,
      contentPieceId: piece.id,
      socialAccountId: t.accountId,
      platform: account.platform,
      status: "POSTED",
      scheduledAt: postedAt,
      postedAt,
      platformPostId: postId,
      idempotencyKey: `pub-${t.accountId}-${postId}`,
    },
  });
  return { pieceId: piece.id, publicationId: publication.id, postId };
}
