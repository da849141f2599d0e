import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { AgentStatus } from "@/lib/db/generated/enums";
import { publishLiveEvent } from "@/lib/live/publish";
import { AGENT_TEMPLATES, defaultConfigOf } from "./catalogue";
import { agentRow, templateRow } from "./install-agents";

export type TemplateListItem = {
  slug: string;
  workflowCode: string;
  name: string;
  description: string;
  group: string | null;
  useCases: string[];
  requiredConnections: string[];
  scheduled: boolean;
  /** The organisation's agent of this template, if installed. */
  agent: { id: string; status: string } | null;
};

/** The catalogue of templates with, for each, the organisation's agent (installed or not, and its status). */
export async function listAgentTemplates(opts: { organizationId: string; locale: string }): Promise<TemplateListItem[]> {
  const agents = await db().agent.findMany({ where: { organizationId: opts.organizationId, key: { in: AGENT_TEMPLATES.map((e) => e.slug) } }, select: { id: true, key: true, status: true } });
  const bySlug = new Map(agents.map((a) => [a.key, a]));
  const en = opts.locale === "en";
  return AGENT_TEMPLATES.map((e) => {
    const a = bySlug.get(e.slug);
    return {
      slug: e.slug,
      workflowCode: e.code,
      name: en ? e.nameEn : e.nameFr,
      description: en ? e.descriptionEn : e.descriptionFr,
      group: e.group,
      useCases: [en ? e.descriptionEn : e.descriptionFr],
      requiredConnections: e.requiredConnections ?? [],
      scheduled: Boolean(e.schedule),
      agent: a ? { id: a.id, status: a.status } : null,
    };
  });
}

/**
 * "Install" from the catalogue: creates the organisation's agent of the template (ACTIVE, the schema's
 * default configuration as version 1) or, when it exists but is off, switches it back on (its
 * configuration and versions kept: a rollback to v1 restores the defaults). Idempotent: an agent
 * already ACTIVE is left as it is. An unknown template is a 404.
 */
export async function installAgentTemplate(opts: { organizationId: string; slug: string; userId?: string; now?: Date }): Promise<{ agentId: string; status: AgentStatus; created: boolean; reenabled: boolean }> {
  const entry = AGENT_TEMPLATES.find((e) => e.slug === opts.slug);
  if (!entry) throw notFound("agentTemplate", { field: "slug" });
  const now = opts.now ?? new Date();
  return db().$transaction(async (tx) => {
    await tx.agentTemplate.createMany({ data: [templateRow(entry)], skipDuplicates: true });
    const template = await tx.agentTemplate.findUniqueOrThrow({ where: { slug: entry.slug }, select: { id: true } });
    const created = await tx.agent.createManyAndReturn({ data: [{ ...agentRow(entry, opts.organizationId, template.id), deployedAt: now, createdAt: now }], skipDuplicates: true, select: { id: true } });
    if (created.length) {
      const id = created[0]!.id;
      await tx.agentConfigVersion.create({ data: { organizationId: opts.organizationId, agentId: id, version: 1, config: defaultConfigOf(entry) as Prisma.InputJsonValue, reason: "install", createdById: opts.userId ?? null, createdAt: now } });
      await tx.agentLog.create({ data: { organizationId: opts.organizationId, agentId: id, level: "INFO", message: "installed from template", metadata: { by: opts.userId ?? null, template: entry.slug } } });
      await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "agent.updated", payload: { agentId: id, status: "ACTIVE" } });
      return { agentId: id, status: "ACTIVE" as const, created: true, reenabled: false };
    }
    const agent = await tx.agent.findFirstOrThrow({ where: { organizationId: opts.organizationId, key: entry.slug }, select: { id: true, status: true } });
    if (agent.status === "ACTIVE") return { agentId: agent.id, status: agent.status, created: false, reenabled: false };
    await tx.agent.update({ where: { id: agent.id }, data: { status: "ACTIVE", deployedAt: now } });
    await tx.agentLog.create({ data: { organizationId: opts.organizationId, agentId: agent.id, level: "INFO", message: `status ${agent.status} -> ACTIVE (install from template)`, metadata: { by: opts.userId ?? null, template: entry.slug } } });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "agent.updated", payload: { agentId: agent.id, status: "ACTIVE" } });
    return { agentId: agent.id, status: "ACTIVE" as const, created: false, reenabled: true };
  });
}
