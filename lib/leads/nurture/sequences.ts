import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import type { SequenceDto } from "@/lib/leads/contracts";
import type { SequenceInput } from "./schemas";

const include = { steps: { orderBy: { position: "asc" as const } } } satisfies Prisma.NurtureSequenceInclude;
type Row = Prisma.NurtureSequenceGetPayload<{ include: typeof include }>;

async function countsOf(organizationId: string, ids: string[]): Promise<Map<string, SequenceDto["enrollments"]>> {
  const rows = await db().sequenceEnrollment.groupBy({ by: ["sequenceId", "status"], where: { organizationId, sequenceId: { in: ids } }, _count: { _all: true } });
  const out = new Map<string, SequenceDto["enrollments"]>(ids.map((id) => [id, { active: 0, completed: 0, stopped: 0 }]));
  for (const r of rows) {
    const c = out.get(r.sequenceId)!;
    if (r.status === "ACTIVE" || r.status === "PAUSED") c.active += r._count._all;
    else if (r.status === "COMPLETED") c.completed += r._count._all;
    else c.stopped += r._count._all;
  }
  return out;
}

function toDto(s: Row, enrollments: SequenceDto["enrollments"]): SequenceDto {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    targetTier: s.targetTier,
    status: s.status,
    autoApprove: s.autoApprove,
    autoApproveSetAt: s.autoApproveSetAt?.toISOString() ?? null,
    steps: s.steps.map((x) => ({ id: x.id, position: x.position, channel: x.channel, mode: x.mode, delayMinutes: x.delayMinutes, subject: x.subjectPrompt, body: x.bodyPrompt, whatsappTemplateName: x.whatsappTemplateName })),
    enrollments,
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** The sequences page: every sequence of the organisation (archived last), steps in order, enrollment counts. */
export async function listSequences(opts: { organizationId: string }): Promise<SequenceDto[]> {
  const rows = await db().nurtureSequence.findMany({ where: { organizationId: opts.organizationId }, include, orderBy: [{ createdAt: "asc" }] });
  const counts = await countsOf(opts.organizationId, rows.map((r) => r.id));
  const order = (s: Row) => (s.status === "ARCHIVED" ? 1 : 0);
  return rows.sort((a, b) => order(a) - order(b)).map((r) => toDto(r, counts.get(r.id)!));
}

export async function getSequence(opts: { organizationId: string; sequenceId: string }): Promise<SequenceDto> {
  const row = await db().nurtureSequence.findFirst({ where: { id: opts.sequenceId, organizationId: opts.organizationId }, include });
  if (!row) throw notFound("sequence");
  return toDto(row, (await countsOf(opts.organizationId, [row.id])).get(row.id)!);
}

/**
 * Create or replace a sequence. Steps keep their rows by position (an enrollment in progress writes its
 * next step from the new text), positions past the new last one are removed. The auto-approve rule is an
 * owner's decision: anyone else changing it gets a 403 naming the field (creating with it on included).
 */
export async function saveSequence(opts: { organizationId: string; sequenceId?: string; input: SequenceInput; actor: { userId: string | null; role: Role } }): Promise<SequenceDto> {
  const { input } = opts;
  const id = await db().$transaction(async (tx) => {
    const existing = opts.sequenceId ? await tx.nurtureSequence.findFirst({ where: { id: opts.sequenceId, organizationId: opts.organizationId } }) : null;
    if (opts.sequenceId && !existing) throw notFound("sequence");
    const changesAutoApprove = input.autoApprove !== (existing?.autoApprove ?? false);
    if (changesAutoApprove && (opts.actor.role !== "OWNER" || !opts.actor.userId)) throw new AppError("forbidden", "orgs.autoApproveOwnerOnly", { field: "autoApprove" });
    const data = {
      name: input.name,
      description: input.description || null,
      targetTier: input.targetTier,
      status: input.status,
      autoApprove: input.autoApprove,
      ...(changesAutoApprove ? { autoApproveSetById: opts.actor.userId, autoApproveSetAt: new Date() } : {}),
    };
    const seq = existing ? await tx.nurtureSequence.update({ where: { id: existing.id }, data }) : await tx.nurtureSequence.create({ data: { ...data, organizationId: opts.organizationId, createdById: opts.actor.userId } });
    for (const [position, s] of input.steps.entries()) {
      const step = {
        channel: s.channel,
        mode: s.mode,
        delayMinutes: s.delayMinutes,
        subjectPrompt: s.channel === "EMAIL" ? s.subject || null : null,
        bodyPrompt: s.body,
        whatsappTemplateName: s.channel === "WHATSAPP" ? s.whatsappTemplateName || null : null,
      };
      await tx.nurtureStep.upsert({ where: { sequenceId_position: { sequenceId: seq.id, position } }, create: { ...step, organizationId: opts.organizationId, sequenceId: seq.id, position }, update: step });
    }
    await tx.nurtureStep.deleteMany({ where: { sequenceId: seq.id, position: { gte: input.steps.length } } });
    return seq.id;
  });
  return getSequence({ organizationId: opts.organizationId, sequenceId: id });
}
