import "server-only";
import { db } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import { ConnectorError } from "@/lib/connectors/errors";
import { connectors as defaultRegistry, type ConnectorRegistry } from "@/lib/connectors/registry";
import { platformKeyOf, type AdsConnector, type AdTargeting, type ConnectorContext, type PlatformEnum } from "@/lib/connectors/types";
import { AppError, notFound } from "@/lib/errors";
import { connectorContextOf } from "@/lib/oauth/tokens";
import type { RefreshDeps } from "@/lib/oauth/refresh";
import { notify } from "@/lib/providers/notify";
import { readObjectBytes, storage } from "@/lib/providers/storage";
import { OPTIMIZATION_GOAL, PLATFORM_OBJECTIVE } from "./platform-objectives";
import { campaignRequestKey } from "./request-campaign-approval";
import { isHumanSession } from "./spend-decision";
import { assertWithinCaps } from "./spend-guard";

export type LaunchObject = { kind: "campaign" | "adset" | "image" | "creative" | "ad"; localId: string; remoteId: string; status: "ACTIVE" | "PAUSED" };
/** `runKey`: the launch step that wrote it (`<runId>:launch`), so that step's retry after a FAILED commit is known as a replay. */
export type LaunchReport = { attempt: number; at: string; exists: LaunchObject[]; failed: { kind: LaunchObject["kind"]; localId: string; error: string } | null; notPaused?: string[]; runKey?: string };
export type LaunchResult = { campaignId: string; status: "ACTIVE" | "FAILED"; report: LaunchReport };

const LAUNCHABLE = ["APPROVED", "LAUNCHING", "FAILED"] as const;

/**
 * The launch step's own guard (MKT-203 "enforced where it acts"): the campaign's current revision has an
 * APPROVED request whose approving decision was taken by a human session, and its plan fits the caps.
 */
export async function assertLaunchAllowed(organizationId: string, c: { id: string; revision: number; status: string; dailyBudgetMinor: number | null; totalBudgetMinor: number | null; spentMinor: number; startAt: Date | null; endAt: Date | null }, now: Date): Promise<void> {
  if (!(LAUNCHABLE as readonly string[]).includes(c.status)) throw new AppError("conflict", "ads.notApproved");
  const req = await db().approvalRequest.findFirst({
    where: { organizationId, adCampaignId: c.id, idempotencyKey: campaignRequestKey(c.id, c.revision), status: "APPROVED" },
    select: { decisions: { where: { decision: "APPROVE" }, orderBy: { createdAt: "desc" }, take: 1, select: { channel: true, decidedById: true } } },
  });
  const yes = req?.decisions[0];
  if (!yes || !isHumanSession(yes.channel, yes.decidedById)) throw new AppError("conflict", "ads.notApproved");
  await assertWithinCaps({ organizationId, plan: c, now });
}

/**
 * MKT-204: create the approved campaign on its ad network, one object per call, each remote id stored
 * the moment it exists: campaign (paused) -> ad sets (paused) -> images -> creatives -> ads (paused),
 * then activation (ads, ad sets, campaign). Objects that already have a remote id are not created
 * again, so a retry resumes where the last attempt stopped. A failure pauses whatever exists and
 * records exactly what exists and what failed (launchReport); the campaign is then FAILED and can be
 * retried by a person (a new run, a new attempt). `runKey` is the calling step's (`<runId>:launch`): the
 * same step run again after its FAILED committed (the "launch failed" alert failed, or a crash before the
 * checkpoint) is a replay: it gets the stored failure back and the alert again under the same dedupe key,
 * instead of a new attempt whose failure would alert owners and admins a second time.
 */
