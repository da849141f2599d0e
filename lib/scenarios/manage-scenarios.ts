import "server-only";
import type { z } from "zod";
import { SCENARIOS } from "@/lib/demo/seed-scenarios";
import { db, type Prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { ScenarioDto, ScenarioListItemDto } from "./contracts";
import { assertScenario, getScenario } from "./get-scenario";
import type { addObjectiveSchema, addResourceSchema, addTargetSchema, createScenarioSchema, importScenarioSchema, listScenariosQuerySchema } from "./schemas";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string; scenarioId: string };

/** Seed 002 GET /scenarios: most recently updated first, paged, filtered by theme (exact, case-insensitive) or q (name or theme). */
export async function listScenarioPage(opts: { organizationId: string; query?: z.output<typeof listScenariosQuerySchema> }): Promise<{ items: ScenarioListItemDto[]; total: number; page: number; pageSize: number }> {
  const page = opts.query?.page ?? 1;
  const pageSize = opts.query?.pageSize ?? 20;
  const where: Prisma.ScenarioWhereInput = {
    organizationId: opts.organizationId,
    ...(opts.query?.theme ? { theme: { equals: opts.query.theme, mode: "insensitive" } } : {}),
    ...(opts.query?.q ? { OR: [{ name: { contains: opts.query.q, mode: "insensitive" } }, { theme: { contains: opts.query.q, mode: "insensitive" } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db().scenario.count({ where }),
    db().scenario.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        name: true,
        theme: true,
        description: true,
        status: true,
        updatedAt: true,
        _count: { select: { objectives: true, targets: true, resources: true } },
        plans: { orderBy: { version: "desc" }, take: 1, select: { _count: { select: { rows: true } } } },
      },
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      theme: r.theme,
      description: r.description,
      status: r.status,
      updatedAt: r.updatedAt.toISOString(),
      objectives: r._count.objectives,
      targets: r._count.targets,
      resources: r._count.resources,
      planRows: r.plans[0]?._count.rows ?? 0,
    })),
  };
}

export async function createScenario(opts: { organizationId: string; createdById: string | null; input: z.output<typeof createScenarioSchema>; tx?: Tx }): Promise<{ id: string }> {
  return (opts.tx ?? (db() as unknown as Tx)).scenario.create({
    data: { organizationId: opts.organizationId, name: opts.input.name, theme: opts.input.theme, description: opts.input.description || null, createdById: opts.createdById },
    select: { id: true },
  });
}

/** Touch the scenario so the sidebar (sorted by last update) brings it up. */
async function touch(tx: Tx, scenarioId: string) {
  await tx.scenario.update({ where: { id: scenarioId }, data: { updatedAt: new Date() } });
}

export async function addObjective(opts: Scope & { input: z.output<typeof addObjectiveSchema>; tx?: Tx }): Promise<void> {
  const run = async (tx: Tx) => {
    await assertScenario({ ...opts, tx });
    const objective = await tx.marketingObjective.create({ data: { organizationId: opts.organizationId, label: opts.input.label, description: opts.input.description || null }, select: { id: true } });
    await tx.scenarioObjective.create({ data: { organizationId: opts.organizationId, scenarioId: opts.scenarioId, objectiveId: objective.id, priority: opts.input.priority ?? 1 } });
    await touch(tx, opts.scenarioId);
  };
  await (opts.tx ? run(opts.tx) : db().$transaction(run));
}

/** Adds a target; the same label twice in one scenario is a 409 (a double click on "Add"). */
export async function addTarget(opts: Scope & { input: z.output<typeof addTargetSchema>; tx?: Tx }): Promise<void> {
  const run = async (tx: Tx) => {
    await assertScenario({ ...opts, tx });
    const same = await tx.scenarioTarget.findFirst({ where: { scenarioId: opts.scenarioId, target: { label: { equals: opts.input.label, mode: "insensitive" } } }, select: { targetId: true } });
    if (same) throw new AppError("conflict", "assistant.duplicate", { field: "label", values: { what: opts.input.label } });
    const target = await tx.marketingTarget.create({
      data: { organizationId: opts.organizationId, label: opts.input.label, persona: opts.input.persona || null, segment: opts.input.segment || null, insight: opts.input.insight || null },
      select: { id: true },
    });
    await tx.scenarioTarget.create({ data: { organizationId: opts.organizationId, scenarioId: opts.scenarioId, targetId: target.id, maturity: opts.input.maturity ?? "AWARENESS" } });
    await touch(tx, opts.scenarioId);
  };
  await (opts.tx ? run(opts.tx) : db().$transaction(run));
}

