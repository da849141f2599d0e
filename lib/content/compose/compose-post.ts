import "server-only";
import { inngest } from "@/inngest/client";
import { db, type Prisma } from "@/lib/db/client";
import type { Platform, Role } from "@/lib/db/generated/enums";
import { notifyApprovalRequested } from "@/lib/approvals/notify-approval-requested";
import { requestApproval } from "@/lib/approvals/request-approval";
import { sendApprovalEmails } from "@/lib/approvals/send-approval-email";
import { scheduleAdaptedPublications } from "@/lib/content/adaptation/schedule-adapted-publications";
import { PUBLISHING_PLATFORMS, rulesFor } from "@/lib/content/platform-rules";
import { recordApprovedRevision, type ExplicitVersion } from "@/lib/content/revisions/network-revisions";
import { AppError, notFound } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { assertMediaAccepted } from "@/lib/media/convert-for-network";
import { cancelPublication } from "@/lib/publishing/cancel-publication";
import { defaultPublishingDeps, publicationScheduledEvent, type PublishingDeps } from "@/lib/publishing/deps";
import type { ComposedPostDto } from "./contracts";
import type { ComposePostInput } from "./schemas";

type Tx = Prisma.TransactionClient;

/** Who writes: a person with their role, or an API key (never a "yes" of its own: its posts go to approval). */
export type ComposeActor = { kind: "user"; userId: string; role: Role } | { kind: "apiKey" };

/** An owner or admin may publish their own text directly (they approve it); everyone else needs approval. */
export function approvesOwnPost(actor: ComposeActor): boolean {
  return actor.kind === "user" && (actor.role === "OWNER" || actor.role === "ADMIN");
}

/**
 * The composer (issue 9): a hand-written post becomes one content piece (aiGenerated false) and one
 * network version (ContentRevision) per network of the chosen accounts, with exactly the person's
 * text, media, first comment and time. Everything is checked before anything is written: accounts and
 * media of the organisation (another's = 404), each network's text limit and media rules from the
 * platform-rules table (422 naming the rule, the network and the field).
 *
 * Then the one approval rule: an owner or admin's own text is approved by them (revisions via SELF,
 * written on each publication's timeline) and scheduled at once on the chosen accounts (the MKT-106
 * scheduler, then publication/scheduled for MKT-107); anyone else's goes through requestApproval
 * (MKT-104: queue, notifications, approval/requested) and is scheduled only after a person's yes.
 * `contentId` edits a post: its publications that have not started are cancelled and replaced.
 */
