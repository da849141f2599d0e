import "server-only";
import { db } from "@/lib/db/client";
import type { AgentStatus } from "@/lib/db/generated/enums";
import { publishLiveEvent } from "@/lib/live/publish";
import { findAgentOr404 } from "./find-agent";

/**
 * Switches an agent on or off. Takes effect at once: the agents middleware reads the status when each
 * run starts, so the next scheduled run and the next event of an inactive agent do nothing.
 */
export async function setAgentStatus(opts: { organizationId: string; agentId: string; status: AgentStatus; by?: string }): Promise<{ id: string; status: AgentStatus }> {
  const agent = await findAgentOr404(opts);
  if (agent.status === opts.status) return { id: agent.id, status: agent.status };
  return db().$transaction(async (tx) => {
    const updated = await tx.agent.update({ where: { id: agent.id }, data: { status: opts.status, ...(opts.status === "ACTIVE" ? { deployedAt: new Date() } : {}) }, select: { id: true, status: true } });
    await tx.agentLog.create({ data: { organizationId: opts.organizationId, agentId: agent.id, level: "INFO", message: `status ${agent.status} -> ${opts.status}`, metadata: { by: opts.by ?? null } } });
    // Last in the transaction (it holds the organisation's live lock until commit): open Agents pages refresh.
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "agent.updated", payload: { agentId: agent.id, status: opts.status } });
    return updated;
  });
}