export async function addResource(opts: Scope & { input: z.output<typeof addResourceSchema>; tx?: Tx }): Promise<void> {
  const run = async (tx: Tx) => {
    await assertScenario({ ...opts, tx });
    const resource = await tx.marketingResource.create({
      data: { organizationId: opts.organizationId, type: opts.input.type, title: opts.input.title, url: opts.input.url || null, note: opts.input.note || null },
      select: { id: true },
    });
    await tx.scenarioResource.create({ data: { organizationId: opts.organizationId, scenarioId: opts.scenarioId, resourceId: resource.id, usage: opts.input.usage || null } });
    await touch(tx, opts.scenarioId);
  };
  await (opts.tx ? run(opts.tx) : db().$transaction(run));
}

/** The five B2B demo scenarios, offered to every organisation as examples to copy. */
export function listScenarioExamples() {
  return SCENARIOS.map((s) => ({ key: s.key, name: s.name, theme: s.theme, description: s.description, objectives: s.objectives.length, targets: s.targets.length, planRows: s.plan?.rows.length ?? 0 }));
}

/** "Copy this example": a new DRAFT scenario of the organisation with the example's entities and plan. */
export async function copyScenarioExample(opts: { organizationId: string; createdById: string | null; key: string }): Promise<ScenarioDto> {
  const spec = SCENARIOS.find((s) => s.key === opts.key);
  if (!spec) throw notFound("scenarioExample", { field: "key" });
  const id = await db().$transaction(async (tx) => {
    const { id: scenarioId } = await createScenario({ organizationId: opts.organizationId, createdById: opts.createdById, input: { name: spec.name, theme: spec.theme, description: spec.description }, tx });
    const scope = { organizationId: opts.organizationId, scenarioId, tx };
    for (const o of spec.objectives) await addObjective({ ...scope, input: o });
    for (const t of spec.targets) await addTarget({ ...scope, input: t });
    for (const r of spec.resources) await addResource({ ...scope, input: r });
    if (spec.plan) {
      const plan = await tx.scenarioPlan.create({ data: { organizationId: opts.organizationId, scenarioId, version: 1, summary: spec.plan.summary, model: "example" }, select: { id: true } });
      await tx.scenarioPlanRow.createMany({
        data: spec.plan.rows.map(([format, message, channel, frequency, kpi], position) => ({ organizationId: opts.organizationId, planId: plan.id, position, format, message, channel, frequency, kpi })),
      });
    }
    return scenarioId;
  });
  return getScenario({ organizationId: opts.organizationId, scenarioId: id });
}

/** Import an exported scenario (JSON export round trip): a new scenario with the same fields, entities and plan. */
export async function importScenario(opts: { organizationId: string; createdById: string | null; input: z.output<typeof importScenarioSchema> }): Promise<ScenarioDto> {
  const doc = opts.input.scenario;
  const id = await db().$transaction(async (tx) => {
    const { id: scenarioId } = await createScenario({ organizationId: opts.organizationId, createdById: opts.createdById, input: { name: doc.name, theme: doc.theme, description: doc.description ?? undefined }, tx });
    const scope = { organizationId: opts.organizationId, scenarioId, tx };
    for (const o of doc.objectives) await addObjective({ ...scope, input: { label: o.label, description: o.description ?? undefined, priority: o.priority } });
    for (const t of doc.targets) await addTarget({ ...scope, input: { label: t.label, persona: t.persona ?? undefined, segment: t.segment ?? undefined, insight: t.insight ?? undefined, maturity: t.maturity } });
    for (const r of doc.resources) await addResource({ ...scope, input: { type: r.type, title: r.title, url: r.url ?? undefined, note: r.note ?? undefined, usage: r.usage ?? undefined } });
    if (doc.plan) {
      const plan = await tx.scenarioPlan.create({ data: { organizationId: opts.organizationId, scenarioId, version: 1, summary: doc.plan.summary, model: doc.plan.model ?? null }, select: { id: true } });
      await tx.scenarioPlanRow.createMany({ data: doc.plan.rows.map((r, position) => ({ organizationId: opts.organizationId, planId: plan.id, position, format: r.format, message: r.message, channel: r.channel, frequency: r.frequency, kpi: r.kpi })) });
    }
    await tx.scenario.update({ where: { id: scenarioId }, data: { status: doc.status } });
    return scenarioId;
  });
  return getScenario({ organizationId: opts.organizationId, scenarioId: id });
}
