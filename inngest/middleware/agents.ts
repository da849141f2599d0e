import { Middleware } from "inngest";
import { workflowCodeOfFunction } from "@/lib/agents/catalogue";
import { markAgentMessageConsumed, recordAgentMessages } from "@/lib/agents/messages";
import { beginAgentRun, countAgentStep, finishAgentRun, linkedEntityOf, recordAgentStepError } from "@/lib/agents/record-execution";
import { withAgentRunScope, type AgentRunScope } from "@/lib/agents/run-scope";
import { organizationIdOf } from "@/lib/workflows/tenant";

/**
 * Agents middleware (issue 16), on the app's Inngest client so it works the same with the embedded
 * executor and with Inngest Cloud. For every run of an MKT workflow (function id "mkt-NNN-…"):
 * - the organisation comes from the event (the tenant extractor the runtime uses), the agent from the
 *   workflow code; an agent that is not ACTIVE makes the run return at once with nothing done but a
 *   SKIPPED execution ("inactive"); scheduled runs across organisations record a SKIPPED execution for
 *   each organisation whose agent is off, and the workflow itself leaves those organisations out
 *   (`agentNotInactive`);
 * - otherwise an execution is recorded: trigger, linked entity, steps, a failed step's error, the
 *   outcome and duration, and the tokens and cost of the AI ledger rows made inside the run (the ledger
 *   reads the run's scope).
 * - agent messages (lib/agents/messages.ts): every hand-off event sent (`client.send` or
 *   `step.sendEvent`) is recorded once sent, and a run that starts for one marks it consumed (before
 *   the agent gate: a skipped run of an inactive agent did receive it).
 * A new instance is made per request; each request finds the run's rows by (agent, runId).
 */
export class AgentsMiddleware extends Middleware.BaseMiddleware {
  readonly id = "marketing-engine-agents";
  private executionIds: string[] = [];
  private scope: AgentRunScope | null = null;
  private skipped = false;

  override async wrapFunctionHandler({ ctx, fn, next }: Middleware.WrapFunctionHandlerArgs): Promise<unknown> {
    const functionId = String((fn.opts as { id?: string }).id ?? "");
    const event = ctx.event as { name: string; id?: string; data?: Record<string, unknown> };
    await markAgentMessageConsumed({ eventName: event.name, eventId: event.id, functionId });
    const workflowCode = workflowCodeOfFunction(functionId);
    if (!workflowCode) return next();
    const cron = event.name === "inngest/scheduled.timer" ? String((event.data as { cron?: string } | undefined)?.cron ?? "") : null;
    const gate = await beginAgentRun({
      workflowCode,
      functionId,
      runId: ctx.runId,
      organizationId: organizationIdOf(event),
      trigger: cron !== null ? `cron ${cron}`.trim() : event.name,
      entity: linkedEntityOf(event.data),
      input: { functionId, event: event.name },
    });
    if (gate.skip) {
      this.skipped = true;
      return { skipped: "inactive" };
    }
    this.executionIds = gate.executions.map((e) => e.executionId);
    this.scope = { runId: ctx.runId, executions: gate.executions };
    return withAgentRunScope(this.scope, () => next());
  }

  /** Hand-off events are recorded once the engine accepted them (with the ids it answered). */
  override async wrapSendEvent({ events, next }: Middleware.WrapSendEventArgs): Promise<Awaited<ReturnType<Middleware.WrapSendEventArgs["next"]>>> {
    const out = await next();
    await recordAgentMessages(events as { name: string; id?: string; data?: unknown }[], out.ids ?? []);
    return out;
  }

  /** Each step's handler runs in the run's scope, so the AI ledger links its calls to the execution. */
  override wrapStepHandler({ next }: Middleware.WrapStepHandlerArgs): Promise<unknown> {
    return this.scope ? withAgentRunScope(this.scope, () => next()) : next();
  }

  override async onStepComplete(): Promise<void> {
    await countAgentStep(this.executionIds);
  }

  override async onStepError({ error, stepInfo, isFinalAttempt }: Middleware.OnStepErrorArgs): Promise<void> {
    await countAgentStep(isFinalAttempt ? this.executionIds : []);
    await recordAgentStepError({ executionIds: this.executionIds, stepId: stepInfo.options.id, message: error.message, finalAttempt: isFinalAttempt });
  }

  override async onRunComplete({ output }: Middleware.OnRunCompleteArgs): Promise<void> {
    if (this.skipped) return;
    await finishAgentRun({ executionIds: this.executionIds, status: "SUCCESS", output });
  }

  override async onRunError({ error, isFinalAttempt }: Middleware.OnRunErrorArgs): Promise<void> {
    if (this.skipped || !isFinalAttempt) return;
    await finishAgentRun({ executionIds: this.executionIds, status: "ERROR", errorMessage: error.message });
  }
}
