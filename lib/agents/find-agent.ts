import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** The agent if it belongs to the organisation; another organisation's agent is a 404. */
export async function findAgentOr404(opts: { organizationId: string; agentId: string }) {
  const agent = await db().agent.findFirst({ where: { id: opts.agentId, organizationId: opts.organizationId }, include: { template: true } });
  if (!agent) throw notFound("agent");
  return agent;
}
