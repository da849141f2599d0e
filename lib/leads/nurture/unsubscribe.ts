import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { leadUnsubscribed } from "@/inngest/events";
import { db, type Prisma } from "@/lib/db/client";
import type { MessageChannel, SuppressionReason } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { announceStopped, cancelEnrollments } from "./stop-enrollments";
import { verifyUnsubscribeToken, type UnsubscribePayload } from "./unsubscribe-token";

type Tx = Prisma.TransactionClient;

/**
 * The suppression of one address in the caller's transaction: one row per (organisation, channel,
 * address) whatever the number of requests (`ON CONFLICT DO NOTHING`), the lead marked unsubscribed,
 * its sequences cancelled. `created` is false for a replay.
 */
export async function suppressInTx(tx: Tx, opts: { organizationId: string; leadId: string | null; channel: MessageChannel; address: string; reason: SuppressionReason; source: string; now?: Date }): Promise<{ created: boolean; enrollmentIds: string[] }> {
  const now = opts.now ?? new Date();
  const inserted = await tx.$executeRaw`
    INSERT INTO suppressions (id, "organizationId", channel, address, reason, source, "leadId", "createdAt")
    VALUES (${`sup_${randomUUID()}`}, ${opts.organizationId}, ${opts.channel}::"MessageChannel", ${opts.address}, ${opts.reason}::"SuppressionReason", ${opts.source}, ${opts.leadId}, ${now})
    ON CONFLICT ("organizationId", channel, address) DO NOTHING`;
  let enrollmentIds: string[] = [];
  if (opts.leadId) {
    await tx.lead.updateMany({ where: { id: opts.leadId, organizationId: opts.organizationId, unsubscribedAt: null }, data: { unsubscribedAt: now, ...(opts.channel === "WHATSAPP" ? { whatsappOptOutAt: now } : {}) } });
    enrollmentIds = await cancelEnrollments(tx, { organizationId: opts.organizationId, leadId: opts.leadId, reason: "unsubscribed", now });
  }
  return { created: inserted > 0, enrollmentIds };
}

/** After the commit: lead/unsubscribed (once per suppression) and the stop of the lead's runs. */
export async function announceUnsubscribed(opts: { organizationId: string; leadId: string | null; channel: MessageChannel; source: string; created: boolean; enrollmentIds: string[] }): Promise<void> {
  if (!opts.leadId) return;
  await announceStopped({ organizationId: opts.organizationId, leadId: opts.leadId, reason: "unsubscribed", enrollmentIds: opts.enrollmentIds });
  if (opts.created) await inngest.send(leadUnsubscribed.create({ organizationId: opts.organizationId, leadId: opts.leadId, channel: opts.channel, source: opts.source }, { id: `lead-unsubscribed:${opts.organizationId}:${opts.channel}:${opts.leadId}` }));
}

/** A token's payload, or a 400 naming the token (tampered, truncated, another app's): nothing is written. */
export function readUnsubscribeToken(token: string): UnsubscribePayload {
  const p = verifyUnsubscribeToken(token);
  if (!p) throw new AppError("bad_request", "nurture.unsubscribeInvalid", { field: "token" });
  return p;
}

/**
 * `POST /api/unsubscribe/<token>` (RFC 8058 one-click, or the confirm page's button): the signed token
 * names the organisation, lead, channel and address; the address goes on the suppression list (one
 * row, replays change nothing) and the lead's sequences stop. A lead deleted since is still suppressed
 * by address.
 */
export async function unsubscribeWithToken(opts: { token: string; source: "one-click" | "page" }): Promise<{ created: boolean }> {
  const p = readUnsubscribeToken(opts.token);
  const source = opts.source === "one-click" ? "list-unsubscribe-post" : "unsubscribe-page";
  const out = await db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: p.o }, select: { id: true } });
    if (!org) return null;
    const lead = await tx.lead.findFirst({ where: { id: p.l, organizationId: p.o }, select: { id: true } });
    const leadId = lead?.id ?? null;
    return { leadId, ...(await suppressInTx(tx, { organizationId: p.o, leadId, channel: p.c, address: p.a, reason: "UNSUBSCRIBED", source })) };
  });
  if (!out) return { created: false };
  await announceUnsubscribed({ organizationId: p.o, channel: p.c, source, ...out });
  return { created: out.created };
}
