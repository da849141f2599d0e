import "server-only";
import { TZDate } from "@date-fns/tz";
import { db } from "@/lib/db/client";
import { isAppError, notFound } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { assertMediaAccepted } from "@/lib/media/convert-for-network";
import { notify } from "@/lib/providers/notify";
import { timelineRow } from "@/lib/publishing/timeline";
import { isTimeZone } from "@/lib/utils";

const HOUR = 3600_000;
/** Publishing window in the organisation's local time: slots from 09:00 up to 19:00 (20:00 excluded). */
const FIRST_HOUR = 9;
const END_HOUR = 20;

/**
 * When to publish when the piece has no target time: the next full local hour at least one hour ahead,
 * moved to 09:00 local (the same day, or the next day from 20:00 on) if it falls outside the 09:00-20:00 window
 * of `timeZone` (IANA). Wall-clock hours, so DST-correct: 09:00 in Paris is 08:00 UTC in winter, 07:00 UTC
 * in summer. An unknown zone (the create-organisation input does not validate it) counts as UTC.
 */
export function nextPublishingSlot(now: Date, timeZone: string): Date {
  const tz = isTimeZone(timeZone) ? timeZone : "UTC";
  const earliest = new TZDate(now.getTime() + HOUR, tz);
  // Round up to a local full hour in absolute time (zones with :30/:45 offsets; the repeated hour at a DST fall-back).
  const intoHour = (earliest.getMinutes() * 60 + earliest.getSeconds()) * 1000 + earliest.getMilliseconds();
  const slot = new TZDate(earliest.getTime() - intoHour + (intoHour > 0 ? HOUR : 0), tz);
  const h = slot.getHours();
  if (h >= FIRST_HOUR && h < END_HOUR) return new Date(slot.getTime());
  const day = slot.getDate() + (h >= END_HOUR ? 1 : 0);
  return new Date(new TZDate(slot.getFullYear(), slot.getMonth(), day, FIRST_HOUR, 0, 0, tz).getTime());
}

/** The accounts a person chose in the composer (stored on the piece), or null: the brand's accounts. */
function composerAccountIds(context: unknown): string[] | null {
  const ids = (context as { composer?: { accountIds?: unknown } } | null)?.composer?.accountIds;
  return Array.isArray(ids) && ids.every((i) => typeof i === "string") ? (ids as string[]) : null;
}

export type ScheduledPublicationDto = { publicationId: string; contentPieceId: string; socialAccountId: string; platform: string; scheduledAt: string; created: boolean };

/**
 * MKT-106 after the decision: one SCHEDULED Publication per (approved network version, active account
 * of that network). Only the piece's current revisions that a person approved (or the brand's
 * auto-approve) are scheduled, each publication pointing at its revision (`revisionId`): MKT-107
 * publishes that revision's text and media, nothing else. A brand publishes on its own accounts and,
 * on a network where it has none, on the organisation's unassigned ones (brandId null: what
 * Connections creates). idempotencyKey `pub:<revisionId>:<accountId>` (unique): a re-run creates
 * nothing new. scheduledAt = the revision's time. Auto-approved versions say so on the timeline, and so
 * do versions their author approved (an owner or admin's own post). A post written in the composer
 * goes to the accounts its author chose (generationContext.composer.accountIds), and only those.
 * A version whose network refuses its media (none on Instagram/TikTok) is not scheduled: the
 * organisation's owners, admins and editors are notified (versionNotScheduled, naming the network, the
 * media rule and the auto-approve rule that let it through; once per revision) with a link to the piece.
 */
