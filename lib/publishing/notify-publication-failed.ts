import { db } from "@/lib/db/client";
import { notify } from "@/lib/providers/notify";

/**
 * After the last failure: tell every owner and admin of the organisation (in-app, + Slack when
 * configured), once per publication and person (a re-run step sends nothing new).
 */
export async function notifyPublicationFailed(opts: { organizationId: string; publicationId: string }): Promise<{ notified: number }> {
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId, status: "FAILED" },
    select: { id: true, platform: true, scheduledAt: true, errorMessage: true, attempts: true, organization: { select: { slug: true } }, socialAccount: { select: { name: true } }, contentPiece: { select: { title: true, body: true } } },
  });
  if (!pub) return { notified: 0 };
  const admins = await db().membership.findMany({ where: { organizationId: opts.organizationId, role: { in: ["OWNER", "ADMIN"] } }, select: { userId: true } });
  const label = pub.contentPiece.title ?? pub.contentPiece.body.slice(0, 60);
  for (const a of admins) {
    await notify({
      organizationId: opts.organizationId,
      userId: a.userId,
      type: "publication.failed",
      severity: "CRITICAL",
      title: `Publication failed on ${pub.platform.toLowerCase()} (${pub.socialAccount.name})`,
      body: `"${label}" scheduled ${pub.scheduledAt.toISOString()} failed after ${pub.attempts} attempt(s): ${pub.errorMessage ?? "unknown error"}`,
      actionUrl: `/${pub.organization.slug}/content/queue?publication=${pub.id}`,
      dedupeKey: `publication-failed:${pub.id}:${a.userId}`,
      data: { publicationId: pub.id, platform: pub.platform, errorMessage: pub.errorMessage },
    });
  }
  return { notified: admins.length };
}
