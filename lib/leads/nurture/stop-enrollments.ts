import "server-only";
import { inngest } from "@/inngest/client";
import { leadEnrollmentStopped } from "@/inngest/events";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

type Tx = Pick<Prisma.TransactionClient, "sequenceEnrollment" | "leadInteraction">;

/** Reasons an enrollment stops (the lead page says which). */
export type StopReason = "reply" | "booked" | "unsubscribed" | "converted" | "human_takeover" | "lost";

/** Cancel the lead's active enrollments and their unsent drafts, in the caller's transaction. Returns the ids stopped. */
export async function cancelEnrollments(tx: Tx, opts: { organizationId: string; leadId: string; reason: StopReason; now?: Date }): Promise<string[]> {
  // In id order, as enrollmentsStoppedBy reads them back: the event id lists them.
  const active = await tx.sequenceEnrollment.findMany({ where: { organizationId: opts.organizationId, leadId: opts.leadId, status: { in: ["ACTIVE", "PAUSED"] } }, orderBy: { id: "asc" }, select: { id: true } });
  if (active.length === 0) return [];
  const ids = active.map((e) => e.id);
  await tx.sequenceEnrollment.updateMany({ where: { id: { in: ids } }, data: { status: "CANCELLED", cancelledAt: opts.now ?? new Date(), cancelReason: opts.reason, nextActionAt: null } });
  await tx.leadInteraction.updateMany({ where: { enrollmentId: { in: ids }, status: { in: ["DRAFT", "QUEUED"] } }, data: { status: "BLOCKED", errorCode: "enrollment_stopped" } });
  return ids;
}

/**
 * The enrollments one stop cancelled, read back for a replayed step (steps are at-least-once): the stop's
 * own `now` is their cancelledAt, so a replay announces the same ids under the same event id (deduplicated)
 * instead of nothing.
 */
export async function enrollmentsStoppedBy(opts: { organizationId: string; leadId: string; reason: StopReason; at: Date }): Promise<string[]> {
  const rows = await db().sequenceEnrollment.findMany({
    where: { organizationId: opts.organizationId, leadId: opts.leadId, status: "CANCELLED", cancelReason: opts.reason, cancelledAt: opts.at },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** After the commit: the waiting MKT-303 runs of the lead are cancelled (cancelOn); the send would refuse anyway. */
export async function announceStopped(opts: { organizationId: string; leadId: string; reason: StopReason; enrollmentIds: string[] }): Promise<void> {
  if (opts.enrollmentIds.length === 0) return;
  await inngest.send(leadEnrollmentStopped.create({ organizationId: opts.organizationId, leadId: opts.leadId, reason: opts.reason, enrollmentIds: opts.enrollmentIds }, { id: `lead-enrollment-stopped:${opts.enrollmentIds.join(",")}` }));
}

/**
 * A lead's sequences stop: booking (MKT-305), conversion (MKT-307), a person taking the lead over, or
 * a reply MKT-304 routes to a stop. Assigns the lead to the person who took it over.
 */
export async function stopLeadSequences(opts: { organizationId: string; leadId: string; reason: StopReason; userId?: string }): Promise<{ stopped: number }> {
  const ids = await db().$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: opts.leadId, organizationId: opts.organizationId }, select: { id: true } });
    if (!lead) return null;
    if (opts.reason === "human_takeover") await tx.lead.update({ where: { id: lead.id }, data: { escalatedAt: new Date(), ...(opts.userId ? { assignedToId: opts.userId } : {}) } });
    return cancelEnrollments(tx, opts);
  });
  if (ids === null) throw notFound("lead");
  await announceStopped({ ...opts, enrollmentIds: ids });
  return { stopped: ids.length };
}
