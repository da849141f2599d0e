import "server-only";
import { inngest } from "@/inngest/client";
import { adsCampaignApproved } from "@/inngest/events";
import { db, type Prisma } from "@/lib/db/client";
import { childLogger } from "@/lib/log";
import type { ApprovalChannel, ApprovalDecisionType } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { campaignRequestKey } from "./request-campaign-approval";
import { assertWithinCaps } from "./spend-guard";

type Tx = Prisma.TransactionClient;
type SpendRequest = { id: string; entityType: string; adCampaignId: string | null; idempotencyKey: string };

/** Spend is approved by a signed-in person in the app: never an API key, an email link or a Slack button. */
export function isHumanSession(channel: ApprovalChannel, decidedById: string | null | undefined): boolean {
  return channel === "IN_APP" && !!decidedById;
}

/**
 * The spend gate's part of a decision (MKT-203/206), inside the decision's transaction: ad requests
 * are decided only by a human session; approving a campaign needs the request to be for its current
 * revision and its plan to fit the caps (refused naming the cap); the campaign then becomes APPROVED
 * (that revision) or, when rejected, REJECTED (archived).
 */
export async function applySpendDecision(tx: Tx, r: SpendRequest, d: { organizationId: string; decision: ApprovalDecisionType; channel: ApprovalChannel; decidedById?: string | null; now: Date }): Promise<void> {
  if (r.entityType !== "AD_CAMPAIGN" && r.entityType !== "AD_OPTIMIZATION") return;
  if (!isHumanSession(d.channel, d.decidedById)) throw new AppError("forbidden", "ads.humanApprovalRequired");
  if (r.entityType !== "AD_CAMPAIGN" || !r.adCampaignId) return;
  const c = await tx.adCampaign.findFirst({
    where: { id: r.adCampaignId, organizationId: d.organizationId },
    select: { id: true, revision: true, status: true, dailyBudgetMinor: true, totalBudgetMinor: true, spentMinor: true, startAt: true, endAt: true },
  });
  if (!c) return;
  if (campaignRequestKey(c.id, c.revision) !== r.idempotencyKey) throw new AppError("conflict", "ads.staleRevision");
  if (d.decision === "APPROVE") {
    await assertWithinCaps({ organizationId: d.organizationId, plan: c, now: d.now }, tx);
    await tx.adCampaign.updateMany({ where: { id: c.id, revision: c.revision, status: { in: ["DRAFT", "PENDING_APPROVAL"] } }, data: { status: "APPROVED" } });
  } else if (d.decision === "REJECT") {
    await tx.adCampaign.updateMany({ where: { id: c.id, revision: c.revision, status: { in: ["DRAFT", "PENDING_APPROVAL"] } }, data: { status: "REJECTED" } });
  } else {
    await tx.adCampaign.updateMany({ where: { id: c.id, revision: c.revision, status: "PENDING_APPROVAL" }, data: { status: "DRAFT" } });
  }
}

/**
 * After a human yes on a campaign's spend request has committed: ads/campaign.approved at once, so
 * MKT-204 launches without depending on MKT-203's wait having been registered before the click (a
 * decision made in that gap would otherwise only be read at its next re-check, hours later). The id is
 * the one MKT-203 sends too: the executor keeps one event, so there is one launch. A failed send is
 * logged: MKT-203 still emits it when it reads the decision.
 */
export async function emitCampaignApproved(opts: { organizationId: string; approvalRequestId: string }): Promise<void> {
  const r = await db().approvalRequest.findFirst({
    where: { id: opts.approvalRequestId, organizationId: opts.organizationId, entityType: "AD_CAMPAIGN", status: "APPROVED" },
    select: { idempotencyKey: true, adCampaign: { select: { id: true, revision: true, status: true } } },
  });
  const c = r?.adCampaign;
  if (!r || !c || c.status !== "APPROVED" || r.idempotencyKey !== campaignRequestKey(c.id, c.revision)) return;
  try {
    await inngest.send(adsCampaignApproved.create({ organizationId: opts.organizationId, campaignId: c.id, revision: c.revision, approvalRequestId: opts.approvalRequestId }, { id: `campaign-approved-${opts.approvalRequestId}` }));
  } catch (err) {
    childLogger({ organizationId: opts.organizationId }).error({ err, approvalRequestId: opts.approvalRequestId }, "ads/campaign.approved could not be sent; MKT-203 sends it when it reads the decision");
  }
}
