import "server-only";
import { AppError } from "@/lib/errors";
import { findSourceBySecret } from "./source-secrets";
import { storeSubmission, type StoreSubmissionResult } from "./store-submission";

type GoogleLeadBody = { lead_id: string; google_key: string; is_test?: boolean; form_id?: string | number } & Record<string, unknown>;

/**
 * POST /api/webhooks/google-ads-leads: Google Ads' lead form webhook. Its `google_key` (the key the
 * organisation pasted into the form's webhook settings) names the organisation; an unknown key is a
 * 401 and nothing is stored. The lead id is the delivery's identity (Google retries on failure);
 * `is_test` leads are stored and processed, marked as tests.
 */
export async function receiveGoogleAdsLead(body: GoogleLeadBody): Promise<StoreSubmissionResult> {
  const source = await findSourceBySecret("GOOGLE_LEAD_ADS", body.google_key);
  if (!source) throw new AppError("unauthorized", "leads.unknownKey", { field: "google_key" });
  const { google_key: _secret, ...payload } = body;
  return storeSubmission({
    organizationId: source.organizationId,
    sourceType: "GOOGLE_LEAD_ADS",
    sourceId: source.id,
    sourceDetail: body.form_id !== undefined ? String(body.form_id) : null,
    dedupeKey: `google:${body.lead_id}`,
    payload,
    isTest: body.is_test === true,
  });
}
