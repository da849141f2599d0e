import "server-only";
import { randomUUID } from "node:crypto";
import { signTiktokWebhook } from "@/lib/connectors/tiktok/webhook-signature";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TestLeadResultDto, TestLeadSource } from "../contracts";
import { receiveGoogleAdsLead } from "./receive-google-ads-lead";
import { receiveTiktokLead } from "./receive-tiktok-lead";
import { ensureSourceSecret } from "./source-secrets";
import { tiktokLeadSecret } from "./tiktok-lead-secret";

const WAIT_MS = 8_000;

/**
 * "Send a test lead" (Settings -> Lead sources): a lead marked as a test, in the platform's own
 * shape, through the same receiver a delivery from the platform goes through — Google Ads with the
 * organisation's google_key, TikTok signed with the key TikTok signs with and its connected
 * advertiser — then processed by mkt-301 like any other. Waits a few seconds for the lead so the page
 * can link to it; if processing takes longer, the submission is returned still RECEIVED.
 */
export async function sendTestLead(opts: { organizationId: string; source: TestLeadSource; now?: Date }): Promise<TestLeadResultDto> {
  const now = opts.now ?? new Date();
  const tag = randomUUID().replace(/-/g, "").slice(0, 10);
  const email = `test-lead+${tag}@example.com`;
  let submissionId: string;
  if (opts.source === "google_ads") {
    const { secret } = await ensureSourceSecret({ organizationId: opts.organizationId, type: "GOOGLE_LEAD_ADS" });
    const stored = await receiveGoogleAdsLead({
      lead_id: `test-${tag}`,
      api_version: "1.0",
      form_id: "test",
      google_key: secret,
      is_test: true,
      user_column_data: [
        { column_id: "FULL_NAME", column_name: "Full Name", string_value: "Test Lead" },
        { column_id: "EMAIL", column_name: "User Email", string_value: email },
      ],
    });
    submissionId = stored.submissionId;
  } else {
    const advertiser = await db().socialAccount.findFirst({
      where: { organizationId: opts.organizationId, platform: "TIKTOK_ADS", status: { not: "DISCONNECTED" } },
      orderBy: { createdAt: "asc" },
      select: { externalId: true },
    });
    if (!advertiser) throw new AppError("conflict", "leads.testLeadNoTiktok", { field: "source" });
    const secret = tiktokLeadSecret();
    if (!secret) throw new AppError("conflict", "leads.testLeadTiktokOff", { field: "source" });
    const t = Math.floor(now.getTime() / 1000);
    const lead = { advertiser_id: advertiser.externalId, lead_id: `test-${tag}`, page_id: "test", is_test: true, create_time: t, fields: [{ field_name: "name", field_value: "Test Lead" }, { field_name: "email", field_value: email }] };
    const raw = JSON.stringify({ client_key: "test", event: "lead.created", create_time: t, content: JSON.stringify(lead) });
    await receiveTiktokLead({ headers: new Headers({ "tiktok-signature": signTiktokWebhook(secret, raw, t) }), rawBody: new TextEncoder().encode(raw), now, onlyOrganizationId: opts.organizationId });
    submissionId = (await db().leadSubmission.findFirstOrThrow({ where: { organizationId: opts.organizationId, dedupeKey: `tiktok:test-${tag}` }, select: { id: true } })).id;
  }
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const sub = await db().leadSubmission.findFirstOrThrow({ where: { id: submissionId, organizationId: opts.organizationId }, select: { status: true, leadId: true, errorMessage: true } });
    if (sub.status !== "RECEIVED" || Date.now() > deadline) return { source: opts.source, submissionId, status: sub.status, leadId: sub.leadId, email, error: sub.errorMessage };
    await new Promise((r) => setTimeout(r, 200));
  }
}
