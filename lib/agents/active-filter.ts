import type { Prisma } from "@/lib/db/client";

/**
 * Organisations where the agent of `workflowCode` is not switched off: what a scheduled workflow that
 * works across organisations loops over, so an inactive agent's cron run does nothing for it. An
 * organisation without the agent row (created before agents existed, or by a test) counts as active.
 */
export function agentNotInactive(workflowCode: string): Prisma.OrganizationWhereInput {
  return { NOT: { agents: { some: { workflowCode, status: { not: "ACTIVE" } } } } };
}
