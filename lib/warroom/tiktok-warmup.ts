import "server-only";
import { db } from "@/lib/db/client";
import type { PublishingDeps } from "@/lib/publishing/deps";
import { reschedulePublication } from "@/lib/publishing/reschedule-publication";
import { isAutomationEnabled } from "./automations";

/**
 * The Bot Control Center's "TikTok cadence ramp" (`tiktok_warmup`), where it acts: MKT-107, before a
 * TikTok post. A new account posts at most 1 time in any 24 h during its first week, 2 until its third
 * week ends, then 3; a post beyond that is moved (`reschedulePublication`: timeline line, events) to 24 h
 * after the oldest post of the window. Switched off (or never switched on), it does nothing: no read
 * beyond the publication's platform, no move. The token, quota and quality-gate checks before each post
 * are publishing's own and run whatever the switch says.
 */
export const WARMUP_RAMP: readonly { untilDay: number; perDay: number }[] = [
  { untilDay: 7, perDay: 1 },
  { untilDay: 21, perDay: 2 },
  { untilDay: Number.POSITIVE_INFINITY, perDay: 3 },
];
const DAY = 86_400_000;

export function warmupLimit(accountAgeMs: number): number {
  const days = accountAgeMs / DAY;
  return WARMUP_RAMP.find((r) => days < r.untilDay)!.perDay;
}

/** When the publication may go out under the ramp, or null (not TikTok, switched off, or within the ramp). */
export async function tiktokWarmupDeferral(opts: { organizationId: string; publicationId: string; now: Date; expectedScheduledAt?: string }): Promise<Date | null> {
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId },
    select: { platform: true, status: true, scheduledAt: true, socialAccountId: true, socialAccount: { select: { createdAt: true } } },
  });
  if (!pub || pub.platform !== "TIKTOK") return null;
  // Only a post about to start: one already under way, or a run for an older time (publishing steps aside), is not moved.
  if (pub.status !== "SCHEDULED" || (opts.expectedScheduledAt && pub.scheduledAt.getTime() !== Date.parse(opts.expectedScheduledAt))) return null;
  if (!(await isAutomationEnabled({ organizationId: opts.organizationId, key: "tiktok_warmup" }))) return null;
  const since = new Date(opts.now.getTime() - DAY);
  const posted = await db().publication.findMany({
    where: { organizationId: opts.organizationId, socialAccountId: pub.socialAccountId, status: "POSTED", postedAt: { gt: since } },
    select: { postedAt: true },
    orderBy: { postedAt: "asc" },
  });
  const limit = warmupLimit(opts.now.getTime() - pub.socialAccount.createdAt.getTime());
  if (posted.length < limit) return null;
  // The window frees a slot when its oldest post is 24 h old.
  return new Date(posted[posted.length - limit]!.postedAt!.getTime() + DAY);
}

/** MKT-107's check: a TikTok post beyond the ramp is moved; returns the new time, or null to publish now. */
export async function applyTiktokWarmup(opts: { organizationId: string; publicationId: string; expectedScheduledAt?: string; deps: PublishingDeps }): Promise<Date | null> {
  const at = await tiktokWarmupDeferral({ organizationId: opts.organizationId, publicationId: opts.publicationId, expectedScheduledAt: opts.expectedScheduledAt, now: new Date(opts.deps.now()) });
  if (!at) return null;
  await reschedulePublication({ organizationId: opts.organizationId, publicationId: opts.publicationId, scheduledAt: at, deps: opts.deps });
  return at;
}
