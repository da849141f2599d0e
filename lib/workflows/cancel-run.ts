import "server-only";
import { db, sqlPool } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { cancelRunNow } from "@/lib/runtime/admin";
import { workflowEngine } from "./config";

/** Cancel an active run of the organisation (Runs page). Its in-flight step, if any, is not retried. */
export async function cancelWorkflowRun(opts: { organizationId: string; runId: string; by: string }): Promise<void> {
  if (workflowEngine() !== "embedded") throw new AppError("conflict", "runs.cancelOnInngest");
  const run = await db().runtimeRun.findFirst({ where: { id: opts.runId, organizationId: opts.organizationId }, select: { id: true } });
  if (!run) throw notFound("run");
  if (!(await cancelRunNow(sqlPool(), run.id, `Cancelled by ${opts.by}`))) throw new AppError("conflict", "runs.alreadyEnded");
}