export async function launchCampaign(opts: { organizationId: string; campaignId: string; runKey?: string; registry?: ConnectorRegistry; refreshDeps?: RefreshDeps; now?: Date }): Promise<LaunchResult> {
  const now = opts.now ?? new Date();
  const load = () =>
    db().adCampaign.findFirst({
      where: { id: opts.campaignId, organizationId: opts.organizationId },
      include: {
        adAccount: true,
        organization: { select: { slug: true } },
        adSets: { orderBy: { id: "asc" } },
        creatives: { orderBy: { id: "asc" }, include: { mediaAsset: { select: { storageKey: true, mimeType: true } } } },
      },
    });
  const c = await load();
  if (!c) throw notFound("campaign");
  if (c.status === "ACTIVE") {
    // A replay (the step died or failed after ACTIVE committed): the owners' "launched" alert again, deduplicated.
    const report = c.launchReport as LaunchReport;
    await announceLaunched(opts.organizationId, c, report.exists.length);
    return { campaignId: c.id, status: "ACTIVE", report };
  }
  const stored = c.launchReport as LaunchReport | null;
  if (c.status === "FAILED" && opts.runKey && stored?.runKey === opts.runKey) {
    // A replay of the step whose attempt failed: that failure, announced again under its key (deduplicated).
    await announceFailed(opts.organizationId, c, stored);
    return { campaignId: c.id, status: "FAILED", report: stored };
  }
  await assertLaunchAllowed(opts.organizationId, c, now);
  const attempt = (stored?.attempt ?? 0) + 1;
  await db().adCampaign.updateMany({ where: { id: c.id, status: { in: [...LAUNCHABLE] } }, data: { status: "LAUNCHING", launchKey: `${opts.organizationId}:launch:${c.id}:r${c.revision}` } });

  const registry = opts.registry ?? defaultRegistry;
  const ads = registry.forAccount({ platform: platformKeyOf(c.platform as PlatformEnum), isSandbox: c.adAccount.isSandbox }) as AdsConnector;
  const ctx: ConnectorContext = connectorContextOf(c.adAccount, opts.refreshDeps);
  const exists: LaunchObject[] = [];
  let current: { kind: LaunchObject["kind"]; localId: string } = { kind: "campaign", localId: c.id };
  const platform = c.platform as keyof typeof PLATFORM_OBJECTIVE;
  // Each object's idempotency key (per approved revision): a network that takes one (the sandbox) answers
  // a create repeated after a crash between the call and the stored remote id with the first object.
  const objectKey = `launch:${c.id}:r${c.revision}`;

  // Set once ACTIVE committed: what follows (the live event, the alert) is outside the try, so a failure
  // there is retried by the step (which answers ACTIVE and announces again), never taken for a failed launch.
  let launched: LaunchReport | null = null;
  try {
    // 1. Campaign, paused.
    let campaignRemote = c.externalId;
    if (!campaignRemote) {
      campaignRemote = (await ads.createCampaign(ctx, { idempotencyKey: `${objectKey}:campaign`, name: c.name, objective: PLATFORM_OBJECTIVE[platform][c.objective], status: "PAUSED", ...(platform === "GOOGLE_ADS" ? { dailyBudgetMinor: c.dailyBudgetMinor ?? undefined } : {}) })).id;
      await db().adCampaign.update({ where: { id: c.id }, data: { externalId: campaignRemote } });
    }
    exists.push({ kind: "campaign", localId: c.id, remoteId: campaignRemote, status: "PAUSED" });

    // 2. Ad sets, paused.
    const adSetRemote = new Map<string, string>();
    for (const s of c.adSets) {
      current = { kind: "adset", localId: s.id };
      let remote = s.externalId;
      if (!remote) {
        remote = (await ads.createAdSet(ctx, { idempotencyKey: `${objectKey}:adset:${s.id}`, campaignId: campaignRemote, name: s.name, dailyBudgetMinor: s.dailyBudgetMinor ?? c.dailyBudgetMinor ?? 0, targeting: s.targeting as unknown as AdTargeting, optimizationGoal: OPTIMIZATION_GOAL[c.objective], status: "PAUSED" })).id;
        await db().adSet.update({ where: { id: s.id }, data: { externalId: remote, status: "PAUSED" } });
      }
      adSetRemote.set(s.id, remote);
      exists.push({ kind: "adset", localId: s.id, remoteId: remote, status: "PAUSED" });
    }

    // 3. Per creative: image upload, creative, ad (paused). One image per media asset (variants share visuals across ad sets).
    const imageOf = new Map<string, string>();
    for (const cr of c.creatives) {
      let imageId = cr.externalImageId ?? (cr.mediaAssetId ? imageOf.get(cr.mediaAssetId) : undefined) ?? null;
      if (!imageId && cr.mediaAsset && ads.uploadImage) {
        current = { kind: "image", localId: cr.id };
        const stored = await storage().get(cr.mediaAsset.storageKey);
        if (!stored) throw new ConnectorError("validation", platformKeyOf(c.platform as PlatformEnum), `visual ${cr.mediaAsset.storageKey} is missing from storage`);
        const bytes = await readObjectBytes(stored);
        imageId = (await ads.uploadImage(ctx, { idempotencyKey: `${objectKey}:image:${cr.id}`, name: `${cr.id}.png`, bytes, mimeType: cr.mediaAsset.mimeType })).id;
        await db().adCreative.update({ where: { id: cr.id }, data: { externalImageId: imageId } });
        exists.push({ kind: "image", localId: cr.id, remoteId: imageId, status: "ACTIVE" });
      }
      if (imageId && cr.mediaAssetId) imageOf.set(cr.mediaAssetId, imageId);
      if (imageId && !cr.externalImageId) await db().adCreative.update({ where: { id: cr.id }, data: { externalImageId: imageId } });
      const content = { text: cr.primaryText, headline: cr.headline, link: cr.linkUrl ?? "https://marketingengine.app", callToAction: cr.callToAction ?? undefined, ...(imageId ? { imageId } : {}) };
      let creativeRemote = cr.externalCreativeId;
      if (!creativeRemote && ads.createCreative) {
        current = { kind: "creative", localId: cr.id };
        creativeRemote = (await ads.createCreative(ctx, { idempotencyKey: `${objectKey}:creative:${cr.id}`, name: cr.name, creative: content })).id;
        await db().adCreative.update({ where: { id: cr.id }, data: { externalCreativeId: creativeRemote } });
      }
      if (creativeRemote) exists.push({ kind: "creative", localId: cr.id, remoteId: creativeRemote, status: "ACTIVE" });
      let adRemote = cr.externalId;
      if (!adRemote) {
        current = { kind: "ad", localId: cr.id };
        adRemote = (await ads.createAd(ctx, { idempotencyKey: `${objectKey}:ad:${cr.id}`, adSetId: adSetRemote.get(cr.adSetId)!, name: cr.name, ...(creativeRemote ? { creativeId: creativeRemote } : {}), creative: content, status: "PAUSED" })).id;
        await db().adCreative.update({ where: { id: cr.id }, data: { externalId: adRemote, status: "PAUSED" } });
      }
      exists.push({ kind: "ad", localId: cr.id, remoteId: adRemote, status: "PAUSED" });
    }

    // 4. Activate: ads, ad sets, then the campaign (the last switch starts delivery).
    for (const o of exists.filter((x) => x.kind === "ad" || x.kind === "adset")) {
      current = { kind: o.kind, localId: o.localId };
      await ads.setStatus(ctx, o.kind === "ad" ? "ad" : "adset", o.remoteId, "ACTIVE");
      o.status = "ACTIVE";
    }
    current = { kind: "campaign", localId: c.id };
    await ads.setStatus(ctx, "campaign", campaignRemote, "ACTIVE");
    exists[0]!.status = "ACTIVE";
    const report: LaunchReport = { attempt, at: now.toISOString(), exists, failed: null };
    await db().$transaction([
      db().adSet.updateMany({ where: { campaignId: c.id }, data: { status: "ACTIVE" } }),
      db().adCreative.updateMany({ where: { campaignId: c.id }, data: { status: "ACTIVE" } }),
      db().adCampaign.update({ where: { id: c.id }, data: { status: "ACTIVE", launchedAt: c.launchedAt ?? now, launchReport: report } }),
    ]);
    launched = report;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    // What exists is read back from the stored remote ids (this attempt's and earlier ones'), and every
    // campaign, ad set and ad among them is paused: nothing spends after a failed launch.
    const after = (await load())!;
    const existing: LaunchObject[] = [
      ...(after.externalId ? [{ kind: "campaign" as const, localId: after.id, remoteId: after.externalId, status: "PAUSED" as const }] : []),
      ...after.adSets.flatMap((s) => (s.externalId ? [{ kind: "adset" as const, localId: s.id, remoteId: s.externalId, status: "PAUSED" as const }] : [])),
      ...after.creatives.flatMap((cr) => [
        ...(cr.externalImageId ? [{ kind: "image" as const, localId: cr.id, remoteId: cr.externalImageId, status: "ACTIVE" as const }] : []),
        ...(cr.externalCreativeId ? [{ kind: "creative" as const, localId: cr.id, remoteId: cr.externalCreativeId, status: "ACTIVE" as const }] : []),
        ...(cr.externalId ? [{ kind: "ad" as const, localId: cr.id, remoteId: cr.externalId, status: "PAUSED" as const }] : []),
      ]),
    ];
    const pausedFailed: string[] = [];
    for (const o of existing.filter((x) => x.kind === "campaign" || x.kind === "adset" || x.kind === "ad")) {
      try {
        await ads.setStatus(ctx, o.kind as "campaign" | "adset" | "ad", o.remoteId, "PAUSED");
      } catch {
        pausedFailed.push(o.remoteId);
      }
    }
    exists.splice(0, exists.length, ...existing);
    const report: LaunchReport = { attempt, at: now.toISOString(), exists, failed: { ...current, error }, ...(pausedFailed.length ? { notPaused: pausedFailed } : {}), ...(opts.runKey ? { runKey: opts.runKey } : {}) };
    await db().$transaction([
      db().adSet.updateMany({ where: { campaignId: c.id, externalId: { not: null } }, data: { status: "PAUSED" } }),
      db().adCreative.updateMany({ where: { campaignId: c.id, externalId: { not: null } }, data: { status: "PAUSED" } }),
      db().adCampaign.update({ where: { id: c.id }, data: { status: "FAILED", launchReport: report } }),
    ]);
    await announceFailed(opts.organizationId, c, report);
    return { campaignId: c.id, status: "FAILED", report };
  }
  await publishLiveEvent(db(), { organizationId: opts.organizationId, type: "campaign.launched", payload: { campaignId: c.id, platform: c.platform } });
  await announceLaunched(opts.organizationId, c, launched.exists.length);
  return { campaignId: c.id, status: "ACTIVE", report: launched };
}

