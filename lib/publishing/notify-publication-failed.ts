import "server-only";
import { db } from "@/lib/db/client";
import { notify } from "@/lib/providers/notify";

/**
 * After the last failure: tell every owner and admin of the organisation (in-app, by email, + Slack
 * when configured), once per publication and person (a re-run step sends nothing new).
 */
export async function notifyPublicationFailed(opts: { organizationId: string; publicationId: string }): Promise<{ notified: number }> {
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId, status: "FAILED" },
    select: { id: true, platform: true, scheduledAt: true, errorMessage: true, attempts: true, organization: { select: { slug: true } }, socialAccount: { select: { name: true } }, contentPiece: { select: { title: true, body: true } } },
  });
  if (!pub) return { notified: 0 };
  const res = await notify({
    organizationId: opts.organizationId,
    to: { roles: ["OWNER", "ADMIN"] },
    type: "publication.failed",
    severity: "CRITICAL",
    message: {
      key: "publicationFailed",
      values: {
        platform: pub.platform,
        account: pub.socialAccount.name,
        label: pub.contentPiece.title ?? pub.contentPiece.body.slice(0, 60),
        at: pub.scheduledAt.toISOString(),
        attempts: pub.attempts,
        error: pub.errorMessage ?? "unknown error",
      },
    },
    actionUrl: `/${pub.organization.slug}/content/queue?publication=${pub.id}`,
    dedupeKey: `publication-failed:${pub.id}`,
    data: { publicationId: pub.id, platform: pub.platform, errorMessage: pub.errorMessage },
    email: "audience",
  });
  return { notified: res.ids.length };
}
