import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { workflowEngine } from "./config";
import type { EventFilters, EventListItem, RunDetail, RunFilters, RunListItem, RunStepDto } from "@/lib/workflows/contracts";

export { RUN_STATUSES, eventFiltersSchema, runFiltersSchema } from "@/lib/workflows/contracts";
export type { EventFilters, EventListItem, RunDetail, RunFilters, RunListItem, RunStepDto } from "@/lib/workflows/contracts";

/**
 * Run history for the Runs and Events pages. Tenant-scoped: an organisation sees the runs and
 * events whose data carries its organizationId; anything else is a 404.
 */
export const PAGE_SIZE = 50;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const duration = (a: Date | null, b: Date | null) => (a && b ? b.getTime() - a.getTime() : null);

async function functionNames(): Promise<Map<string, string>> {
  const fns = await db().runtimeFunction.findMany({ select: { id: true, name: true } });
  return new Map(fns.map((f) => [f.id, f.name]));
}

const runSelect = {
  id: true,
  functionId: true,
  status: true,
  event: true,
  createdAt: true,
  startedAt: true,
  endedAt: true,
  error: true,
} satisfies Prisma.RuntimeRunSelect;

type RunRowDto = Prisma.RuntimeRunGetPayload<{ select: typeof runSelect }>;

function toListItem(r: RunRowDto, names: Map<string, string>): RunListItem {
  const err = r.error as { message?: string } | null;
  return {
    id: r.id,
    functionId: r.functionId,
    functionName: names.get(r.functionId) ?? r.functionId,
    status: r.status,
    eventName: (r.event as { name?: string } | null)?.name ?? "",
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    durationMs: duration(r.startedAt, r.endedAt),
    error: r.status === "FAILED" || r.status === "RUNNING" ? (err?.message ?? null) : null,
  };
}

export async function listRuns(opts: { organizationId: string; filters: RunFilters }): Promise<{ runs: RunListItem[]; nextCursor: string | null }> {
  const f = opts.filters;
  const rows = await db().runtimeRun.findMany({
    where: {
      organizationId: opts.organizationId,
      ...(f.function ? { functionId: f.function } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
      ...(f.cursor ? { id: { lt: f.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
    select: runSelect,
  });
  const names = await functionNames();
  const page = rows.slice(0, PAGE_SIZE);
  return { runs: page.map((r) => toListItem(r, names)), nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1]!.id : null };
}

/** Functions that ran for this organisation (filter options). */
export async function listRunFunctions(opts: { organizationId: string }): Promise<{ id: string; name: string }[]> {
  const used = await db().runtimeRun.findMany({ where: { organizationId: opts.organizationId }, distinct: ["functionId"], select: { functionId: true } });
  const names = await functionNames();
  return used.map((u) => ({ id: u.functionId, name: names.get(u.functionId) ?? u.functionId })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getRun(opts: { organizationId: string; runId: string }): Promise<RunDetail> {
  const run = await db().runtimeRun.findFirst({
    where: { id: opts.runId, organizationId: opts.organizationId },
    select: { ...runSelect, events: true, eventId: true, output: true, attempt: true, cancelReason: true, parentRunId: true, rerunOfId: true, stack: true },
  });
  if (!run) throw notFound("run");
  const [steps, children, names] = await Promise.all([
    db().runtimeStep.findMany({ where: { runId: run.id }, orderBy: { createdAt: "asc" } }),
    db().runtimeRun.findMany({
      where: { parentRunId: run.id, organizationId: opts.organizationId },
      select: { id: true, functionId: true, status: true },
      orderBy: { id: "asc" },
    }),
    functionNames(),
  ]);
  // Completed steps in completion order (ctx.stack), then the ones still in progress.
  const order = new Map(run.stack.map((h, i) => [h, i]));
  steps.sort((a, b) => (order.get(a.hashedId) ?? 1e9) - (order.get(b.hashedId) ?? 1e9) || a.createdAt.getTime() - b.createdAt.getTime());
  const active = run.status === "QUEUED" || run.status === "RUNNING";
  const embedded = workflowEngine() === "embedded";
  return {
    ...toListItem(run, names),
    event: run.event,
    events: Array.isArray(run.events) ? run.events : null,
    eventId: run.eventId,
    output: run.output,
    errorDetail: run.error as RunDetail["errorDetail"],
    attempt: run.attempt,
    cancelReason: run.cancelReason,
    parentRunId: run.parentRunId,
    rerunOfId: run.rerunOfId,
    children,
    steps: steps.map((s) => ({
      hashedId: s.hashedId,
      stepId: s.stepId,
      name: s.name,
      op: s.op,
      status: s.status,
      input: s.input,
      output: s.output,
      error: s.error as RunStepDto["error"],
      retries: (s.errors as RunStepDto["retries"]) ?? [],
      attempts: s.attempts,
      startedAt: iso(s.startedAt),
      endedAt: iso(s.endedAt),
      durationMs: s.durationMs ?? duration(s.startedAt, s.endedAt),
    })),
    canCancel: embedded && active,
    canRerun: embedded && !active && run.functionId !== "" && names.has(run.functionId),
  };
}

export async function listEvents(opts: { organizationId: string; filters: EventFilters }): Promise<{ events: EventListItem[]; nextCursor: string | null }> {
  const rows = await db().runtimeEvent.findMany({
    where: {
      organizationId: opts.organizationId,
      ...(opts.filters.name ? { name: opts.filters.name } : {}),
      ...(opts.filters.cursor ? { id: { lt: opts.filters.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: PAGE_SIZE + 1,
  });
  const page = rows.slice(0, PAGE_SIZE);
  return {
    events: page.map((e) => ({
      id: e.id,
      externalId: e.externalId,
      name: e.name,
      data: e.data,
      ts: e.ts.toISOString(),
      receivedAt: e.receivedAt.toISOString(),
      runIds: e.runIds,
      processed: e.processedAt !== null,
    })),
    nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}