export async function composePost(o: { organizationId: string; actor: ComposeActor; input: ComposePostInput; now?: Date; deps?: PublishingDeps }): Promise<ComposedPostDto> {
  const now = o.now ?? new Date();
  const deps = o.deps ?? defaultPublishingDeps();
  const input = o.input;
  const text = input.text.trim();
  const firstComment = input.firstComment?.trim() || null;
  const accountIds = [...new Set(input.accountIds)];
  const mediaAssetIds = input.mediaAssetIds ?? [];
  const userId = o.actor.kind === "user" ? o.actor.userId : null;

  const [accounts, assets, existing] = await Promise.all([
    db().socialAccount.findMany({ where: { organizationId: o.organizationId, id: { in: accountIds } }, select: { id: true, platform: true, status: true, name: true, brandId: true } }),
    mediaAssetIds.length ? db().mediaAsset.findMany({ where: { organizationId: o.organizationId, id: { in: mediaAssetIds } }, select: { id: true, status: true } }) : [],
    input.contentId ? db().contentPiece.findFirst({ where: { id: input.contentId, organizationId: o.organizationId, parentId: null }, select: { id: true, brandId: true, revision: true } }) : null,
  ]);
  if (input.contentId && !existing) throw notFound("content", { field: "contentId" });
  if (accounts.length !== accountIds.length) throw notFound("account", { field: "accountIds" });
  if (new Set(assets.map((a) => a.id)).size !== new Set(mediaAssetIds).size) throw notFound("media", { field: "mediaAssetIds" });
  if (assets.some((a) => a.status !== "READY")) throw new AppError("validation", "media.notReady", { field: "mediaAssetIds" });
  // In the order of the accounts given; one version per network.
  const ordered = accountIds.map((id) => accounts.find((a) => a.id === id)!);
  const networks: Platform[] = [];
  for (const a of ordered) {
    const name = a.platform === "WHATSAPP" || (PUBLISHING_PLATFORMS as string[]).includes(a.platform) ? rulesFor(a.platform).name : a.platform;
    if (!(PUBLISHING_PLATFORMS as string[]).includes(a.platform)) throw new AppError("validation", "content.notPublishingAccount", { field: "accountIds", values: { platform: name } });
    if (a.status !== "ACTIVE") throw new AppError("validation", "content.accountNotActive", { field: "accountIds", values: { platform: name, name: a.name } });
    if (!networks.includes(a.platform)) networks.push(a.platform);
  }
  for (const p of networks) {
    const rule = rulesFor(p);
    if (!text && mediaAssetIds.length === 0) throw new AppError("validation", "validation.textRequired", { field: "text" });
    if (text.length > rule.text.max) throw new AppError("validation", "validation.textTooLongFor", { field: "text", values: { platform: rule.name, max: rule.text.max, length: text.length } });
    if (firstComment && !rule.firstComment) throw new AppError("validation", "validation.noFirstComment", { field: "firstComment", values: { platform: rule.name } });
    await assertMediaAccepted({ organizationId: o.organizationId, platform: p, mediaAssetIds, field: "mediaAssetIds" });
  }
  const scheduledAt = input.publishNow ? now : new Date(input.scheduledAt!);
  if (scheduledAt.getTime() < now.getTime() - 60_000) throw new AppError("validation", "publishing.timeInPast", { field: "scheduledAt" });
  const brandId = existing?.brandId ?? ordered.find((a) => a.brandId)?.brandId ?? (await defaultBrandId(o.organizationId));

  const self = approvesOwnPost(o.actor);
  const versions: ExplicitVersion[] = networks.map((platform) => ({ platform, text, firstComment: rulesFor(platform).firstComment ? firstComment : null, mediaAssetIds, scheduledAt, createdById: userId }));
  const context = { composer: { accountIds, writtenBy: userId, publishNow: !!input.publishNow } };

  if (existing) await replaceUnstartedPublications({ organizationId: o.organizationId, contentPieceId: existing.id, userId, deps });
  const piece = await db().$transaction(async (tx: Tx) => {
    const data = {
      platform: networks.length === 1 ? networks[0]! : null,
      format: "POST" as const,
      status: self ? ("APPROVED" as const) : ("DRAFT" as const),
      title: null,
      body: text,
      hashtags: [],
      aiGenerated: false,
      generationContext: context,
      targetPublishAt: scheduledAt,
      ...(self ? { approvedAt: now, approvedById: userId } : {}),
    };
    const row = existing
      ? await tx.contentPiece.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } }, select: { id: true } })
      : await tx.contentPiece.create({ data: { ...data, organizationId: o.organizationId, brandId, createdById: userId, createdAt: now }, select: { id: true } });
    await tx.contentPieceMedia.deleteMany({ where: { pieceId: row.id, organizationId: o.organizationId } });
    if (mediaAssetIds.length) await tx.contentPieceMedia.createMany({ data: mediaAssetIds.map((assetId, position) => ({ organizationId: o.organizationId, pieceId: row.id, assetId, position })) });
    if (existing) await tx.approvalRequest.updateMany({ where: { organizationId: o.organizationId, contentPieceId: row.id, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: now, nextReminderAt: null } });
    if (self) for (const v of versions) await recordApprovedRevision({ organizationId: o.organizationId, contentPieceId: row.id, ...v, approvedById: userId, via: "SELF", now, tx });
    return row;
  });

  if (self) return scheduleNow({ organizationId: o.organizationId, contentPieceId: piece.id, now, deps });

  const req = await requestApproval({ organizationId: o.organizationId, contentPieceId: piece.id, requestedBy: userId ? `user:${userId}` : "api", now, versions }).catch(async (err: unknown) => {
    if (!existing) await db().contentPiece.deleteMany({ where: { id: piece.id, organizationId: o.organizationId } }); // nothing half-written
    throw err;
  });
  const revisions = await db().contentRevision.findMany({ where: { organizationId: o.organizationId, approvalRequestId: req.approvalRequestId, supersededAt: null }, select: { id: true, platform: true, text: true, approvedAt: true } });
  if (req.autoApproved) {
    const scheduled = await scheduleNow({ organizationId: o.organizationId, contentPieceId: piece.id, now, deps });
    return { ...scheduled, approvalRequestId: req.approvalRequestId };
  }
  await announceRequest({ organizationId: o.organizationId, approvalRequestId: req.approvalRequestId, contentPieceId: piece.id });
  return {
    contentId: piece.id,
    outcome: "pending",
    approvalRequestId: req.approvalRequestId,
    networks: revisions.map((r) => ({ platform: r.platform, revisionId: r.id, text: r.text, approved: r.approvedAt !== null })),
    publications: [],
  };
}

