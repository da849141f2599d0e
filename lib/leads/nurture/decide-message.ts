import "server-only";
import { inngest } from "@/inngest/client";
import { leadMessageDecided } from "@/inngest/events";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { messageHash } from "./message-hash";

/**
 * A person's yes or no on one AI-written nurture message, for the exact version they saw (`hash` of
 * subject + body, as the page shows it): another version is a 409 and nothing changes. The decision is
 * one conditional write (DRAFT -> QUEUED approved HUMAN, or -> BLOCKED rejected), so two deciders
 * cannot both win; then lead/message.decided wakes the waiting MKT-303 run. `userId` is a signed-in
 * person (the route is personOnly): no API key and no automation approves here.
 */
export async function decideNurtureMessage(opts: { organizationId: string; interactionId: string; userId: string; decision: "APPROVE" | "REJECT"; hash: string; now?: Date }): Promise<{ status: "QUEUED" | "BLOCKED" }> {
  const now = opts.now ?? new Date();
  const m = await db().leadInteraction.findFirst({ where: { id: opts.interactionId, organizationId: opts.organizationId, direction: "OUTBOUND", aiWritten: true }, select: { id: true, subject: true, body: true, status: true } });
  if (!m) throw notFound("lead");
  const hash = messageHash(m);
  if (hash !== opts.hash) throw new AppError("conflict", "nurture.messageChanged", { field: "hash" });
  const approve = opts.decision === "APPROVE";
  const done = await db().leadInteraction.updateMany({
    where: { id: m.id, status: "DRAFT" },
    data: approve ? { status: "QUEUED", approvedVia: "HUMAN", approvedHash: hash, approvedById: opts.userId, approvedAt: now } : { status: "BLOCKED", errorCode: "rejected" },
  });
  if (done.count === 0) throw new AppError("conflict", "nurture.notDraft", { field: "decision" });
  await inngest.send(leadMessageDecided.create({ organizationId: opts.organizationId, interactionId: m.id, decision: approve ? "APPROVED" : "REJECTED", decidedById: opts.userId }, { id: `lead-message-decided:${m.id}` }));
  return { status: approve ? "QUEUED" : "BLOCKED" };
}
