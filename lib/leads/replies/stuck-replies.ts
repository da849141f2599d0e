import "server-only";
import { inngest } from "@/inngest/client";
import { leadReplyReceived } from "@/inngest/events";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import type { LeadReplyDto } from "@/lib/leads/contracts";

/** A reply still RECEIVED after this long was never picked up (its event could not be sent, or its run was lost). */
export const STUCK_AFTER_MS = 15 * 60_000;

const stuckWhere = (organizationId: string, at: Date): Prisma.LeadReplyWhereInput => ({
  organizationId,
  OR: [{ status: "FAILED" }, { status: "RECEIVED", receivedAt: { lt: new Date(at.getTime() - STUCK_AFTER_MS) } }],
});

type Row = { id: string; channel: string; status: LeadReplyDto["status"]; fromAddress: string | null; subject: string | null; leadId: string | null; attempts: number; errorMessage: string | null; receivedAt: Date };

const toDto = (r: Row): LeadReplyDto => ({
  id: r.id,
  channel: r.channel === "WHATSAPP" ? "WHATSAPP" : "EMAIL",
  status: r.status,
  fromAddress: r.fromAddress,
  subject: r.subject,
  leadId: r.leadId,
  attempts: r.attempts,
  errorMessage: r.errorMessage,
  receivedAt: r.receivedAt.toISOString(),
});

/** The replies the Leads page offers to process again: FAILED, or RECEIVED for more than 15 minutes; newest first. */
export async function listStuckReplies(opts: { organizationId: string; take?: number; at?: Date }): Promise<{ replies: LeadReplyDto[]; total: number }> {
  const where = stuckWhere(opts.organizationId, opts.at ?? new Date());
  const [rows, total] = await Promise.all([db().leadReply.findMany({ where, orderBy: { receivedAt: "desc" }, take: Math.min(opts.take ?? 10, 100) }), db().leadReply.count({ where })]);
  return { replies: rows.map(toDto), total };
}

/** MKT-304's last failure: the reply is kept FAILED with the error (a FAILED one keeps its own, more precise, message). */
export async function markReplyFailed(opts: { organizationId: string; replyId: string; message: string }): Promise<void> {
  await db().leadReply.updateMany({
    where: { id: opts.replyId, organizationId: opts.organizationId, status: "RECEIVED" },
    data: { status: "FAILED", errorMessage: opts.message.slice(0, 2000), attempts: { increment: 1 } },
  });
}

/**
 * Process a stuck reply again: back to RECEIVED (the state change is conditional, so two clicks
 * make one new attempt) and a new lead/reply.received with its own event id per attempt. A
 * processed, unmatched or still-fresh reply is a 409; another organisation's is a 404.
 */
export async function reprocessLeadReply(opts: { organizationId: string; replyId: string; at?: Date }): Promise<LeadReplyDto> {
  const row = await db().leadReply.findFirst({ where: { id: opts.replyId, ...stuckWhere(opts.organizationId, opts.at ?? new Date()) } });
  if (!row) {
    const exists = await db().leadReply.count({ where: { id: opts.replyId, organizationId: opts.organizationId } });
    throw exists ? new AppError("conflict", "leads.replyNotStuck") : notFound("leadReply");
  }
  const attempt = row.attempts + 1;
  const updated = await db().leadReply.update({ where: { id: row.id }, data: { status: "RECEIVED", errorMessage: null, receivedAt: row.receivedAt } });
  await inngest.send(leadReplyReceived.create({ organizationId: opts.organizationId, replyId: row.id, channel: row.channel === "WHATSAPP" ? "WHATSAPP" : "EMAIL" }, { id: `lead-reply-received:${row.id}:attempt-${attempt}` }));
  return toDto(updated);
}