export async function scheduleAdaptedPublications(opts: { organizationId: string; contentPieceId: string; now?: Date }): Promise<ScheduledPublicationDto[]> {
  const now = opts.now ?? new Date();
  const master = await db().contentPiece.findFirst({
    where: { id: opts.contentPieceId, organizationId: opts.organizationId },
    select: { id: true, brandId: true, createdById: true, generationContext: true, title: true, body: true, organization: { select: { slug: true } } },
  });
  if (!master) throw notFound("content");
  const revisions = await db().contentRevision.findMany({
    where: { organizationId: opts.organizationId, contentPieceId: master.id, supersededAt: null, approvedAt: { not: null } },
    select: { id: true, platform: true, sourcePieceId: true, scheduledAt: true, approvedVia: true, approvedById: true, mediaAssetIds: true },
  });
  const chosen = composerAccountIds(master.generationContext);
  const candidates = await db().socialAccount.findMany({
    where: { organizationId: opts.organizationId, ...(chosen ? { id: { in: chosen } } : { OR: [{ brandId: master.brandId }, { brandId: null }] }), status: "ACTIVE" },
    select: { id: true, platform: true, brandId: true },
    orderBy: { createdAt: "asc" },
  });
  const brandPlatforms = new Set(candidates.filter((a) => a.brandId).map((a) => a.platform));
  const accounts = chosen ? candidates : candidates.filter((a) => a.brandId || !brandPlatforms.has(a.platform));
  const out: ScheduledPublicationDto[] = [];
  for (const revision of revisions) {
    const pieceId = revision.sourcePieceId ?? master.id;
    // The media gate (a version its network refuses, e.g. no image on TikTok) is enforced at approval;
    // a version approved without it (auto-approve, older data) is not scheduled rather than failing at posting time.
    const refused = await assertMediaAccepted({ organizationId: opts.organizationId, platform: revision.platform, mediaAssetIds: revision.mediaAssetIds }).then(() => null, (e: unknown) => e);
    if (refused) {
      if (!isAppError(refused)) throw refused;
      childLogger({ organizationId: opts.organizationId }).warn({ revisionId: revision.id, platform: revision.platform, reason: refused.key }, "approved version not scheduled: its network refuses its media");
      const rule = refused.key === "content.mediaRequired" ? "mediaRequired" : refused.key === "media.tooManyItems" ? "tooManyItems" : "mediaGate";
      const max = Number((refused.values as { max?: unknown } | undefined)?.max ?? 0);
      await notify({
        organizationId: opts.organizationId,
        to: { roles: ["OWNER", "ADMIN", "EDITOR"] },
        type: "content.versionNotScheduled",
        severity: "WARNING",
        message: { key: "versionNotScheduled", values: { title: (master.title ?? master.body).slice(0, 120), platform: revision.platform, via: revision.approvedVia ?? "HUMAN", rule, max: Number.isFinite(max) ? max : 0 } },
        actionUrl: `/${master.organization.slug}/content/${master.id}`,
        dedupeKey: `version-not-scheduled:${revision.id}`,
        data: { revisionId: revision.id, contentPieceId: pieceId, platform: revision.platform, reason: refused.key, approvedVia: revision.approvedVia },
      });
      continue;
    }
    const scheduledAt = revision.scheduledAt.getTime() > now.getTime() ? revision.scheduledAt : now;
    for (const account of accounts.filter((a) => a.platform === revision.platform)) {
      const idempotencyKey = `pub:${revision.id}:${account.id}`;
      // The publication and its first timeline lines go in together: a retry after a crash between them would find the
      // publication already there and never write its timeline.
      const { rows, row } = await db().$transaction(async (tx) => {
        const rows = await tx.publication.createManyAndReturn({
          data: [{ organizationId: opts.organizationId, brandId: master.brandId, contentPieceId: pieceId, revisionId: revision.id, socialAccountId: account.id, platform: account.platform, status: "SCHEDULED", scheduledAt, idempotencyKey, createdById: master.createdById }],
          skipDuplicates: true,
          select: { id: true, scheduledAt: true },
        });
        const row = rows[0] ?? (await tx.publication.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true, scheduledAt: true } }));
        if (rows.length > 0) {
          await tx.publicationEvent.createMany({
            data: [
              ...(revision.approvedVia === "AUTO" ? [timelineRow({ organizationId: opts.organizationId, publicationId: row.id, key: "autoApproved", values: {}, payload: { revisionId: revision.id }, at: now })] : []),
              ...(revision.approvedVia === "SELF" ? [timelineRow({ organizationId: opts.organizationId, publicationId: row.id, key: "selfApproved", values: {}, payload: { revisionId: revision.id, approvedById: revision.approvedById }, at: now })] : []),
              timelineRow({ organizationId: opts.organizationId, publicationId: row.id, status: "SCHEDULED", key: "scheduled", values: { at: row.scheduledAt.toISOString() }, payload: { revisionId: revision.id }, at: new Date(now.getTime() + 1) }),
            ],
          });
        }
        return { rows, row };
      });
      out.push({ publicationId: row.id, contentPieceId: pieceId, socialAccountId: account.id, platform: account.platform, scheduledAt: row.scheduledAt.toISOString(), created: rows.length > 0 });
    }
  }
  return out;
}
