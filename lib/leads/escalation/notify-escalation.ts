import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { leadName } from "@/lib/leads/nurture/notify-draft";
import { notify } from "@/lib/providers/notify";

/**
 * MKT-306: the salesperson hears of it through the one notification path — in-app, an email in their
 * language (outbox by default) and the organisation's Slack channel when configured — with the summary,
 * the recommendations and the link to the lead's page (history, reply, classification). Once per
 * escalation (dedupe key).
 */
export async function notifyEscalation(opts: { organizationId: string; escalationId: string }): Promise<{ notified: number }> {
  const e = await db().leadEscalation.findFirst({ where: { id: opts.escalationId, organizationId: opts.organizationId }, include: { lead: { select: { id: true, firstName: true, lastName: true, company: true, emailNormalized: true, phoneE164: true } }, organization: { select: { slug: true } } } });
  if (!e) throw notFound("lead");
  const name = leadName(e.lead);
  const res = await notify({
    organizationId: opts.organizationId,
    to: { userId: e.assignedToId },
    type: "lead.escalated",
    severity: "WARNING",
    message: { key: "leadEscalated", values: { name, summary: e.summary, recommendations: e.recommendations.map((r, i) => `${i + 1}. ${r}`).join(" ") } },
    actionUrl: `/${e.organization.slug}/leads/${e.lead.id}`,
    dedupeKey: `lead-escalated:${e.id}`,
    email: "audience",
  });
  return { notified: res.created };
}
