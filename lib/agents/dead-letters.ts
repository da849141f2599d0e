import "server-only";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { notify } from "@/lib/providers/notify";
import { workflowNow } from "@/lib/workflows/clock";
import { resentEventId } from "./messages";

/**
 * "Retry" on the dead-letter page (a person confirmed it; the route checked the permission): the
 * message's event is sent again under a new id (`~resend-<n>`, n = its re-sends so far + 1, claimed by
 * a conditional update so two clicks send one event each at most once), and the run it starts marks
 * the row consumed. A consumed message or another organisation's is refused (409 / 404).
 */
export async function retryDeadLetter(opts: { organizationId: string; messageId: string }): Promise<{ eventId: string; redeliveries: number }> {
  const row = await db().agentMessage.findFirst({ where: { id: opts.messageId, organizationId: opts.organizationId, deadLetteredAt: { not: null } } });
  if (!row) throw notFound("agentMessage", { field: "id" });
  if (row.consumedAt) throw new AppError("conflict", "warRoom.deadLetterConsumed", { field: "id" });
  const n = row.redeliveries + 1;
  const claimed = await db().agentMessage.updateMany({
    where: { id: row.id, redeliveries: row.redeliveries, consumedAt: null },
    data: { redeliveries: n, lastRedeliveredAt: workflowNow() },
  });
  if (claimed.count !== 1) throw new AppError("conflict", "warRoom.deadLetterConsumed", { field: "id" });
  const eventId = resentEventId(row.eventId, n);
  await inngest.send({ id: eventId, name: row.channel, data: row.payload as Record<string, unknown> } as never);
  return { eventId, redeliveries: n };
}

/** The sweep's alert: the organisation's owners and admins, once per sweep that found new dead letters. */
export async function notifyDeadLetters(o: { organizationId: string; count: number; channels: string[] }): Promise<void> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: o.organizationId }, select: { slug: true } });
  const ids = await db().agentMessage.findFirst({ where: { organizationId: o.organizationId, deadLetteredAt: { not: null } }, orderBy: { deadLetteredAt: "desc" }, select: { deadLetteredAt: true } });
  await notify({
    organizationId: o.organizationId,
    to: { roles: ["OWNER", "ADMIN"] },
    type: "agents.dead_letters",
    severity: "WARNING",
    message: { key: "agentDeadLetters", values: { count: o.count, channels: o.channels.join(", ") } },
    actionUrl: `/${org.slug}/war-room/dead-letters`,
    dedupeKey: `dead-letters:${ids?.deadLetteredAt?.toISOString() ?? "none"}`,
    data: { count: o.count, channels: o.channels },
  });
}
