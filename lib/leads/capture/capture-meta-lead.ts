import "server-only";
import type { NormalisedEvent } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { storeSubmission, type StoreSubmissionResult } from "./store-submission";

type LeadEvent = Extract<NormalisedEvent, { type: "lead.created" }>;

/**
 * A Meta `leadgen` change for a connected Page: stored as received (the notification carries only
 * ids), under the lead form as a lead source bound to the account whose token reads the answers.
 * The lead id is the delivery's identity: Meta's redeliveries store nothing new.
 */
export async function captureMetaLead(opts: { event: LeadEvent; account: { id: string; organizationId: string } }): Promise<StoreSubmissionResult> {
  const { event, account } = opts;
  const formKey = event.formId ?? `page:${event.accountExternalId}`;
  const where = { organizationId_type_externalId: { organizationId: account.organizationId, type: "META_LEAD_ADS" as const, externalId: formKey } };
  // The first delivery of a form creates its source; concurrent deliveries find it.
  const known = await db().leadSource.findUnique({ where, select: { id: true } });
  if (!known) await db().leadSource.createMany({
    data: [{ organizationId: account.organizationId, type: "META_LEAD_ADS", externalId: formKey, socialAccountId: account.id, name: `Meta lead form ${formKey}` }],
    skipDuplicates: true,
  });
  const source = known ?? (await db().leadSource.findUniqueOrThrow({ where, select: { id: true } }));
  return storeSubmission({
    organizationId: account.organizationId,
    sourceType: "META_LEAD_ADS",
    sourceId: source.id,
    sourceDetail: event.formId,
    dedupeKey: `meta:${event.leadId}`,
    payload: { notification: { leadgen_id: event.leadId, form_id: event.formId, ad_id: event.adId, page_id: event.accountExternalId, created_time: event.occurredAt.toISOString() } },
  });
}
