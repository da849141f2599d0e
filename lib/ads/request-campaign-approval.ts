import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { notify } from "@/lib/providers/notify";

export const campaignRequestKey = (campaignId: string, revision: number) => `campaign:${campaignId}:r${revision}`;
const REQUESTABLE = ["DRAFT", "PENDING_APPROVAL"] as const;

export type CampaignApprovalRequest = { approvalRequestId: string; campaignId: string; revision: number; created: boolean };

/**
 * MKT-203: the spend gate, always (money). One HIGH-priority request per campaign revision, keyed
 * `campaign:<id>:r<revision>`, whose preview is that exact version (budget, audience, creatives,
 * estimates); a request left for an older revision is cancelled. Approvers are notified once per request.
 */
export async function requestCampaignApproval(opts: { organizationId: string; campaignId: string; requestedBy?: string; runId?: string | null; now?: Date }): Promise<CampaignApprovalRequest> {
  const now = opts.now ?? new Date();
  const c = await db().adCampaign.findFirst({
    where: { id: opts.campaignId, organizationId: opts.organizationId },
    select: {
      id: true, brandId: true, name: true, platform: true, status: true, revision: true, objective: true, currency: true, dailyBudgetMinor: true, totalBudgetMinor: true, targeting: true, expectedKpis: true, startAt: true, endAt: true,
      organization: { select: { slug: true, locale: true } },
      creatives: { orderBy: [{ adSetId: "asc" }, { variantLabel: "asc" }], select: { id: true, variantLabel: true, headline: true, primaryText: true, callToAction: true, mediaAssetId: true, adSet: { select: { name: true } } } },
      adSets: { select: { id: true, name: true, dailyBudgetMinor: true } },
    },
  });
  if (!c) throw notFound("campaign");
  const idempotencyKey = campaignRequestKey(c.id, c.revision);
  const existing = await db().approvalRequest.findUnique({ where: { idempotencyKey }, select: { id: true } });
  if (existing) return { approvalRequestId: existing.id, campaignId: c.id, revision: c.revision, created: false };
  if (!(REQUESTABLE as readonly string[]).includes(c.status)) throw notFound("campaign");

  const amount = new Intl.NumberFormat(c.organization.locale === "en" ? "en-GB" : "fr-FR", { style: "currency", currency: c.currency }).format((c.totalBudgetMinor ?? 0) / 100);
  const created = await db().$transaction(async (tx) => {
    await tx.approvalRequest.updateMany({ where: { organizationId: opts.organizationId, adCampaignId: c.id, status: "PENDING" }, data: { status: "CANCELLED", decidedAt: now, decisionNote: `superseded by revision ${c.revision}`, nextReminderAt: null } });
    const rows = await tx.approvalRequest.createManyAndReturn({
      data: [
        {
          organizationId: opts.organizationId,
          brandId: c.brandId,
          entityType: "AD_CAMPAIGN",
          adCampaignId: c.id,
          status: "PENDING",
          priority: "HIGH",
          title: c.name.slice(0, 200),
          summary: `${c.platform} · ${amount}`,
          preview: {
            revision: c.revision,
            platform: c.platform,
            objective: c.objective,
            currency: c.currency,
            dailyBudgetMinor: c.dailyBudgetMinor,
            totalBudgetMinor: c.totalBudgetMinor,
            startAt: c.startAt?.toISOString() ?? null,
            endAt: c.endAt?.toISOString() ?? null,
            targeting: c.targeting,
            adSets: c.adSets,
            creatives: c.creatives.map((x) => ({ id: x.id, label: x.variantLabel, adSet: x.adSet.name, headline: x.headline, primaryText: x.primaryText, callToAction: x.callToAction, mediaAssetId: x.mediaAssetId })),
            expectedKpis: c.expectedKpis,
          },
          spendAmountMinor: c.totalBudgetMinor,
          currency: c.currency,
          idempotencyKey,
          requestedBy: opts.requestedBy ?? "mkt-203-spend-approval",
          runId: opts.runId ?? null,
          nextReminderAt: new Date(now.getTime() + 24 * 3600_000),
          createdAt: now,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (rows.length === 0) return null;
    await tx.adCampaign.updateMany({ where: { id: c.id, organizationId: opts.organizationId, revision: c.revision, status: { in: [...REQUESTABLE] } }, data: { status: "PENDING_APPROVAL" } });
    return rows[0]!;
  });
  if (!created) return requestCampaignApproval(opts);
  await notify({
    organizationId: opts.organizationId,
    to: { roles: ["OWNER", "ADMIN", "EDITOR"] },
    type: "approval.requested",
    severity: "WARNING",
    message: { key: "spendApprovalRequested", values: { platform: c.platform, amount, campaign: c.name } },
    actionUrl: `/${c.organization.slug}/campaigns/${c.id}`,
    dedupeKey: `approval:${created.id}:requested`,
    data: { approvalRequestId: created.id, campaignId: c.id, revision: c.revision },
  });
  return { approvalRequestId: created.id, campaignId: c.id, revision: c.revision, created: true };
}
