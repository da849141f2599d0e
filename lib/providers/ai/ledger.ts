import "server-only";
import { db } from "@/lib/db/client";
import type { AiOperation } from "@/lib/db/generated/enums";
import { childLogger } from "@/lib/log";
import { currentAgentExecution } from "@/lib/agents/run-scope";
import { creditsFor } from "./credits";
import type { AiProviderName, AiUsage } from "./types";

/**
 * The AI usage ledger: one USAGE row per provider call that returned an answer (billed tokens),
 * including answers that then failed validation. Calls that failed in transport are billed nothing
 * and are logged instead. With an idempotency key ("<runId>:<stepId>"), a re-run step is charged once.
 */
export type UsageRecord = {
  organizationId: string;
  /** Agent key (workflow id), e.g. "mkt-103-generate-content"; linked to the Agent row when it exists. */
  agent: string;
  executionId?: string;
  provider: AiProviderName;
  model: string;
  operation: AiOperation;
  usage: AiUsage;
  latencyMs: number;
  idempotencyKey?: string;
  /** What the call was for (logged), e.g. "research", "copy:linkedin". */
  label?: string;
  /** Outcome of this call, logged with it: "ok" or why its answer was rejected. */
  outcome: string;
};

export type RecordedUsage = { id: string | null; credits: number; duplicate: boolean };

export async function recordAiUsage(r: UsageRecord): Promise<RecordedUsage> {
  const credits = creditsFor(r.model, r.operation, r.usage);
  // Inside a workflow run the agents middleware knows the execution (and so the agent) of this organisation.
  const scope = currentAgentExecution(r.organizationId);
  const agent = scope ? { id: scope.agentId } : await db().agent.findUnique({ where: { organizationId_key: { organizationId: r.organizationId, key: r.agent } }, select: { id: true } });
  const data = {
    organizationId: r.organizationId,
    kind: "USAGE" as const,
    agentId: agent?.id ?? null,
    workflowKey: r.agent,
    executionId: r.executionId ?? scope?.executionId ?? null,
    provider: r.provider,
    model: r.model,
    operation: r.operation,
    inputTokens: r.usage.inputTokens,
    outputTokens: r.usage.outputTokens,
    cacheReadTokens: r.usage.cacheReadTokens ?? 0,
    cacheWriteTokens: r.usage.cacheWriteTokens ?? 0,
    imageCount: r.usage.imageCount ?? 0,
    audioSeconds: Math.round(r.usage.audioSeconds ?? 0),
    credits,
    latencyMs: Math.round(r.latencyMs),
    idempotencyKey: r.idempotencyKey ?? null,
  };
  const result = await db().$transaction(async (tx) => {
    const inserted = await tx.aiUsageEntry.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } });
    if (inserted.length === 0) return { id: null, credits, duplicate: true };
    if (agent && credits > 0) await tx.agent.update({ where: { id: agent.id }, data: { creditsUsed: { increment: credits } } });
    return { id: inserted[0]!.id, credits, duplicate: false };
  });
  childLogger({ organizationId: r.organizationId }).info(
    { agent: r.agent, label: r.label, provider: r.provider, model: r.model, operation: r.operation, inputTokens: data.inputTokens, outputTokens: data.outputTokens, credits, latencyMs: data.latencyMs, outcome: r.outcome, duplicate: result.duplicate },
    "ai call",
  );
  return result;
}

/** A call that failed before any answer: nothing billed, so no ledger row; the failure is logged. */
export function logAiFailure(r: { organizationId: string; agent: string; label?: string; provider: AiProviderName; model: string; operation: AiOperation; latencyMs: number; error: string; kind?: string }): void {
  childLogger({ organizationId: r.organizationId }).warn(
    { agent: r.agent, label: r.label, provider: r.provider, model: r.model, operation: r.operation, latencyMs: Math.round(r.latencyMs), kind: r.kind, error: r.error.slice(0, 500) },
    "ai call failed",
  );
}
