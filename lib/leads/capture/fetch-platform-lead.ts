import "server-only";
import { connectors } from "@/lib/connectors/registry";
import type { PlatformConnector } from "@/lib/connectors/types";
import { Prisma, db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { connectorContextOf } from "@/lib/oauth/tokens";

/**
 * Lead-ad notifications that carry only an id (Meta leadgen): read the answers through the Graph API
 * with the token of the account the lead form is bound to, and keep them in the submission's payload
 * beside the notification (`lead`). Nothing to do for sources that send the answers, or once fetched.
 */
export async function fetchPlatformLead(opts: { organizationId: string; submissionId: string }): Promise<{ fetched: boolean }> {
  const sub = await db().leadSubmission.findFirst({
    where: { id: opts.submissionId, organizationId: opts.organizationId },
    select: { id: true, sourceType: true, payload: true, source: { select: { socialAccount: true } } },
  });
  if (!sub) throw notFound("leadSubmission");
  const payload = (sub.payload ?? {}) as Record<string, unknown>;
  if (sub.sourceType !== "META_LEAD_ADS" || payload.lead) return { fetched: false };
  const account = sub.source?.socialAccount;
  const leadId = String((payload.notification as Record<string, unknown> | undefined)?.leadgen_id ?? "");
  if (!account || account.organizationId !== opts.organizationId) throw new AppError("not_found", "leads.unknownPage");
  const connector = connectors.forAccount({ platform: "facebook", isSandbox: account.isSandbox }) as PlatformConnector;
  if (!connector.getLead) throw new AppError("upstream", "leads.platformLead", { values: { detail: "unsupported" } });
  const lead = await connector.getLead(connectorContextOf(account), leadId);
  const stored = {
    id: lead.id,
    form_id: lead.formId,
    ad_id: lead.adId,
    campaign_id: lead.campaignId,
    created_time: lead.createdAt?.toISOString() ?? null,
    is_organic: lead.isOrganic,
    field_data: lead.fieldData,
  };
  await db().leadSubmission.update({ where: { id: sub.id }, data: { payload: { ...payload, lead: stored } as Prisma.InputJsonValue } });
  return { fetched: true };
}
