import "server-only";
import { db, sqlPool } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { rerunRun } from "@/lib/runtime/admin";
import type { EventPayload } from "@/lib/runtime/events";
import { isActive } from "@/lib/runtime/runs";
import { workflowEngine } from "./config";

/**
 * Re-run an ended run (Runs page): a new run of the same function with the same event, from the
 * start, kept in the organisation even when the event does not carry it (invoked runs).
 */
export async function rerunWorkflowRun(opts: { organizationId: string; runId: string }): Promise<{ runId: string }> {
  if (workflowEngine() !== "embedded") throw new AppError("conflict", "runs.replayOnInngest");
  const run = await db().runtimeRun.findFirst({
    where: { id: opts.runId, organizationId: opts.organizationId },
    select: { id: true, functionId: true, event: true, events: true, eventId: true, status: true },
  });
  if (!run) throw notFound("run");
  if (isActive(run.status)) throw new AppError("conflict", "runs.stillActive");
  const out = await rerunRun(sqlPool(), {
    ...run,
    event: run.event as EventPayload,
    events: run.events as EventPayload[] | null,
    organizationId: opts.organizationId,
  });
  if ("refused" in out) {
    throw new AppError("conflict", out.refused === "function_gone" ? "runs.notServed" : "runs.couldNotStart");
  }
  return out;
}
