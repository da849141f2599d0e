import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { childLogger } from "@/lib/log";
import { workflowNow } from "@/lib/workflows/clock";
import { organizationIdOf } from "@/lib/workflows/tenant";

/**
 * Agent messages (issue 14, seed 000 §6.3 agent_messages): every hand-off from one workflow to another
 * is recorded as it is sent, one row per event and expected consumer (channel = event name, payload,
 * correlation id), and marked consumed when a run of that consumer starts for that event. The hourly
 * sweep (sys-004) turns rows still unconsumed after 24 h into dead letters, alerts the organisation's
 * owners and admins and re-sends each one once; the War Room's dead-letter page lists them with
 * "Retry". Recording and marking never fail the send or the run they observe (logged instead).
 *
 * The channels are the workflow hand-offs of ARCHITECTURE.md's event catalogue (an event a workflow
 * sends and another workflow's function is triggered by); `consumers` names the function ids (without
 * the app prefix) that the event triggers, by its data where the trigger has an `if`.
 */
type Channel = { producer: string; consumers: (data: Record<string, unknown>) => string[] };
const one = (id: string) => () => [id];

export const AGENT_CHANNELS: Record<string, Channel> = {
  "content/input.processed": { producer: "mkt-101", consumers: one("mkt-102-research") },
  "content/research.completed": { producer: "mkt-102", consumers: one("mkt-103-generate-content") },
  "content/pieces.generated": { producer: "mkt-103", consumers: one("mkt-104-request-approval") },
  "content/piece.approved": { producer: "mkt-104", consumers: one("mkt-106-adapt-content") },
  "signal/content.detected": { producer: "mkt-109", consumers: one("mkt-202-propose-campaign") },
  "ads/campaign.approved": { producer: "mkt-203", consumers: one("mkt-204-launch-campaign") },
  "ads/campaign.launched": { producer: "mkt-204", consumers: one("mkt-205-first-metrics") },
  "lead/received": { producer: "mkt-301", consumers: one("mkt-302-score-lead") },
  "lead/qualified": {
    producer: "mkt-302",
    consumers: (d) => (d.route === "booking" ? ["mkt-305-book-call"] : d.route === "nurture" || d.route === "long_term" ? ["mkt-303-nurture-lead"] : []),
  },
  "lead/booking.requested": { producer: "mkt-304", consumers: one("mkt-305-book-call") },
  "lead/escalation.requested": { producer: "mkt-304", consumers: one("mkt-306-escalate-lead") },
  "analytics/day.requested": { producer: "mkt-402", consumers: one("mkt-402-daily-analytics") },
  "analytics/weekly-report.requested": { producer: "mkt-403", consumers: one("mkt-403-weekly-report") },
};

/** A re-sent message keeps its row: the re-sent event's id is the original's plus this suffix. */
const RESEND = /~resend-\d+$/;
export const resentEventId = (eventId: string, n: number) => `${eventId}~resend-${n}`;
export const originalEventId = (eventId: string) => eventId.replace(RESEND, "");

const CORRELATION_KEYS = ["correlationId", "inputId", "contentPieceId", "pieceId", "signalId", "campaignId", "leadId", "submissionId", "replyId"];
function correlationIdOf(data: Record<string, unknown>): string | null {
  for (const k of CORRELATION_KEYS) if (typeof data[k] === "string" && data[k]) return `${k}:${data[k] as string}`;
  return null;
}

type SentEvent = { name: string; id?: string; data?: unknown };

/** The events just sent (`ids` = what the engine answered, in order): a row per channel event and consumer. */
export async function recordAgentMessages(events: readonly SentEvent[], ids: readonly string[]): Promise<number> {
  const rows: Prisma.AgentMessageCreateManyInput[] = [];
  events.forEach((e, i) => {
    const channel = AGENT_CHANNELS[e.name];
    const eventId = e.id ?? ids[i];
    if (!channel || !eventId || RESEND.test(eventId)) return;
    const data = (e.data ?? {}) as Record<string, unknown>;
    const organizationId = organizationIdOf({ data });
    if (!organizationId) return;
    for (const consumer of channel.consumers(data))
      rows.push({ organizationId, channel: e.name, eventId, producer: channel.producer, consumer, payload: data as Prisma.InputJsonValue, correlationId: correlationIdOf(data) });
  });
  if (!rows.length) return 0;
  try {
    return (await db().agentMessage.createMany({ data: rows, skipDuplicates: true })).count;
  } catch (err) {
    childLogger({ module: "agent-messages" }).error({ err, channels: rows.map((r) => r.channel) }, "agent messages not recorded");
    return 0;
  }
}

/** A run of `functionId` started for this event: its message (the original or a re-send) is consumed. */
export async function markAgentMessageConsumed(opts: { eventName: string; eventId: string | undefined; functionId: string }): Promise<number> {
  if (!opts.eventId || !AGENT_CHANNELS[opts.eventName]) return 0;
  try {
    const r = await db().agentMessage.updateMany({
      where: { eventId: originalEventId(opts.eventId), consumer: opts.functionId, consumedAt: null },
      data: { consumedAt: workflowNow() },
    });
    return r.count;
  } catch (err) {
    childLogger({ module: "agent-messages" }).error({ err, eventId: opts.eventId }, "agent message not marked consumed");
    return 0;
  }
}

