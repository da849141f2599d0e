import "server-only";
import { db } from "@/lib/db/client";
import type { LeadTier } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { resolveSequence } from "./default-sequence";
import { stopReasonOf } from "./stop-reason";
import { isSuppressed } from "./suppressed";

export type EnrollResult =
  | { enrolled: true; enrollmentId: string; sequenceId: string; steps: { position: number; delayMinutes: number }[] }
  | { enrolled: false; reason: string };

/**
 * MKT-303 start: a warm (or cold) lead joins its sequence. One enrollment per lead and sequence (a
 * re-delivered lead/qualified finds it again); a lead already stopped (suppressed, booked, converted,
 * taken over) or without any sequence is not enrolled. The lead becomes NURTURING; the steps and their
 * delays are returned for the run to wait through.
 */
export async function enrollLead(opts: { organizationId: string; leadId: string; tier: LeadTier; suggestedSequenceId: string | null; runId?: string; now?: Date }): Promise<EnrollResult> {
  const now = opts.now ?? new Date();
  return db().$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { id: opts.leadId, organizationId: opts.organizationId } });
    if (!lead) throw notFound("lead");
    const stop = stopReasonOf(lead, await isSuppressed(tx, { organizationId: opts.organizationId, lead }));
    if (stop) return { enrolled: false as const, reason: stop };
    const sequenceId = await resolveSequence(tx, { organizationId: opts.organizationId, tier: opts.tier, suggestedSequenceId: opts.suggestedSequenceId });
    if (!sequenceId) return { enrolled: false as const, reason: "no_sequence" };
    const steps = await tx.nurtureStep.findMany({ where: { sequenceId, organizationId: opts.organizationId }, orderBy: { position: "asc" }, select: { position: true, delayMinutes: true } });
    if (steps.length === 0) return { enrolled: false as const, reason: "empty_sequence" };
    const enrollment = await tx.sequenceEnrollment.upsert({
      where: { leadId_sequenceId: { leadId: lead.id, sequenceId } },
      create: { organizationId: opts.organizationId, leadId: lead.id, sequenceId, status: "ACTIVE", currentStep: 0, nextActionAt: new Date(now.getTime() + steps[0]!.delayMinutes * 60_000), runId: opts.runId ?? null, startedAt: now },
      update: {},
    });
    if (enrollment.status !== "ACTIVE") return { enrolled: false as const, reason: enrollment.cancelReason ?? enrollment.status.toLowerCase() };
    if (lead.status === "NEW" || lead.status === "SCORED") await tx.lead.update({ where: { id: lead.id }, data: { status: "NURTURING" } });
    return { enrolled: true as const, enrollmentId: enrollment.id, sequenceId, steps: steps.filter((s) => s.position >= enrollment.currentStep) };
  });
}
