import "server-only";
import { verifyTiktokWebhook } from "@/lib/connectors/tiktok/webhook-signature";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { storeSubmission } from "./store-submission";
import { tiktokLeadSecret } from "./tiktok-lead-secret";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const idOf = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" && Number.isFinite(v) ? String(v) : null);

export type TiktokLeadReceipt = { received: number; stored: number; duplicates: number; ignored: number };

/**
 * The leads a delivery carries, each with its advertiser. Shapes read:
 *  - TikTok's webhook envelope `{ client_key, event, create_time, content }` whose `content` is the
 *    lead, as a JSON string (developers.tiktok.com/doc/webhooks-events) or an object;
 *  - one lead at the top level `{ advertiser_id, lead_id, page_id, … answers }`;
 *  - a batch `{ advertiser_id?, leads: [ … ] }`.
 * Answers stay as sent (`fields` / `field_data` / `user_info` / `lead_data.field_list`), read on processing.
 */
export function tiktokLeadsOf(body: unknown): { lead: Obj; leadId: string; advertiserId: string }[] {
  if (!isObj(body)) throw new AppError("bad_request", "http.jsonObject", { field: "body" });
  let top: Obj = body;
  if ("content" in body) {
    let content: unknown = body.content;
    if (typeof content === "string") {
      try {
        content = JSON.parse(content);
      } catch {
        throw new AppError("validation", "leads.replyPayload", { field: "content" });
      }
    }
    if (!isObj(content)) throw new AppError("validation", "leads.replyPayload", { field: "content" });
    top = { ...content, ...(body.event !== undefined ? { event: body.event } : {}), ...(body.create_time !== undefined && content.create_time === undefined ? { create_time: body.create_time } : {}) };
  }
  const list = Array.isArray(top.leads) ? top.leads : [top];
  return list.map((item, i) => {
    const field = Array.isArray(top.leads) ? `leads.${i}` : "";
    if (!isObj(item)) throw new AppError("validation", "leads.replyPayload", { field: field || "body" });
    const advertiserId = idOf(item.advertiser_id) ?? idOf(top.advertiser_id);
    const leadId = idOf(item.lead_id) ?? idOf(item.leadgen_id) ?? idOf(item.id);
    if (!advertiserId) throw new AppError("validation", "leads.replyPayload", { field: field ? `${field}.advertiser_id` : "advertiser_id" });
    if (!leadId) throw new AppError("validation", "leads.replyPayload", { field: field ? `${field}.lead_id` : "lead_id" });
    const lead: Obj = { ...item, advertiser_id: advertiserId, lead_id: leadId };
    if (lead.fields === undefined && isObj(item.lead_data) && Array.isArray(item.lead_data.field_list)) lead.fields = item.lead_data.field_list;
    return { lead, leadId, advertiserId };
  });
}

/**
 * POST /api/webhooks/tiktok-leads: TikTok lead generation. `TikTok-Signature` (HMAC-SHA256 of
 * `t.body` with the app's secret, 5 minutes of tolerance) is checked before the body is read:
 * missing, wrong or stale -> 401, nothing stored. Each lead's advertiser id maps to the organisations
 * that connected that TikTok Ads account; the lead is stored raw under a lead source of the
 * advertiser (keyed `tiktok:<lead id>`: TikTok's retries and replays store nothing new), then mkt-301
 * normalises it. A lead of an advertiser nobody connected is acknowledged and logged, like Meta's.
 * `onlyOrganizationId`: a test lead sent from an organisation's settings reaches that organisation only.
 */
export async function receiveTiktokLead(opts: { headers: Headers; rawBody: Uint8Array; now?: Date; onlyOrganizationId?: string }): Promise<TiktokLeadReceipt> {
  const secret = tiktokLeadSecret();
  if (!secret) throw new AppError("unauthorized", "leads.signature", { field: "TikTok-Signature", values: { reason: "TIKTOK_ADS_SECRET is not set" } });
  const check = verifyTiktokWebhook({ secret, header: opts.headers.get("tiktok-signature"), rawBody: opts.rawBody, now: opts.now ?? new Date() });
  if (!check.ok) throw new AppError("unauthorized", "leads.signature", { field: "TikTok-Signature", values: { reason: check.reason } });
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(opts.rawBody));
  } catch {
    throw new AppError("bad_request", "http.invalidJson", { field: "body" });
  }
  const leads = tiktokLeadsOf(body);
  const receipt: TiktokLeadReceipt = { received: leads.length, stored: 0, duplicates: 0, ignored: 0 };
  for (const { lead, leadId, advertiserId } of leads) {
    const accounts = await db().socialAccount.findMany({
      where: { platform: "TIKTOK_ADS", externalId: advertiserId, status: { not: "DISCONNECTED" }, ...(opts.onlyOrganizationId ? { organizationId: opts.onlyOrganizationId } : {}) },
      orderBy: { createdAt: "asc" },
      select: { id: true, organizationId: true },
    });
    const seen = new Set<string>();
    const owners = accounts.filter((a) => !seen.has(a.organizationId) && seen.add(a.organizationId));
    if (owners.length === 0) {
      receipt.ignored++;
      childLogger({ advertiserId }).info({ leadId }, "tiktok lead ignored: no organisation connected this advertiser");
      continue;
    }
    for (const account of owners) {
      const sourceId = await leadSourceOf({ organizationId: account.organizationId, accountId: account.id, advertiserId });
      const formId = idOf(lead.form_id) ?? idOf(lead.page_id);
      const stored = await storeSubmission({
        organizationId: account.organizationId,
        sourceType: "TIKTOK_LEAD_ADS",
        sourceId,
        sourceDetail: formId,
        dedupeKey: `tiktok:${leadId}`,
        payload: lead,
        isTest: lead.is_test === true || lead.test_lead === true,
      });
      if (stored.duplicate) receipt.duplicates++;
      else receipt.stored++;
    }
  }
  return receipt;
}

/** The advertiser's lead source in the organisation, created by its first lead (concurrent deliveries find it). */
async function leadSourceOf(opts: { organizationId: string; accountId: string; advertiserId: string }): Promise<string> {
  const where = { organizationId_type_externalId: { organizationId: opts.organizationId, type: "TIKTOK_LEAD_ADS" as const, externalId: `advertiser:${opts.advertiserId}` } };
  const known = await db().leadSource.findUnique({ where, select: { id: true } });
  if (known) return known.id;
  await db().leadSource.createMany({
    data: [{ organizationId: opts.organizationId, type: "TIKTOK_LEAD_ADS", externalId: `advertiser:${opts.advertiserId}`, socialAccountId: opts.accountId, name: `TikTok advertiser ${opts.advertiserId}` }],
    skipDuplicates: true,
  });
  return (await db().leadSource.findUniqueOrThrow({ where, select: { id: true } })).id;
}
