import "server-only";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { requestCampaignApproval } from "./request-campaign-approval";
import type { ReviseCampaignInput } from "./schemas";
import { assertWithinCaps } from "./spend-guard";

const EDITABLE = ["DRAFT", "PENDING_APPROVAL"] as const;

/**
 * MKT-203 "modify": edit the budget, audience or copy of a proposed campaign. The caps are checked
 * first (refused naming the cap); the change makes a new revision, the pending request of the old one
 * is cancelled, and a new request (re-notified) waits for its own human yes.
 */
export async function reviseCampaign(opts: { organizationId: string; campaignId: string; changes: ReviseCampaignInput; userId?: string | null; now?: Date }): Promise<{ campaignId: string; revision: number; approvalRequestId: string }> {
  const now = opts.now ?? new Date();
  const ch = opts.changes;
  const c = await db().adCampaign.findFirst({
    where: { id: opts.campaignId, organizationId: opts.organizationId },
    select: { id: true, status: true, revision: true, dailyBudgetMinor: true, totalBudgetMinor: true, spentMinor: true, startAt: true, endAt: true, targeting: true, adSets: { select: { id: true, dailyBudgetMinor: true } }, creatives: { select: { id: true } } },
  });
  if (!c) throw notFound("campaign");
  if (!(EDITABLE as readonly string[]).includes(c.status)) throw new AppError("conflict", "ads.notEditable", { values: { status: c.status } });
  for (const cr of ch.creatives ?? []) if (!c.creatives.some((x) => x.id === cr.id)) throw notFound("campaign", { field: "creatives" });

  const daily = ch.dailyBudgetMinor ?? c.dailyBudgetMinor ?? 0;
  const days = c.startAt && c.endAt ? Math.max(1, Math.round((c.endAt.getTime() - c.startAt.getTime()) / 86_400_000)) : 1;
  // A new daily budget keeps the duration (total follows) unless a total is given too.
  const total = ch.totalBudgetMinor ?? (ch.dailyBudgetMinor !== undefined ? daily * days : (c.totalBudgetMinor ?? daily));
  const endAt = ch.totalBudgetMinor !== undefined && daily > 0 ? new Date((c.startAt ?? now).getTime() + Math.max(1, Math.ceil(total / daily)) * 86_400_000) : c.endAt;
  await assertWithinCaps({ organizationId: opts.organizationId, plan: { ...c, dailyBudgetMinor: daily, totalBudgetMinor: total, endAt } });

  const revision = await db().$transaction(async (tx) => {
    const moved = await tx.adCampaign.updateMany({
      where: { id: c.id, organizationId: opts.organizationId, revision: c.revision, status: { in: [...EDITABLE] } },
      data: { revision: { increment: 1 }, status: "DRAFT", dailyBudgetMinor: daily, totalBudgetMinor: total, endAt, ...(ch.targeting ? { targeting: { ...(c.targeting as object), ...ch.targeting } } : {}) },
    });
    if (moved.count === 0) throw new AppError("conflict", "ads.notEditable", { values: { status: c.status } });
    if (ch.dailyBudgetMinor !== undefined && c.adSets.length) {
      const per = Math.floor(daily / c.adSets.length);
      for (const [i, s] of c.adSets.entries()) await tx.adSet.update({ where: { id: s.id }, data: { dailyBudgetMinor: i === 0 ? daily - per * (c.adSets.length - 1) : per } });
    }
    if (ch.targeting) await tx.adSet.updateMany({ where: { campaignId: c.id, organizationId: opts.organizationId }, data: { targeting: ch.targeting } });
    for (const cr of ch.creatives ?? []) await tx.adCreative.update({ where: { id: cr.id }, data: { ...(cr.headline ? { headline: cr.headline } : {}), ...(cr.primaryText ? { primaryText: cr.primaryText } : {}) } });
    return c.revision + 1;
  });
  await inngest.send({ id: `campaign-revised-${c.id}-r${revision}`, name: "ads/campaign.revised", data: { organizationId: opts.organizationId, adCampaignId: c.id, revision } });
  const req = await requestCampaignApproval({ organizationId: opts.organizationId, campaignId: c.id, requestedBy: "mkt-203-modify", now });
  await inngest.send({ id: `approval-requested-${req.approvalRequestId}`, name: "approval/requested", data: { organizationId: opts.organizationId, approvalRequestId: req.approvalRequestId, entityType: "AD_CAMPAIGN", adCampaignId: c.id } });
  return { campaignId: c.id, revision, approvalRequestId: req.approvalRequestId };
}
