import "server-only";
import { db } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import type { AiControlDto } from "./contracts";

/**
 * The organisation-wide AI control switch (seed 003 `/ai-control`). Off — and off until an owner or an
 * admin switches it on: no row means off — no automatic reply is ever sent: sendInboxReply refuses
 * an AI-authored reply whatever its caller decided, and triage turns AUTO_REPLY into an escalation.
 */
export async function isAiControlOn(organizationId: string): Promise<boolean> {
  const row = await db().aiControlSetting.findUnique({ where: { organizationId }, select: { enabled: true } });
  return row?.enabled ?? false;
}

export async function getAiControl(opts: { organizationId: string }): Promise<AiControlDto> {
  const row = await db().aiControlSetting.findUnique({ where: { organizationId: opts.organizationId }, select: { enabled: true, changedAt: true, changedById: true } });
  if (!row) return { enabled: false, changedAt: null, changedByName: null };
  const user = row.changedById ? await db().user.findUnique({ where: { id: row.changedById }, select: { name: true, email: true } }) : null;
  return { enabled: row.enabled, changedAt: row.changedAt.toISOString(), changedByName: user ? (user.name ?? user.email) : null };
}

export async function setAiControl(opts: { organizationId: string; enabled: boolean; userId: string | null }): Promise<AiControlDto> {
  await db().$transaction(async (tx) => {
    const now = new Date();
    await tx.aiControlSetting.upsert({
      where: { organizationId: opts.organizationId },
      create: { organizationId: opts.organizationId, enabled: opts.enabled, changedById: opts.userId, changedAt: now },
      update: { enabled: opts.enabled, changedById: opts.userId, changedAt: now },
    });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "inbox.updated", payload: { aiControl: opts.enabled } });
  });
  return getAiControl({ organizationId: opts.organizationId });
}
