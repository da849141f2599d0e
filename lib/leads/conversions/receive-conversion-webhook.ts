import "server-only";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import { readBodyLimited, validationError } from "@/lib/http";
import { defaultCountryOf } from "@/lib/leads/capture/default-country";
import { toE164 } from "@/lib/leads/capture/normalise";
import { findConversionSecret } from "./conversion-secret";
import { toMinor } from "./money";
import { recordConversion } from "./record-conversion";
import { conversionPayloadSchema, type ConversionPayload } from "./schemas";

export const CONVERSION_BODY_MAX_BYTES = 64 * 1024;
const PROVIDER = "conversions";
/** A delivery being processed by another request this recently is left to it (a replay answers "duplicate"). */
const IN_FLIGHT_MS = 60_000;

export type ConversionReceipt = { received: true; duplicate: boolean; conversionId: string | null };

const refuse = (reason: string, field = "webhook-signature") => new AppError("unauthorized", "leads.signature", { field, values: { reason } });

/** The organisation's lead this conversion names: our id, else the email, else the phone (E.164 in the organisation's region). */
async function matchLead(organizationId: string, p: ConversionPayload): Promise<string> {
  if (p.lead_id) {
    const byId = await db().lead.findFirst({ where: { id: p.lead_id, organizationId }, select: { id: true } });
    if (byId) return byId.id;
  }
  if (p.email) {
    const byEmail = await db().lead.findUnique({
      where: { organizationId_emailNormalized: { organizationId, emailNormalized: p.email.trim().toLowerCase() } },
      select: { id: true },
    });
    if (byEmail) return byEmail.id;
  }
  if (p.phone) {
    const e164 = toE164(p.phone, await defaultCountryOf(organizationId));
    const byPhone = e164
      ? await db().lead.findUnique({ where: { organizationId_phoneE164: { organizationId, phoneE164: e164 } }, select: { id: true } })
      : null;
    if (byPhone) return byPhone.id;
  }
  const field = p.lead_id ? "lead_id" : p.email ? "email" : "phone";
  throw new AppError("validation", "leads.conversionLeadUnknown", { field, values: { field } });
}

/** JSON body -> the conversion fields (flat, or under `data` in the Standard Webhooks envelope). */
function readPayload(raw: Uint8Array): ConversionPayload & { timestamp?: string } {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError("bad_request", "http.invalidJson", { field: "body" });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("bad_request", "http.jsonObject", { field: "body" });
  const b = body as Record<string, unknown>;
  const inner = typeof b.data === "object" && b.data !== null && !Array.isArray(b.data) ? (b.data as Record<string, unknown>) : b;
  const parsed = conversionPayloadSchema.safeParse(inner === b ? b : { occurred_at: typeof b.timestamp === "string" ? b.timestamp : undefined, ...inner });
  if (!parsed.success) throw validationError(parsed.error, inner === b ? undefined : "data");
  return parsed.data;
}

async function processDelivery(opts: { organizationId: string; receiptId: string; webhookId: string; raw: Uint8Array }): Promise<ConversionReceipt> {
  try {
    const p = readPayload(opts.raw);
    const leadId = await matchLead(opts.organizationId, p);
    const currency = p.currency ?? (await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { currency: true } })).currency;
    const result = await recordConversion({
      organizationId: opts.organizationId,
      leadId,
      valueMinor: toMinor(p.value, currency),
      currency,
      type: p.conversion_type,
      externalId: p.id ?? p.order_id ?? `webhook:${opts.webhookId}`,
      occurredAt: p.occurred_at ? new Date(p.occurred_at) : new Date(),
      source: "webhook",
    });
    await db().webhookReceipt.update({
      where: { id: opts.receiptId },
      data: { status: "PROCESSED", processedAt: new Date(), attempts: { increment: 1 }, lastError: null },
    });
    return { received: true, duplicate: result.duplicate, conversionId: result.conversionId };
  } catch (err) {
    const message = isAppError(err) ? err.message : err instanceof Error ? err.message : String(err);
    await db().webhookReceipt.update({
      where: { id: opts.receiptId },
      data: { status: "FAILED", attempts: { increment: 1 }, lastError: message.slice(0, 2000) },
    });
    throw err;
  }
}

/**
 * POST /api/webhooks/conversions?org=<slug>: a conversion signed with Standard Webhooks (webhook-id,
 * webhook-timestamp, webhook-signature = v1,<base64 HMAC-SHA256 of "id.timestamp.body"> with the
 * organisation's whsec_ secret; timestamps more than 5 minutes away refused). Unknown organisation,
 * missing header, wrong signature or stale timestamp -> 401 and nothing stored. A valid delivery is
 * stored raw first (webhook_receipts, unique on the organisation and webhook-id: a replay, even 1,000
 * at once, stores and records nothing new), then the lead is matched and the conversion recorded. A
 * delivery that failed (no such lead yet) is processed again when the sender retries it.
 */
export async function receiveConversionWebhook(req: Request): Promise<ConversionReceipt> {
  const slug = new URL(req.url).searchParams.get("org") ?? "";
  const org = slug ? await db().organization.findUnique({ where: { slug }, select: { id: true } }) : null;
  const secret = org ? await findConversionSecret(org.id) : null;
  if (!org || !secret) throw refuse("unknown organisation or no secret", "org");
  const raw = await readBodyLimited(req, CONVERSION_BODY_MAX_BYTES);
  const headers = {
    "webhook-id": req.headers.get("webhook-id") ?? "",
    "webhook-timestamp": req.headers.get("webhook-timestamp") ?? "",
    "webhook-signature": req.headers.get("webhook-signature") ?? "",
  };
  const missing = Object.entries(headers).find(([, v]) => !v);
  if (missing) throw refuse("missing header", missing[0]);
  try {
    new Webhook(secret).verify(Buffer.from(raw), headers);
  } catch (err) {
    if (err instanceof WebhookVerificationError) throw refuse(err.message);
    throw err;
  }
  const eventId = `${org.id}:${headers["webhook-id"].slice(0, 200)}`;
  const stored = await db().webhookReceipt.createManyAndReturn({
    data: [
      {
        provider: PROVIDER,
        eventId,
        organizationId: org.id,
        eventType: "conversion",
        signatureValid: true,
        headers: { ...headers, "content-type": req.headers.get("content-type") ?? "" },
        rawBody: Buffer.from(raw),
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (stored[0]) return processDelivery({ organizationId: org.id, receiptId: stored[0].id, webhookId: headers["webhook-id"], raw });
  const first = await db().webhookReceipt.findUniqueOrThrow({
    where: { provider_eventId: { provider: PROVIDER, eventId } },
    select: { id: true, status: true, receivedAt: true },
  });
  if (first.status === "PROCESSED" || (first.status === "RECEIVED" && Date.now() - first.receivedAt.getTime() < IN_FLIGHT_MS))
    return { received: true, duplicate: true, conversionId: null };
  return processDelivery({ organizationId: org.id, receiptId: first.id, webhookId: headers["webhook-id"], raw });
}
