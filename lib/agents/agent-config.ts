import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { findAgentOr404 } from "./find-agent";
import { validateAgentConfig } from "./validate-config";

type ConfigAnswer = { config: Record<string, unknown>; version: number };

/** Saves `config` as the agent's next version after checking it against the template's schema (422 naming the field). */
export async function updateAgentConfig(opts: { organizationId: string; agentId: string; config: Record<string, unknown>; userId?: string; reason?: string }): Promise<ConfigAnswer> {
  const agent = await findAgentOr404(opts);
  const config = validateAgentConfig(agent.template?.configSchema ?? { type: "object" }, opts.config);
  return db().$transaction(async (tx) => {
    // Serialised per agent: the row lock makes concurrent saves take consecutive version numbers.
    const locked = await tx.agent.update({ where: { id: agent.id }, data: { configVersion: { increment: 1 } }, select: { configVersion: true } });
    await tx.agentConfigVersion.create({
      data: { organizationId: opts.organizationId, agentId: agent.id, version: locked.configVersion, config: config as Prisma.InputJsonValue, createdById: opts.userId ?? null, reason: opts.reason ?? "edit" },
    });
    await tx.agent.update({ where: { id: agent.id }, data: { config: config as Prisma.InputJsonValue } });
    await tx.agentLog.create({ data: { organizationId: opts.organizationId, agentId: agent.id, level: "INFO", message: `configuration v${locked.configVersion} (${opts.reason ?? "edit"})`, metadata: { by: opts.userId ?? null } } });
    return { config, version: locked.configVersion };
  });
}

/** Makes version `version` current again, as a new version (the history only grows). */
export async function rollbackAgentConfig(opts: { organizationId: string; agentId: string; version: number; userId?: string }): Promise<ConfigAnswer> {
  const agent = await findAgentOr404(opts);
  const old = await db().agentConfigVersion.findUnique({ where: { agentId_version: { agentId: agent.id, version: opts.version } }, select: { config: true } });
  if (!old) throw notFound("agentConfigVersion", { field: "version" });
  return updateAgentConfig({ organizationId: opts.organizationId, agentId: agent.id, config: old.config as Record<string, unknown>, userId: opts.userId, reason: `rollback:${opts.version}` });
}
