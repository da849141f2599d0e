import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { AgentExecutionDto, AgentLogDto } from "./contracts";
import { findAgentOr404 } from "./find-agent";
import type { ExecutionFilters, LogFilters } from "./schemas";

export const EXECUTIONS_PER_PAGE = 20;
export const LOGS_PER_PAGE = 50;

type Paged<K extends string, T> = { [k in K]: T[] } & { page: number; pages: number; total: number };

/** An agent's executions, newest first, by page and status. */
export async function listAgentExecutions(opts: { organizationId: string; agentId: string; filters: ExecutionFilters }): Promise<Paged<"executions", AgentExecutionDto>> {
  const agent = await findAgentOr404(opts);
  const where: Prisma.AgentExecutionWhereInput = { agentId: agent.id, organizationId: opts.organizationId, ...(opts.filters.status ? { status: opts.filters.status } : {}) };
  const page = opts.filters.page ?? 1;
  const [total, rows] = await Promise.all([
    db().agentExecution.count({ where }),
    db().agentExecution.findMany({ where, orderBy: [{ startedAt: "desc" }, { id: "desc" }], skip: (page - 1) * EXECUTIONS_PER_PAGE, take: EXECUTIONS_PER_PAGE }),
  ]);
  return {
    executions: rows.map((r) => ({
      id: r.id,
      status: r.status,
      trigger: r.trigger,
      runId: r.runId,
      source: r.source,
      skipReason: r.skipReason,
      errorMessage: r.errorMessage,
      failedStep: r.failedStep,
      entityType: r.entityType,
      entityId: r.entityId,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      durationMs: r.durationMs,
      stepCount: r.stepCount,
      tokensUsed: r.tokensUsed,
      credits: r.credits,
    })),
    page,
    pages: Math.max(1, Math.ceil(total / EXECUTIONS_PER_PAGE)),
    total,
  };
}

/** An agent's log lines, newest first, by level and text (case-insensitive). */
export async function listAgentLogs(opts: { organizationId: string; agentId: string; filters: LogFilters }): Promise<Paged<"logs", AgentLogDto>> {
  const agent = await findAgentOr404(opts);
  const where: Prisma.AgentLogWhereInput = {
    agentId: agent.id,
    organizationId: opts.organizationId,
    ...(opts.filters.level ? { level: opts.filters.level } : {}),
    ...(opts.filters.q ? { message: { contains: opts.filters.q, mode: "insensitive" as const } } : {}),
  };
  const page = opts.filters.page ?? 1;
  const [total, rows] = await Promise.all([
    db().agentLog.count({ where }),
    db().agentLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * LOGS_PER_PAGE, take: LOGS_PER_PAGE }),
  ]);
  return {
    logs: rows.map((r) => ({ id: r.id, level: r.level, message: r.message, executionId: r.executionId, createdAt: r.createdAt.toISOString() })),
    page,
    pages: Math.max(1, Math.ceil(total / LOGS_PER_PAGE)),
    total,
  };
}
