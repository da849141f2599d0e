import "server-only";
import type { Prisma } from "@/lib/db/client";
import { AGENT_TEMPLATES, configSchemaOf, defaultConfigOf, type CatalogueEntry } from "./catalogue";

type Tx = Prisma.TransactionClient;

/** The template row of a catalogue entry (the catalogue in code is the source; rows follow it). */
export function templateRow(e: CatalogueEntry) {
  return {
    slug: e.slug,
    workflowCode: e.code,
    nameFr: e.nameFr,
    nameEn: e.nameEn,
    descriptionFr: e.descriptionFr,
    descriptionEn: e.descriptionEn,
    group: e.group,
    kind: e.kind,
    trigger: e.trigger,
    schedule: e.schedule ?? null,
    configSchema: configSchemaOf(e) as Prisma.InputJsonValue,
    defaultConfig: defaultConfigOf(e) as Prisma.InputJsonValue,
    useCases: [e.descriptionFr],
    requiredConnections: e.requiredConnections ?? [],
  };
}

/** An organisation's agent row of a catalogue entry, as installed (ACTIVE, default configuration). */
export function agentRow(e: CatalogueEntry, organizationId: string, templateId: string | null) {
  return {
    organizationId,
    templateId,
    key: e.slug,
    workflowCode: e.code,
    name: e.nameFr,
    nameEn: e.nameEn,
    description: e.descriptionFr,
    group: e.group,
    kind: e.kind,
    status: "ACTIVE" as const,
    config: defaultConfigOf(e) as Prisma.InputJsonValue,
  };
}

/**
 * Installs every catalogue agent in an organisation, ACTIVE with the template's default configuration
 * (version 1), inside the caller's transaction. Idempotent: agents already there are left as they are.
 */
export async function installAgents(tx: Tx, organizationId: string, opts: { now?: Date } = {}): Promise<number> {
  await tx.agentTemplate.createMany({ data: AGENT_TEMPLATES.map(templateRow), skipDuplicates: true });
  const templates = await tx.agentTemplate.findMany({ where: { slug: { in: AGENT_TEMPLATES.map((e) => e.slug) } }, select: { id: true, slug: true } });
  const idOf = new Map(templates.map((t) => [t.slug, t.id]));
  const now = opts.now ?? new Date();
  const created = await tx.agent.createManyAndReturn({
    data: AGENT_TEMPLATES.map((e) => ({
      ...agentRow(e, organizationId, idOf.get(e.slug) ?? null),
      deployedAt: now,
      createdAt: now,
    })),
    skipDuplicates: true,
    select: { id: true, config: true },
  });
  if (created.length) {
    await tx.agentConfigVersion.createMany({
      data: created.map((a) => ({ organizationId, agentId: a.id, version: 1, config: a.config as Prisma.InputJsonValue, reason: "install", createdAt: now })),
      skipDuplicates: true,
    });
  }
  return created.length;
}
