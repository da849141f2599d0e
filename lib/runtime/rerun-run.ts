import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { now } from "./clock";
import { workflowEngine } from "./config";
import type { EventPayload } from "./events";
import { syncedFunctionSchema, toFunctionDef } from "./functions";
import { createRun, isActive } from "./runs";
import { notifyWork } from "./signal";
import { transaction } from "./sql";

/**
 * Re-run an ended run (Runs page): a new run of the same function with the same event, from the
 * start. Idempotency, debounce and rate limits do not apply: the user asked for it explicitly.
 */
export async function rerunWorkflowRun(opts: { organizationId: string; runId: string }): Promise<{ runId: string }> {
  if (workflowEngine() !== "embedded") throw new AppError("conflict", "Runs are managed by the Inngest server: replay this run from its dashboard");
  const run = await db().runtimeRun.findFirst({
    where: { id: opts.runId, organizationId: opts.organizationId },
    select: { id: true, functionId: true, event: true, eventId: true, status: true, parentRunId: true },
  });
  if (!run) throw notFound("Run");
  if (isActive(run.status)) throw new AppError("conflict", "This run is still in progress");
  const fnRow = await db().runtimeFunction.findFirst({ where: { id: run.functionId, removedAt: null }, select: { config: true } });
  const parsed = fnRow ? syncedFunctionSchema.safeParse(fnRow.config) : undefined;
  if (!parsed?.success) throw new AppError("conflict", "This function is not served by the app any more");
  const fn = toFunctionDef(parsed.data);
  const out = await transaction(db(), (tx) =>
    createRun(tx, { fn, event: run.event as EventPayload, eventId: run.eventId, now: now(), rerunOfId: run.id, applyEventFlowControl: false }),
  );
  if (!("runId" in out)) throw new AppError("conflict", "The run could not be started");
  // Keep the organisation on the new run even when the event does not carry it (invoked runs).
  await db().runtimeRun.update({ where: { id: out.runId }, data: { organizationId: opts.organizationId } });
  notifyWork();
  return { runId: out.runId };
}
