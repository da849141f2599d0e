import "server-only";
import { db } from "@/lib/db/client";

/** Where one sequence message stands (re-read between approval waits: a decision whose event was missed is still found). */
export async function getMessageStatus(opts: { organizationId: string; interactionId: string }): Promise<string> {
  const m = await db().leadInteraction.findFirst({ where: { id: opts.interactionId, organizationId: opts.organizationId }, select: { status: true } });
  return m?.status ?? "MISSING";
}

/** No decision in time: the draft is set aside (BLOCKED, "expired"), the sequence goes on with its next step. */
export async function expireDraft(opts: { organizationId: string; interactionId: string }): Promise<void> {
  await db().leadInteraction.updateMany({ where: { id: opts.interactionId, organizationId: opts.organizationId, status: "DRAFT" }, data: { status: "BLOCKED", errorCode: "expired" } });
}

/** The run went through every step (some may have been skipped): an enrollment still active is complete. */
export async function completeEnrollment(opts: { organizationId: string; enrollmentId: string; now?: Date }): Promise<void> {
  await db().sequenceEnrollment.updateMany({ where: { id: opts.enrollmentId, organizationId: opts.organizationId, status: "ACTIVE" }, data: { status: "COMPLETED", completedAt: opts.now ?? new Date(), nextActionAt: null } });
}
