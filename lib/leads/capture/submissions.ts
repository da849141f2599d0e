import "server-only";
import { db } from "@/lib/db/client";
import type { LeadSubmissionStatus } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import type { LeadSubmissionDto } from "@/lib/leads/contracts";
import { emitSubmissionReceived } from "./store-submission";

type Row = {
  id: string;
  sourceType: LeadSubmissionDto["sourceType"];
  sourceDetail: string | null;
  status: LeadSubmissionStatus;
  isTest: boolean;
  leadId: string | null;
  attempts: number;
  errorMessage: string | null;
  payload: unknown;
  receivedAt: Date;
  processedAt: Date | null;
};

export const toSubmissionDto = (r: Row): LeadSubmissionDto => ({
  id: r.id,
  sourceType: r.sourceType,
  sourceDetail: r.sourceDetail,
  status: r.status,
  isTest: r.isTest,
  leadId: r.leadId,
  attempts: r.attempts,
  errorMessage: r.errorMessage,
  payload: r.payload,
  receivedAt: r.receivedAt.toISOString(),
  processedAt: r.processedAt?.toISOString() ?? null,
});

/** Submissions as received, newest first (FAILED: what the Leads page lists for re-processing). */
export async function listLeadSubmissions(opts: { organizationId: string; status?: LeadSubmissionStatus; take?: number }): Promise<{ submissions: LeadSubmissionDto[]; failed: number }> {
  const [rows, failed] = await Promise.all([
    db().leadSubmission.findMany({
      where: { organizationId: opts.organizationId, ...(opts.status ? { status: opts.status } : {}) },
      orderBy: { receivedAt: "desc" },
      take: Math.min(opts.take ?? 50, 200),
    }),
    db().leadSubmission.count({ where: { organizationId: opts.organizationId, status: "FAILED" } }),
  ]);
  return { submissions: rows.map(toSubmissionDto), failed };
}

/**
 * Process a FAILED (or never processed) submission again: back to RECEIVED and a new
 * lead/submission.received (its own event id per attempt). A processed one is a 409.
 */
export async function reprocessLeadSubmission(opts: { organizationId: string; submissionId: string }): Promise<LeadSubmissionDto> {
  const row = await db().leadSubmission.findFirst({ where: { id: opts.submissionId, organizationId: opts.organizationId } });
  if (!row) throw notFound("leadSubmission");
  if (row.status === "PROCESSED") throw new AppError("conflict", "leads.notFailed");
  const updated = await db().leadSubmission.update({ where: { id: row.id }, data: { status: "RECEIVED", errorMessage: null } });
  await emitSubmissionReceived({ organizationId: opts.organizationId, submissionId: row.id, sourceType: row.sourceType, attempt: row.attempts + 1 });
  return toSubmissionDto(updated);
}