async function defaultBrandId(organizationId: string): Promise<string> {
  const brand = await db().brand.findFirst({ where: { organizationId }, orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }], select: { id: true } });
  if (!brand) throw new AppError("validation", "content.noBrand", { field: "accountIds" });
  return brand.id;
}

/** The approved versions on the chosen accounts (the MKT-106 scheduler), then publication/scheduled per publication (MKT-107). */
async function scheduleNow(o: { organizationId: string; contentPieceId: string; now: Date; deps: PublishingDeps }): Promise<ComposedPostDto> {
  const pubs = await scheduleAdaptedPublications({ organizationId: o.organizationId, contentPieceId: o.contentPieceId, now: o.now });
  const fresh = pubs.filter((p) => p.created);
  if (fresh.length) await o.deps.send(fresh.map((p) => publicationScheduledEvent({ organizationId: o.organizationId, publicationId: p.publicationId, scheduledAt: p.scheduledAt }, `publication-scheduled-${p.publicationId}`)));
  const revisions = await db().contentRevision.findMany({ where: { organizationId: o.organizationId, contentPieceId: o.contentPieceId, supersededAt: null }, select: { id: true, platform: true, text: true, approvedAt: true } });
  return {
    contentId: o.contentPieceId,
    outcome: "scheduled",
    approvalRequestId: null,
    networks: revisions.map((r) => ({ platform: r.platform, revisionId: r.id, text: r.text, approved: r.approvedAt !== null })),
    publications: pubs.map((p) => ({ id: p.publicationId, platform: p.platform, socialAccountId: p.socialAccountId, scheduledAt: p.scheduledAt })),
  };
}

/** An edit replaces the post's publications that have not started (the cancel use case: timeline, events). */
async function replaceUnstartedPublications(o: { organizationId: string; contentPieceId: string; userId: string | null; deps: PublishingDeps }) {
  const pubs = await db().publication.findMany({ where: { organizationId: o.organizationId, contentPieceId: o.contentPieceId, status: "SCHEDULED", recurrenceParentId: null }, select: { id: true } });
  for (const p of pubs) await cancelPublication({ organizationId: o.organizationId, publicationId: p.id, series: true, cancelledById: o.userId, deps: o.deps });
}

/** MKT-104's announcements of a new request (in-app, Slack, email) and approval/requested, which starts the wait for the decision. */
async function announceRequest(o: { organizationId: string; approvalRequestId: string; contentPieceId: string }) {
  const log = childLogger({ organizationId: o.organizationId });
  await notifyApprovalRequested(o).catch((err: unknown) => log.error({ err, approvalRequestId: o.approvalRequestId }, "composer: approval notification failed"));
  await sendApprovalEmails(o).catch((err: unknown) => log.error({ err, approvalRequestId: o.approvalRequestId }, "composer: approval emails failed"));
  await inngest
    .send({ id: `approval-requested-${o.approvalRequestId}`, name: "approval/requested", data: { organizationId: o.organizationId, approvalRequestId: o.approvalRequestId, entityType: "CONTENT_PIECE", contentPieceId: o.contentPieceId } })
    .catch((err: unknown) => log.error({ err, approvalRequestId: o.approvalRequestId }, "composer: approval/requested could not be sent"));
}
