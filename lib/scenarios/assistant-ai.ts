import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { AiOutputError, AiProviderError, generateObject, type Locale } from "@/lib/providers/ai";
import { enforceRateLimit } from "@/lib/rate-limit";
import type { ScenarioDto } from "./contracts";
import { getScenario } from "./get-scenario";
import { aiPlanSchema, aiTargetSuggestionsSchema } from "./schemas";

/** The assistant's agent key in the AI ledger (lib/agents catalogue AST-001). */
export const ASSISTANT_AGENT = "assistant";

/** Seed 002: 30 AI requests a minute per user (an API key counts as one user). */
export async function enforceAssistantRate(ctx: OrgContext): Promise<void> {
  const subject = ctx.actor.kind === "user" ? `user:${ctx.actor.userId}` : `key:${ctx.actor.apiKeyId}`;
  await enforceRateLimit({ bucket: "assistant-ai", subject, limit: 30, windowSeconds: 60 });
}

/** What the model is told about the scenario (trusted: the organisation's own data, sent as data). */
export function scenarioContext(s: ScenarioDto | null) {
  if (!s) return null;
  return {
    name: s.name,
    theme: s.theme,
    description: s.description ?? "",
    status: s.status,
    objectives: s.objectives.map((o) => ({ label: o.label, priority: o.priority })),
    targets: s.targets.map((t) => ({ label: t.label, maturity: t.maturity, segment: t.segment ?? "" })),
    resources: s.resources.map((r) => ({ type: r.type, title: r.title })),
    plan: s.plan ? { summary: s.plan.summary, rows: s.plan.rows.length } : null,
  };
}

const SYSTEM =
  "You are a B2B marketing assistant that co-builds marketing scenarios (objectives, targets, resources, distribution plan). Answer in strict JSON following the schema given, in the user's language (locale in the data).";

/**
 * One AI call of the assistant. A provider failure or an answer that fails the schema (after the
 * gateway's repair turn) becomes a 502 with the fallback message; callers write only after this
 * returns, so a failure leaves nothing half-written. Quota (402) and provider rate limits (429) keep
 * their own status.
 */
export async function askAssistant<S extends z.ZodType>(opts: { organizationId: string; operation: string; prompt: string; data: Record<string, unknown>; locale: Locale; schema: S }): Promise<{ object: z.infer<S>; model: string }> {
  try {
    const res = await generateObject({
      organizationId: opts.organizationId,
      agent: ASSISTANT_AGENT,
      operation: opts.operation,
      system: SYSTEM,
      prompt: opts.prompt,
      data: { ...opts.data, locale: opts.locale },
      locale: opts.locale,
      offlineWriter: "scenario-assistant",
      schema: opts.schema,
      maxTokens: 2048,
      effort: "low",
    });
    return { object: res.object, model: res.model };
  } catch (err) {
    if (err instanceof AiOutputError || (err instanceof AiProviderError && err.code !== "rate_limited")) {
      throw new AppError("upstream", "assistant.aiFallback", { values: { detail: err instanceof AiOutputError ? "invalid answer" : err.kind }, cause: err });
    }
    throw err;
  }
}

/** "Suggérer des cibles": three proposals; nothing is stored until one is added. */
export async function suggestTargets(opts: { organizationId: string; scenarioId: string; locale: Locale }): Promise<{ suggestions: z.infer<typeof aiTargetSuggestionsSchema>["suggestions"] }> {
  const scenario = await getScenario({ organizationId: opts.organizationId, scenarioId: opts.scenarioId, messages: 0 });
  const { object } = await askAssistant({
    organizationId: opts.organizationId,
    operation: "targets.suggest",
    prompt: "Suggest exactly 3 new B2B targets for this scenario (not the ones it already has): label, description, insight (why this target).",
    data: { task: "targets", scenario: scenarioContext(scenario) },
    locale: opts.locale,
    schema: aiTargetSuggestionsSchema,
  });
  return { suggestions: object.suggestions };
}

/** "Générer le plan": a new plan version (earlier ones kept) with its rows; the scenario becomes READY. */
export async function generatePlan(opts: { organizationId: string; scenarioId: string; locale: Locale }): Promise<ScenarioDto> {
  const scenario = await getScenario({ organizationId: opts.organizationId, scenarioId: opts.scenarioId, messages: 0 });
  const { object, model } = await askAssistant({
    organizationId: opts.organizationId,
    operation: "plan.generate",
    prompt:
      "Write the distribution plan of this scenario: a short summary and 3 to 20 rows (format, message, channel, frequency, KPI), following the objectives by priority and the targets' maturity, using the resources.",
    data: { task: "plan", scenario: scenarioContext(scenario) },
    locale: opts.locale,
    schema: aiPlanSchema,
  });
  await db().$transaction(async (tx) => {
    const last = await tx.scenarioPlan.findFirst({ where: { scenarioId: opts.scenarioId }, orderBy: { version: "desc" }, select: { version: true } });
    const plan = await tx.scenarioPlan.create({ data: { organizationId: opts.organizationId, scenarioId: opts.scenarioId, version: (last?.version ?? 0) + 1, summary: object.summary, model }, select: { id: true } });
    await tx.scenarioPlanRow.createMany({ data: object.rows.map((r, position) => ({ organizationId: opts.organizationId, planId: plan.id, position, ...r })) });
    await tx.scenario.update({ where: { id: opts.scenarioId }, data: { status: "READY" } });
  });
  return getScenario({ organizationId: opts.organizationId, scenarioId: opts.scenarioId });
}
