import "server-only";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { defaultPublishingDeps, type PublishingDeps } from "@/lib/publishing/deps";
import { schedulePublication } from "@/lib/publishing/schedule-publication";
import { claimAutomationAction, completeAutomationAction, enabledAutomationSettings } from "./automations";
import { REPOST_DEFAULTS } from "./schemas";

/**
 * The Bot Control Center's "Auto-reposter of winners" (`auto_reposter`), where it acts: a post MKT-109
 * marked winning (`signal/content.detected`). When the switch is on, the winner is reposted on the
 * networks the owner chose for its network (`targets`, default Instagram <-> TikTok), on the brand's
 * active accounts there, `delayHours` after the signal. Nothing goes out that was not approved: only
 * the piece's current approved version for that network is scheduled (a person's yes on that exact
 * version, or the brand's owner-set auto-approve rule, as everywhere: `schedulePublication` re-checks it
 * and MKT-107 publishes that version only); a network without one is skipped and said so. An account
 * that already carries that version is skipped (no duplicate). Once per winning post: the audit line,
 * written first, is the claim. Switched off (or never switched on), it does nothing at all.
 */
export type RepostOutcome =
  | { acted: false; reason: "off" | "not_found" | "already_handled" }
  | {
      acted: true;
      scheduled: { publicationId: string; platform: string; socialAccountId: string; scheduledAt: string }[];
      skipped: { platform: string; reason: string }[];
    };

export async function autoRepostWinner(opts: {
  organizationId: string;
  signalId: string;
  publicationId: string;
  now?: Date;
  deps?: PublishingDeps;
}): Promise<RepostOutcome> {
  const settings = await enabledAutomationSettings({ organizationId: opts.organizationId, key: "auto_reposter" });
  if (!settings) return { acted: false, reason: "off" };
  const winner = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId },
    select: { id: true, platform: true, brandId: true, contentPiece: { select: { id: true, parentId: true, brandId: true } } },
  });
  if (!winner) return { acted: false, reason: "not_found" };
  const targets = ((settings.targets ?? REPOST_DEFAULTS.targets) as Partial<Record<string, string[]>>)[winner.platform] ?? [];
  const delayHours = settings.delayHours ?? REPOST_DEFAULTS.delayHours;
  const claim = await claimAutomationAction({
    organizationId: opts.organizationId,
    key: "auto_reposter",
    action: "repost.scheduled",
    subjectKey: `repost:${winner.id}`,
    details: { signalId: opts.signalId, publicationId: winner.id, targets },
  });
  if (!claim.claimed && (claim.details as { signalId?: string } | null)?.signalId !== opts.signalId) return { acted: false, reason: "already_handled" };

  const deps = opts.deps ?? defaultPublishingDeps();
  const now = opts.now ?? new Date(deps.now());
  const scheduledAt = new Date(now.getTime() + delayHours * 3600_000);
  const masterId = winner.contentPiece.parentId ?? winner.contentPiece.id;
  const brandId = winner.brandId ?? winner.contentPiece.brandId;
  const scheduled: Extract<RepostOutcome, { acted: true }>["scheduled"] = [];
  const skipped: Extract<RepostOutcome, { acted: true }>["skipped"] = [];
  for (const platform of targets.filter((p) => p !== winner.platform)) {
    const revision = await db().contentRevision.findFirst({
      where: { organizationId: opts.organizationId, contentPieceId: masterId, platform: platform as never, supersededAt: null, approvedAt: { not: null } },
      orderBy: { number: "desc" },
      select: { id: true, sourcePieceId: true },
    });
    if (!revision) {
      skipped.push({ platform, reason: "no_approved_version" });
      continue;
    }
    const accounts = await db().socialAccount.findMany({
      where: { organizationId: opts.organizationId, platform: platform as never, status: "ACTIVE", OR: [{ brandId }, { brandId: null }] },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    if (accounts.length === 0) skipped.push({ platform, reason: "no_account" });
    for (const account of accounts) {
      const carried = await db().publication.count({
        where: { organizationId: opts.organizationId, revisionId: revision.id, socialAccountId: account.id, status: { notIn: ["CANCELLED", "FAILED"] } },
      });
      if (carried > 0) {
        skipped.push({ platform, reason: "already_published" });
        continue;
      }
      try {
        const pub = await schedulePublication({
          organizationId: opts.organizationId,
          contentPieceId: revision.sourcePieceId ?? masterId,
          socialAccountId: account.id,
          scheduledAt,
          revisionId: revision.id,
          options: { repostOf: winner.id, automation: "auto_reposter" },
          deps,
        });
        scheduled.push({ publicationId: pub.id, platform, socialAccountId: account.id, scheduledAt: scheduledAt.toISOString() });
      } catch (err) {
        // The approval or the network's media rules refused it: said on the audit line, nothing scheduled.
        if (!isAppError(err)) throw err;
        skipped.push({ platform, reason: err.key });
      }
    }
  }
  await completeAutomationAction({
    organizationId: opts.organizationId,
    eventId: claim.eventId,
    action: scheduled.length ? "repost.scheduled" : "repost.skipped",
    details: { signalId: opts.signalId, publicationId: winner.id, targets, scheduled, skipped },
  });
  return { acted: true, scheduled, skipped };
}
