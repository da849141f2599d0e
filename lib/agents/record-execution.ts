import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import { childLogger } from "@/lib/log";

/**
 * The agents middleware's writes (inngest/middleware/agents.ts): one agent_executions row per agent and
 * workflow run (unique on agentId + runId, so every request of a run and every retry finds the same
 * row), steps counted, a failed step's error, and at the end tokens and cost summed from the AI ledger
 * rows linked to the execution.
 */
export type RunStart = {
  workflowCode: string;
  functionId: string;
  runId: string;
  /** The event's organisation; null for scheduled runs that work across organisations. */
  organizationId: string | null;
  trigger: string;
  input?: Prisma.InputJsonValue;
  entity?: { type: string; id: string } | null;
};

export type RunGate = { skip: boolean; executions: { organizationId: string; agentId: string; executionId: string }[] };

const ENTITY_KEYS: [string, string][] = [
  ["contentPieceId", "content_piece"],
  ["pieceId", "content_piece"],
  ["inputId", "content_input"],
  ["campaignId", "campaign"],
  ["leadId", "lead"],
  ["publicationId", "publication"],
  ["signalId", "signal"],
  ["approvalRequestId", "approval_request"],
];

/** What the run is about, from its event's data (the first id found). */
export function linkedEntityOf(data: unknown): { type: string; id: string } | null {
  if (!data || typeof data !== "object") return null;
  const d = data as Record<string, unknown>;
  for (const [key, type] of ENTITY_KEYS) if (typeof d[key] === "string" && d[key]) return { type, id: d[key] as string };
  return null;
}

/**
 * Called on every request of a run, before the handler. The first request decides: an agent that is not
 * ACTIVE gets a SKIPPED execution ("inactive") and, for a run of its own organisation, the handler is
 * not called at all. Later requests of a run find the rows already there and keep that decision.
 */
export async function beginAgentRun(s: RunStart): Promise<RunGate> {
  const agents = await db().agent.findMany({
    where: { workflowCode: s.workflowCode, ...(s.organizationId ? { organizationId: s.organizationId } : {}) },
    select: { id: true, organizationId: true, status: true },
  });
  if (agents.length === 0) return { skip: false, executions: [] };
  const now = new Date();
  await db().agentExecution.createMany({
    data: agents.map((a) => {
      const active = a.status === "ACTIVE";
      return {
        organizationId: a.organizationId,
        agentId: a.id,
        runId: s.runId,
        trigger: s.trigger,
        status: active ? ("RUNNING" as const) : ("SKIPPED" as const),
        skipReason: active ? null : "inactive",
        input: s.input ?? { functionId: s.functionId },
        entityType: s.entity?.type ?? null,
        entityId: s.entity?.id ?? null,
        startedAt: now,
        createdAt: now,
        finishedAt: active ? null : now,
        durationMs: active ? null : 0,
      };
    }),
    skipDuplicates: true,
  });
  const rows = await db().agentExecution.findMany({ where: { runId: s.runId, agentId: { in: agents.map((a) => a.id) } }, select: { id: true, agentId: true, organizationId: true, status: true, createdAt: true } });
  // A SKIPPED row written by this request: say so in the agent's log, once.
  const fresh = rows.filter((r) => r.status === "SKIPPED" && r.createdAt.getTime() === now.getTime());
  if (fresh.length) {
    await db().agentLog.createMany({ data: fresh.map((r) => ({ organizationId: r.organizationId, agentId: r.agentId, executionId: r.id, level: "INFO" as const, message: "skipped (inactive)", metadata: { trigger: s.trigger } })) });
    for (const r of fresh) await publishLiveEvent(db(), { organizationId: r.organizationId, type: "agent.executed", payload: { agentId: r.agentId, executionId: r.id, status: "SKIPPED" } });
  }
  const running = rows.filter((r) => r.status !== "SKIPPED").map((r) => ({ organizationId: r.organizationId, agentId: r.agentId, executionId: r.id }));
  const skip = s.organizationId !== null && running.length === 0;
  return { skip, executions: running };
}

export async function countAgentStep(executionIds: string[]): Promise<void> {
  if (executionIds.length === 0) return;
  await db().agentExecution.updateMany({ where: { id: { in: executionIds }, status: "RUNNING" }, data: { stepCount: { increment: 1 } } });
}

