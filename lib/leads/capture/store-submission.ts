import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { leadSubmissionReceived } from "@/inngest/events";
import { sqlPool } from "@/lib/db/client";
import type { LeadSourceType } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { insertWithEvent } from "@/lib/workflows/send-in-transaction";

export type StoreSubmissionInput = {
  organizationId: string;
  sourceType: LeadSourceType;
  sourceId?: string | null;
  sourceDetail?: string | null;
  /** Same key again (a retried or replayed delivery) -> the same submission, nothing new. */
  dedupeKey: string;
  payload: unknown;
  isTest?: boolean;
  /** SHA-256 of the body as received, when the delivery names itself (Idempotency-Key): the same key with another body is a 422. */
  bodyHash?: string | null;
};

export type StoreSubmissionResult = { submissionId: string; duplicate: boolean };

export const sha256Hex = (v: string | Uint8Array) => createHash("sha256").update(v).digest("hex");

/** Event id of a submission's first processing; re-processing uses `:retry-<attempt>`. */
export const submissionEventId = (submissionId: string, attempt = 0) => `lead-submission-received:${submissionId}${attempt ? `:retry-${attempt}` : ""}`;

/**
 * MKT-301 "stored raw first", the hot path of every lead source: ONE statement on the SQL pool
 * (autocommit, no transaction held across round trips): INSERT ... ON CONFLICT DO NOTHING (a replay of
 * the same delivery, even 50 at once, finds the first row) with lead/submission.received and its queue
 * item written by the same statement (embedded engine, `insertWithEvent`): both or neither. No live
 * event here: it takes the organisation's advisory lock and a NOTIFY until commit, which serialised every
 * lead of an organisation behind one fsync (bench:leads flat at ~55/s); processing announces the lead
 * (`lead.received`, see process-submission.ts) once it exists. With an Inngest server the event is sent
 * after the insert; if it cannot be, the row stays RECEIVED: visible on the Leads page and re-processable.
 */
export async function storeSubmission(input: StoreSubmissionInput): Promise<StoreSubmissionResult> {
  const pool = sqlPool();
  const id = `ls_${randomUUID().replace(/-/g, "")}`;
  const { rows, afterCommit } = await insertWithEvent<{ id: string }>(
    pool,
    {
      text: INSERT_SUBMISSION,
      values: [id, input.organizationId, input.sourceType, input.sourceId ?? null, input.sourceDetail ?? null, input.dedupeKey, JSON.stringify(input.payload ?? null), input.isTest ?? false, input.bodyHash ?? null],
    },
    submissionEvent({ organizationId: input.organizationId, submissionId: id, sourceType: input.sourceType }) as { id: string; name: string; data: Record<string, unknown> },
  );
  if (rows.length === 0 || !afterCommit) {
    const existing = await pool.query<{ id: string; bodyHash: string | null }>(`SELECT id, "bodyHash" FROM lead_submissions WHERE "organizationId" = $1 AND "dedupeKey" = $2`, [input.organizationId, input.dedupeKey]);
    const first = existing.rows[0]!;
    if (input.bodyHash && first.bodyHash && first.bodyHash !== input.bodyHash) throw new AppError("validation", "http.idempotencyKeyReused", { field: "Idempotency-Key" });
    return { submissionId: first.id, duplicate: true };
  }
  await afterCommit().catch((err: unknown) => {
    childLogger({ organizationId: input.organizationId, submissionId: id }).warn({ err }, "lead/submission.received not sent; the submission stays RECEIVED (re-process from the Leads page)");
  });
  return { submissionId: id, duplicate: false };
}

const INSERT_SUBMISSION = `INSERT INTO lead_submissions (id, "organizationId", "sourceType", "sourceId", "sourceDetail", "dedupeKey", payload, "isTest", "bodyHash")
       VALUES ($1, $2, $3::"LeadSourceType", $4, $5, $6, $7::jsonb, $8, $9)
       ON CONFLICT ("organizationId", "dedupeKey") DO NOTHING RETURNING id`;

const submissionEvent = (opts: { organizationId: string; submissionId: string; sourceType: LeadSourceType; attempt?: number }) =>
  leadSubmissionReceived.create({ organizationId: opts.organizationId, submissionId: opts.submissionId, sourceType: opts.sourceType }, { id: submissionEventId(opts.submissionId, opts.attempt) });

export async function emitSubmissionReceived(opts: { organizationId: string; submissionId: string; sourceType: LeadSourceType; attempt?: number }): Promise<boolean> {
  try {
    await inngest.send(submissionEvent(opts));
    return true;
  } catch (err) {
    childLogger({ organizationId: opts.organizationId, submissionId: opts.submissionId }).warn({ err }, "lead/submission.received not sent; the submission stays RECEIVED (re-process from the Leads page)");
    return false;
  }
}