export const DEAD_LETTER_AFTER_MS = 24 * 3600_000;

export type ResendItem = { messageId: string; organizationId: string; event: { id: string; name: string; data: Record<string, unknown> } };

/**
 * The sweep's write (one statement): messages unconsumed for 24 h become dead letters; each one never
 * re-sent before is claimed for its one automatic re-send (redeliveries 0 -> 1 in the same update).
 * Returns the new dead letters per organisation and the events to re-send (their ids carry
 * `~resend-1`: the engine would drop a second send of the same id anyway).
 *
 * Steps are at-least-once: `sweepRunId` (sys-004: `<runId>:sweep`) is stored on every row the sweep
 * claims, and the answer is the rows holding it plus the newly claimed ones, in creation order. A step
 * replayed after a crash between the UPDATE's commit and its checkpoint used to find those rows already
 * dead-lettered and answer nothing: the owners' alert and the one automatic re-send were lost for good.
 * The re-send flag is read from the row the same way both times: the sweep claimed it when its first
 * redelivery is no older than its dead-lettering (a later "Retry" only moves it later).
 */
export async function sweepDeadLetters(opts: { sweepRunId: string; now?: Date; limit?: number }): Promise<{ deadLettered: { organizationId: string; count: number; channels: string[] }[]; resend: ResendItem[] }> {
  const now = opts.now ?? workflowNow();
  const cutoff = new Date(now.getTime() - DEAD_LETTER_AFTER_MS);
  // In a data-modifying WITH, the outer SELECT reads the table as it was before the UPDATE: the rows an
  // earlier execution of this step claimed, never the ones claimed just now (no row twice).
  const rows = await db().$queryRaw<{ id: string; organizationId: string; channel: string; eventId: string; payload: Record<string, unknown>; resend: boolean }[]>`
    WITH claimed AS (
      UPDATE agent_messages m
         SET "deadLetteredAt" = ${now},
             "sweepRunId" = ${opts.sweepRunId},
             redeliveries = CASE WHEN m.redeliveries = 0 THEN 1 ELSE m.redeliveries END,
             "lastRedeliveredAt" = CASE WHEN m.redeliveries = 0 THEN ${now} ELSE m."lastRedeliveredAt" END
       WHERE m.id IN (
         SELECT id FROM agent_messages
          WHERE "consumedAt" IS NULL AND "deadLetteredAt" IS NULL AND "createdAt" < ${cutoff}
          ORDER BY "createdAt" LIMIT ${opts.limit ?? 500}
          FOR UPDATE SKIP LOCKED)
      RETURNING m.id, m."organizationId", m.channel, m."eventId", m.payload, m."createdAt", m.redeliveries, m."lastRedeliveredAt", m."deadLetteredAt")
    SELECT id, "organizationId", channel, "eventId", payload, (redeliveries >= 1 AND "lastRedeliveredAt" >= "deadLetteredAt") IS TRUE AS resend
      FROM (SELECT * FROM claimed
            UNION ALL
            SELECT id, "organizationId", channel, "eventId", payload, "createdAt", redeliveries, "lastRedeliveredAt", "deadLetteredAt"
              FROM agent_messages WHERE "sweepRunId" = ${opts.sweepRunId}) r
     ORDER BY "createdAt", id`;
  const byOrg = new Map<string, { organizationId: string; count: number; channels: string[] }>();
  for (const r of rows) {
    const o = byOrg.get(r.organizationId) ?? { organizationId: r.organizationId, count: 0, channels: [] };
    o.count++;
    if (!o.channels.includes(r.channel)) o.channels.push(r.channel);
    byOrg.set(r.organizationId, o);
  }
  // Several consumers of one event share one re-send.
  const resend = new Map<string, ResendItem>();
  for (const r of rows.filter((x) => x.resend))
    if (!resend.has(r.eventId)) resend.set(r.eventId, { messageId: r.id, organizationId: r.organizationId, event: { id: resentEventId(r.eventId, 1), name: r.channel, data: r.payload } });
  return { deadLettered: [...byOrg.values()], resend: [...resend.values()] };
}

export type DeadLetterDto = {
  id: string;
  channel: string;
  producer: string;
  consumer: string;
  eventId: string;
  correlationId: string | null;
  createdAt: string;
  deadLetteredAt: string;
  redeliveries: number;
  lastRedeliveredAt: string | null;
  consumedAt: string | null;
};

/** The dead-letter page: the organisation's dead letters, newest first (consumed ones after a retry included, marked). */
export async function listDeadLetters(opts: { organizationId: string; limit?: number }): Promise<DeadLetterDto[]> {
  const rows = await db().agentMessage.findMany({
    where: { organizationId: opts.organizationId, deadLetteredAt: { not: null } },
    orderBy: [{ deadLetteredAt: "desc" }, { id: "asc" }],
    take: opts.limit ?? 100,
  });
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    producer: r.producer,
    consumer: r.consumer,
    eventId: r.eventId,
    correlationId: r.correlationId,
    createdAt: r.createdAt.toISOString(),
    deadLetteredAt: r.deadLetteredAt!.toISOString(),
    redeliveries: r.redeliveries,
    lastRedeliveredAt: r.lastRedeliveredAt?.toISOString() ?? null,
    consumedAt: r.consumedAt?.toISOString() ?? null,
  }));
}
