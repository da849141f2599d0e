import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { storage } from "@/lib/providers/storage";

export type RequestSummary = {
  id: string;
  organizationId: string;
  orgSlug: string;
  orgName: string;
  status: string;
  title: string;
  excerpt: string;
  hashtags: string[];
  platform: string | null;
  revision: number;
  imageUrl: string | null;
  createdAt: Date;
  reminderCount: number;
};

type Preview = { platform?: string | null; excerpt?: string; hashtags?: string[]; revision?: number; image?: { storageKey?: string } | null };

/** What the approval email and Slack message show about one request (image as a signed URL). */
export async function loadRequestSummary(opts: { organizationId: string; approvalRequestId: string; imageTtlSeconds?: number }): Promise<RequestSummary> {
  const r = await db().approvalRequest.findFirst({
    where: { id: opts.approvalRequestId, organizationId: opts.organizationId },
    select: { id: true, organizationId: true, status: true, title: true, summary: true, preview: true, createdAt: true, reminderCount: true, organization: { select: { slug: true, name: true } } },
  });
  if (!r) throw notFound("approvalRequest");
  const p = (r.preview ?? {}) as Preview;
  const key = p.image?.storageKey;
  const imageUrl = key ? await storage().signedUrl(key, opts.imageTtlSeconds ?? 72 * 3600).catch(() => null) : null;
  return {
    id: r.id,
    organizationId: r.organizationId,
    orgSlug: r.organization.slug,
    orgName: r.organization.name,
    status: r.status,
    title: r.title,
    excerpt: p.excerpt ?? r.summary ?? "",
    hashtags: Array.isArray(p.hashtags) ? p.hashtags : [],
    platform: p.platform ?? null,
    revision: p.revision ?? 1,
    imageUrl,
    createdAt: r.createdAt,
    reminderCount: r.reminderCount,
  };
}
