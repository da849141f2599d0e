import "server-only";
import { randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { agentRunRequested } from "@/inngest/events";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findAgentOr404 } from "./find-agent";
import { canRunNow } from "./run-now";

/**
 * "Run now" on a scheduled agent: sends `agents/run.requested`, the extra trigger of the agent's cron
 * function(s), so the run is durable like a scheduled one and recorded by the agents middleware for
 * this organisation. An agent without a schedule is a 422, one that is not ACTIVE a 409; the request
 * is written to the agent's log with who asked (its audit trail, like status and configuration changes).
 */
export async function requestAgentRun(opts: { organizationId: string; agentId: string; requestedById?: string }): Promise<{ requestId: string; eventName: string }> {
  const agent = await findAgentOr404(opts);
  if (!canRunNow(agent.workflowCode)) throw new AppError("validation", "agents.notScheduled");
  if (agent.status !== "ACTIVE") throw new AppError("conflict", "agents.notActive", { field: "status" });
  const requestId = randomUUID();
  await inngest.send(
    agentRunRequested.create(
      { organizationId: opts.organizationId, agentId: agent.id, workflowCode: agent.workflowCode!, requestId, ...(opts.requestedById ? { requestedById: opts.requestedById } : {}) },
      { id: `agent-run-requested-${requestId}` },
    ),
  );
  await db().agentLog.create({ data: { organizationId: opts.organizationId, agentId: agent.id, level: "INFO", message: "run now requested", metadata: { by: opts.requestedById ?? null, requestId } } });
  return { requestId, eventName: agentRunRequested.name };
}