/** Owners and admins hear of a failed launch once per attempt (`campaign-launch-failed:<id>:<attempt>`), replays of its step included. */
function announceFailed(organizationId: string, c: { id: string; name: string; platform: string; organization: { slug: string } }, report: LaunchReport) {
  const error = report.failed?.error ?? "";
  return notify({ organizationId, to: { roles: ["OWNER", "ADMIN"] }, type: "ads.launchFailed", severity: "CRITICAL", message: { key: "campaignLaunchFailed", values: { campaign: c.name, platform: c.platform, existing: report.exists.length, error } }, actionUrl: `/${c.organization.slug}/campaigns/${c.id}`, dedupeKey: `campaign-launch-failed:${c.id}:${report.attempt}` });
}

/** Owners and admins hear of a launch once per campaign and approved revision (`campaign-launched:<id>:r<revision>`). */
function announceLaunched(organizationId: string, c: { id: string; name: string; platform: string; revision: number; organization: { slug: string } }, objects: number) {
  return notify({ organizationId, to: { roles: ["OWNER", "ADMIN"] }, type: "ads.launched", severity: "SUCCESS", message: { key: "campaignLaunched", values: { campaign: c.name, platform: c.platform, objects } }, actionUrl: `/${c.organization.slug}/campaigns/${c.id}`, dedupeKey: `campaign-launched:${c.id}:r${c.revision}` });
}
