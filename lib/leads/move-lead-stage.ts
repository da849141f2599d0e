import "server-only";
import { db } from "@/lib/db/client";
import type { LeadStatus } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import { announceStopped, cancelEnrollments } from "./nurture/stop-enrollments";

/**
 * The pipeline board's move: the lead goes to another stage. CONVERTED is reached only through a
 * conversion (Mark won, the webhook) so the value and its credits exist; a lead with conversions leaves
 * CONVERTED only by undoing them. Moving to LOST stops its sequences. Another organisation's lead: 404.
 */
export async function moveLeadStage(opts: { organizationId: string; leadId: string; status: LeadStatus }): Promise<{ id: string; status: LeadStatus }> {
  const { organizationId, leadId, status } = opts;
  const result = await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string; status: LeadStatus }[]
    >`SELECT id, status FROM leads WHERE id = ${leadId} AND "organizationId" = ${organizationId} FOR UPDATE`;
    const lead = locked[0];
    if (!lead) throw notFound("lead");
    if (lead.status === status) return { id: lead.id, status, stopped: [] as string[] };
    if (status === "CONVERTED") throw new AppError("conflict", "leads.stageNotMovable", { field: "status" });
    if (lead.status === "CONVERTED" && (await tx.conversion.count({ where: { organizationId, leadId } })) > 0)
      throw new AppError("conflict", "leads.stageConverted", { field: "status" });
    await tx.lead.update({ where: { id: lead.id }, data: { status } });
    const stopped = status === "LOST" ? await cancelEnrollments(tx, { organizationId, leadId, reason: "lost" }) : [];
    await publishLiveEvent(tx, { organizationId, type: "lead.moved", payload: { leadId, from: lead.status, to: status } });
    return { id: lead.id, status, stopped };
  });
  await announceStopped({ organizationId, leadId, reason: "lost", enrollmentIds: result.stopped });
  return { id: result.id, status: result.status };
}
