import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { now } from "./clock";
import { workflowEngine } from "./config";
import { cancelRun } from "./runs";
import { notifyWork } from "./signal";
import { transaction } from "./sql";

/** Cancel an active run of the organisation (Runs page). Its in-flight step, if any, is not retried. */
export async function cancelWorkflowRun(opts: { organizationId: string; runId: string; by: string }): Promise<void> {
  if (workflowEngine() !== "embedded") throw new AppError("conflict", "Runs are managed by the Inngest server: cancel this run from its dashboard");
  const run = await db().runtimeRun.findFirst({ where: { id: opts.runId, organizationId: opts.organizationId }, select: { id: true } });
  if (!run) throw notFound("Run");
  const cancelled = await transaction(db(), (tx) => cancelRun(tx, run.id, `Cancelled by ${opts.by}`, now()));
  if (!cancelled) throw new AppError("conflict", "This run has already ended");
  notifyWork();
}
