import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import { announceStopped, cancelEnrollments, enrollmentsStoppedBy } from "@/lib/leads/nurture/stop-enrollments";
import type { EscalationBrief } from "./brief-escalation";

type Tx = Prisma.TransactionClient;

/**
 * Who gets an escalated lead: its owner if they are still a member (not a viewer); else the
 * organisation's setting (lead_settings.escalationAssigneeId, a member); else owners and admins in
 * turn — the one whose last escalation is the oldest (never assigned first), then by seniority.
 */
export async function chooseAssignee(tx: Tx, opts: { organizationId: string; currentOwnerId: string | null }): Promise<string> {
  const members = await tx.membership.findMany({ where: { organizationId: opts.organizationId, role: { not: "VIEWER" } }, orderBy: { createdAt: "asc" }, select: { userId: true, role: true } });
  const isMember = (id: string | null | undefined) => !!id && members.some((m) => m.userId === id);
  if (isMember(opts.currentOwnerId)) return opts.currentOwnerId!;
  const setting = await tx.leadSettings.findUnique({ where: { organizationId: opts.organizationId }, select: { escalationAssigneeId: true } });
  if (isMember(setting?.escalationAssigneeId)) return setting!.escalationAssigneeId!;
  const pool = members.filter((m) => m.role === "OWNER" || m.role === "ADMIN");
  if (pool.length === 0) throw notFound("member");
  const last = await tx.leadEscalation.groupBy({ by: ["assignedToId"], where: { organizationId: opts.organizationId, assignedToId: { in: pool.map((m) => m.userId) } }, _max: { createdAt: true } });
  const lastAt = new Map(last.map((l) => [l.assignedToId, l._max.createdAt?.getTime() ?? 0]));
  return [...pool].sort((a, b) => (lastAt.get(a.userId) ?? -1) - (lastAt.get(b.userId) ?? -1))[0]!.userId;
}

export type EscalationResult = { escalationId: string; assignedToId: string; created: boolean };

/**
 * MKT-306: the lead becomes an opportunity with an owner, in one transaction with the escalation record
 * (summary, recommendations, the history they were written from): the lead row is locked, the
 * escalation is keyed by its cause (a re-run, or the same reply twice, escalates once), the lead's status
 * is OPPORTUNITY with `escalatedAt` and `assignedToId`, and its sequences stop (a person has it now).
 */
export async function escalateLead(opts: { organizationId: string; leadId: string; interactionId: string | null; reason: string; brief: EscalationBrief; now?: Date }): Promise<EscalationResult> {
  const now = opts.now ?? new Date();
  const key = opts.interactionId ? `reply:${opts.interactionId}` : `${opts.reason}:${opts.leadId}`;
  const out = await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; assignedToId: string | null }[]>`SELECT id, "assignedToId" FROM leads WHERE id = ${opts.leadId} AND "organizationId" = ${opts.organizationId} FOR UPDATE`;
    const lead = locked[0];
    if (!lead) throw notFound("lead");
    const existing = await tx.leadEscalation.findUnique({ where: { key }, select: { id: true, assignedToId: true, createdAt: true } });
    // A replay (the step died or failed after the commit): the enrollments this escalation stopped at its
    // `now` (its createdAt) are announced again under the same event id, not forgotten.
    if (existing) return { escalationId: existing.id, assignedToId: existing.assignedToId, created: false, stopped: [] as string[], replayOf: existing.createdAt };
    const assignedToId = await chooseAssignee(tx, { organizationId: opts.organizationId, currentOwnerId: lead.assignedToId });
    const row = await tx.leadEscalation.create({
      data: { organizationId: opts.organizationId, leadId: lead.id, key, reason: opts.reason, interactionId: opts.interactionId, summary: opts.brief.summary, recommendations: opts.brief.recommendations, history: opts.brief.history, assignedToId, model: opts.brief.model, createdAt: now },
      select: { id: true },
    });
    await tx.lead.update({ where: { id: lead.id }, data: { status: "OPPORTUNITY", escalatedAt: now, assignedToId } });
    const stopped = await cancelEnrollments(tx, { organizationId: opts.organizationId, leadId: lead.id, reason: "human_takeover", now });
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "lead.escalated", payload: { leadId: lead.id, escalationId: row.id, assignedToId } });
    return { escalationId: row.id, assignedToId, created: true, stopped, replayOf: null };
  });
  const stopped = out.replayOf ? await enrollmentsStoppedBy({ organizationId: opts.organizationId, leadId: opts.leadId, reason: "human_takeover", at: out.replayOf }) : out.stopped;
  await announceStopped({ organizationId: opts.organizationId, leadId: opts.leadId, reason: "human_takeover", enrollmentIds: stopped });
  return { escalationId: out.escalationId, assignedToId: out.assignedToId, created: out.created };
}
