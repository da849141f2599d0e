import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { emailProvider } from "@/lib/providers/email";
import { verifyInboundWebhook } from "@/lib/providers/email/inbound-webhook";
import { bareAddress, organizationFromAddresses } from "./reply-address";
import { resendWebhookEvent } from "./schemas";
import { storeReply } from "./store-reply";

export type EmailWebhookReceipt = { stored: boolean; duplicate: boolean; replyId: string | null };

/** The organisation of a reply without our reply address: the one organisation that has a lead with the sender's address, else none. */
async function organizationOfSender(from: string): Promise<string | null> {
  const orgs = await db().lead.findMany({ where: { emailNormalized: from }, select: { organizationId: true }, distinct: ["organizationId"], take: 2 });
  return orgs.length === 1 ? orgs[0]!.organizationId : null;
}

/**
 * `POST /api/webhooks/email-inbound`: the email provider's inbound webhook (Resend `email.received`).
 * The Standard Webhooks signature is checked before anything is read (missing header, tampered
 * signature or body, timestamp more than 5 minutes off -> 401, nothing stored); then the event is
 * checked with zod (422 naming the field), and an `email.received` is stored raw once per provider
 * email id. The organisation comes from the Reply-To sub-address our mail carries
 * (reply-address.ts), else from the sender's address when exactly one organisation knows it. Other
 * event types are acknowledged and not stored. The body is fetched when the reply is processed (MKT-304).
 */
export async function receiveEmailReply(opts: { rawBody: Uint8Array; headers: Headers }): Promise<EmailWebhookReceipt> {
  const check = verifyInboundWebhook(opts);
  if (!check.ok) throw new AppError("unauthorized", "leads.signature", { field: "svix-signature", values: { reason: check.reason } });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(opts.rawBody));
  } catch {
    throw new AppError("validation", "http.invalidJson", { field: "body" });
  }
  const parsed = resendWebhookEvent.safeParse(json);
  if (!parsed.success) throw new AppError("validation", "leads.replyPayload", { field: parsed.error.issues[0]?.path.join(".") || "body" });
  const event = parsed.data;
  if (event.type !== "email.received") return { stored: false, duplicate: false, replyId: null };
  const to = event.data.to ?? [];
  const from = event.data.from ? bareAddress(event.data.from) : null;
  const organizationId = organizationFromAddresses(to) ?? (from ? await organizationOfSender(from) : null);
  const stored = await storeReply({
    organizationId,
    channel: "EMAIL",
    provider: emailProvider().name,
    dedupeKey: `email:${event.data.email_id}`,
    payload: { webhookId: check.id, event },
    fromAddress: from,
    toAddresses: to.map(bareAddress),
    subject: event.data.subject ?? null,
  });
  return { stored: !stored.duplicate, duplicate: stored.duplicate, replyId: stored.replyId };
}