/** A step attempt failed: a log line (WARN while it will be retried, ERROR on its last attempt). */
export async function recordAgentStepError(opts: { executionIds: string[]; stepId: string; message: string; finalAttempt: boolean }): Promise<void> {
  if (opts.executionIds.length === 0) return;
  const rows = await db().agentExecution.findMany({ where: { id: { in: opts.executionIds } }, select: { id: true, organizationId: true, agentId: true } });
  await db().agentLog.createMany({
    data: rows.map((r) => ({ organizationId: r.organizationId, agentId: r.agentId, executionId: r.id, level: opts.finalAttempt ? ("ERROR" as const) : ("WARN" as const), message: `${opts.stepId}: ${opts.message}`.slice(0, 2000), metadata: { step: opts.stepId, finalAttempt: opts.finalAttempt } })),
  });
  // The run may still catch it: the execution stays RUNNING until the run ends, with the step's error kept.
  if (opts.finalAttempt) await db().agentExecution.updateMany({ where: { id: { in: opts.executionIds } }, data: { failedStep: opts.stepId, errorMessage: opts.message.slice(0, 4000) } });
}

/** The run ended (success, or failure after its last attempt): status, duration, tokens and cost from the ledger, agent counters. */
export async function finishAgentRun(opts: { executionIds: string[]; status: "SUCCESS" | "ERROR"; errorMessage?: string; output?: unknown }): Promise<void> {
  if (opts.executionIds.length === 0) return;
  const now = new Date();
  for (const id of opts.executionIds) {
    await db().$transaction(async (tx) => {
      const ex = await tx.agentExecution.findUnique({ where: { id }, select: { id: true, status: true, startedAt: true, agentId: true, organizationId: true } });
      if (!ex || ex.status !== "RUNNING") return;
      const ledger = await tx.aiUsageEntry.aggregate({ where: { executionId: id, kind: "USAGE" }, _sum: { inputTokens: true, outputTokens: true, credits: true } });
      const durationMs = Math.max(0, now.getTime() - ex.startedAt.getTime());
      await tx.agentExecution.update({
        where: { id },
        data: {
          status: opts.status,
          finishedAt: now,
          durationMs,
          errorMessage: opts.errorMessage?.slice(0, 4000) ?? null,
          output: compactOutput(opts.output),
          tokensUsed: (ledger._sum.inputTokens ?? 0) + (ledger._sum.outputTokens ?? 0),
          credits: ledger._sum.credits ?? 0,
        },
      });
      const agent = await tx.agent.findUniqueOrThrow({ where: { id: ex.agentId }, select: { executionCount: true, avgDurationMs: true } });
      const n = agent.executionCount + 1;
      await tx.agent.update({
        where: { id: ex.agentId },
        data: {
          executionCount: n,
          errorCount: { increment: opts.status === "ERROR" ? 1 : 0 },
          lastExecutedAt: now,
          avgDurationMs: Math.round(((agent.avgDurationMs ?? 0) * (n - 1) + durationMs) / n),
        },
      });
      await tx.agentLog.create({
        data: {
          organizationId: ex.organizationId,
          agentId: ex.agentId,
          executionId: id,
          level: opts.status === "ERROR" ? "ERROR" : "INFO",
          message: opts.status === "ERROR" ? `failed: ${opts.errorMessage ?? ""}`.slice(0, 2000) : `finished in ${durationMs} ms`,
          metadata: { durationMs },
        },
      });
      // Last in the transaction (the organisation's live lock is held until commit): open Agents pages refresh.
      await publishLiveEvent(tx, { organizationId: ex.organizationId, type: "agent.executed", payload: { agentId: ex.agentId, executionId: id, status: opts.status } });
    });
  }
  if (opts.status === "ERROR") childLogger({}).warn({ executions: opts.executionIds, error: opts.errorMessage }, "agent run failed");
}

/** The function's return value, kept when small (the detail page shows it). */
function compactOutput(output: unknown): Prisma.InputJsonValue | undefined {
  if (output === undefined || output === null) return undefined;
  const json = JSON.stringify(output);
  if (json.length > 8_000) return { truncated: true, bytes: json.length };
  return JSON.parse(json) as Prisma.InputJsonValue;
}
