import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { leadSubmissionReceived } from "@/inngest/events";
import { sqlPool } from "@/lib/db/client";
import type { LeadSourceType } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { insertManyWithEvents } from "@/lib/workflows/send-in-transaction";

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
 * MKT-301 "stored raw first", the hot path of every lead source, with group commit. Each submission
 * waits in this process's queue only while MAX_IN_FLIGHT statements are already running; then every
 * waiting submission (up to MAX_BATCH) goes in ONE autocommitted statement on the SQL pool: INSERT ...
 * SELECT FROM unnest(...) ON CONFLICT DO NOTHING (a replay of the same delivery, even 50 at once, finds
 * the first row) with the lead/submission.received event and queue item of each inserted row written by
 * the same statement (embedded engine, `insertManyWithEvents`): both or neither. Alone, a submission is
 * written at once (a batch of one: no added wait); under load one commit, one round trip and one parse
 * serve many (bench:leads, see ARCHITECTURE.md "Lead ingestion at volume"). A batch that fails is
 * written again one submission per statement, so one bad delivery never fails the others. No live
 * event here: it takes the organisation's advisory lock and a NOTIFY until commit, which serialised every
 * lead of an organisation behind one fsync (bench:leads flat at ~55/s); processing announces the lead
 * (`lead.received`, see process-submission.ts) once it exists. With an Inngest server the events are
 * sent after the insert; if they cannot be, the rows stay RECEIVED: visible on the Leads page and
 * re-processable.
 */
export function storeSubmission(input: StoreSubmissionInput): Promise<StoreSubmissionResult> {
  return new Promise((resolve, reject) => {
    queue.push({ input, id: `ls_${randomUUID().replace(/-/g, "")}`, resolve, reject });
    pump();
  });
}

type Pending = { input: StoreSubmissionInput; id: string; resolve: (r: StoreSubmissionResult) => void; reject: (err: unknown) => void };

/** Statements in flight at once (the SQL pool has a few connections more for the other hot paths). */
const MAX_IN_FLIGHT = 3;
const MAX_BATCH = 100;
const queue: Pending[] = [];
let inFlight = 0;

function pump(): void {
  while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
    const batch = queue.splice(0, MAX_BATCH);
    inFlight++;
    void writeBatch(batch)
      .catch(async (err: unknown) => {
        if (batch.length === 1) return batch[0]!.reject(err);
        // One statement for all failed: each on its own, so only a bad one fails.
        await Promise.all(batch.map((p) => writeBatch([p]).catch((e: unknown) => p.reject(e))));
      })
      .finally(() => {
        inFlight--;
        pump();
      });
  }
}

async function writeBatch(batch: Pending[]): Promise<void> {
  const pool = sqlPool();
  const cols = (f: (p: Pending) => unknown) => batch.map(f);
  const events = batch.map((p) => ({ ...submissionEvent({ organizationId: p.input.organizationId, submissionId: p.id, sourceType: p.input.sourceType }), key: p.id }) as { id: string; name: string; data: Record<string, unknown>; key: string });
  const { rows, afterCommit } = await insertManyWithEvents<{ id: string; _eventKey: string }>(
    pool,
    {
      text: INSERT_SUBMISSIONS,
      values: [
        cols((p) => p.id),
        cols((p) => p.input.organizationId),
        cols((p) => p.input.sourceType),
        cols((p) => p.input.sourceId ?? null),
        cols((p) => p.input.sourceDetail ?? null),
        cols((p) => p.input.dedupeKey),
        cols((p) => JSON.stringify(p.input.payload ?? null)),
        cols((p) => p.input.isTest ?? false),
        cols((p) => p.input.bodyHash ?? null),
      ],
    },
    events,
  );
  const inserted = new Set(rows.map((r) => r.id));
  if (inserted.size > 0) {
    await afterCommit().catch((err: unknown) => {
      childLogger({ submissions: [...inserted].slice(0, 20) }).warn({ err }, "lead/submission.received not sent; the submissions stay RECEIVED (re-process from the Leads page)");
    });
  }
  const others = batch.filter((p) => !inserted.has(p.id));
  for (const p of batch) if (inserted.has(p.id)) p.resolve({ submissionId: p.id, duplicate: false });
  if (others.length === 0) return;
  // Replays (or two copies of one delivery in this batch): the first row of each key answers.
  const existing = await pool.query<{ id: string; organizationId: string; dedupeKey: string; bodyHash: string | null }>(
    `SELECT s.id, s."organizationId", s."dedupeKey", s."bodyHash" FROM lead_submissions s JOIN unnest($1::text[], $2::text[]) AS k(org, dk) ON s."organizationId" = k.org AND s."dedupeKey" = k.dk`,
    [others.map((p) => p.input.organizationId), others.map((p) => p.input.dedupeKey)],
  );
  const first = new Map(existing.rows.map((r) => [`${r.organizationId}\u0000${r.dedupeKey}`, r]));
  for (const p of others) {
    const row = first.get(`${p.input.organizationId}\u0000${p.input.dedupeKey}`);
    if (!row) p.reject(new Error(`lead submission ${p.input.dedupeKey} neither inserted nor found`));
    else if (p.input.bodyHash && row.bodyHash && row.bodyHash !== p.input.bodyHash) p.reject(new AppError("validation", "http.idempotencyKeyReused", { field: "Idempotency-Key" }));
    else p.resolve({ submissionId: row.id, duplicate: true });
  }
}

const INSERT_SUBMISSIONS = `INSERT INTO lead_submissions (id, "organizationId", "sourceType", "sourceId", "sourceDetail", "dedupeKey", payload, "isTest", "bodyHash")
       SELECT * FROM unnest($1::text[], $2::text[], $3::"LeadSourceType"[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::boolean[], $9::text[])
       ON CONFLICT ("organizationId", "dedupeKey") DO NOTHING RETURNING id, id AS "_eventKey"`;

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
