import "server-only";
import { db } from "@/lib/db/client";
import { messageHash } from "./message-hash";

export type LeadSequenceState = {
  enrollmentId: string;
  sequenceId: string;
  sequenceName: string;
  status: "ACTIVE" | "PAUSED" | "COMPLETED" | "CANCELLED";
  currentStep: number;
  steps: number;
  nextActionAt: string | null;
  startedAt: string;
  cancelReason: string | null;
  messages: { id: string; position: number | null; channel: string; status: string; subject: string | null; body: string; aiWritten: boolean; approvedVia: string | null; hash: string; sentAt: string | null; errorCode: string | null }[];
};

/** A lead's sequences for its page: where each enrollment stands and every message written for it (drafts with the hash a yes must carry). */
export async function getLeadSequences(opts: { organizationId: string; leadId: string }): Promise<LeadSequenceState[]> {
  const rows = await db().sequenceEnrollment.findMany({
    where: { organizationId: opts.organizationId, leadId: opts.leadId },
    orderBy: { startedAt: "desc" },
    include: {
      sequence: { select: { name: true, _count: { select: { steps: true } } } },
      interactions: { where: { direction: "OUTBOUND" }, orderBy: { createdAt: "asc" }, include: { step: { select: { position: true } } } },
    },
  });
  return rows.map((e) => ({
    enrollmentId: e.id,
    sequenceId: e.sequenceId,
    sequenceName: e.sequence.name,
    status: e.status,
    currentStep: e.currentStep,
    steps: e.sequence._count.steps,
    nextActionAt: e.status === "ACTIVE" ? (e.nextActionAt?.toISOString() ?? null) : null,
    startedAt: e.startedAt.toISOString(),
    cancelReason: e.cancelReason,
    messages: e.interactions.map((m) => ({
      id: m.id,
      position: m.step?.position ?? null,
      channel: m.channel,
      status: m.status,
      subject: m.subject,
      body: m.body,
      aiWritten: m.aiWritten,
      approvedVia: m.approvedVia,
      hash: messageHash(m),
      sentAt: m.sentAt?.toISOString() ?? null,
      errorCode: m.errorCode,
    })),
  }));
}
