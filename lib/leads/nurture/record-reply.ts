import "server-only";
import { db } from "@/lib/db/client";
import type { LeadIntent, RecommendedAction, Sentiment } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import { announceStopped, cancelEnrollments, enrollmentsStoppedBy, type StopReason } from "./stop-enrollments";
import { announceUnsubscribed, suppressInTx } from "./unsubscribe";

/**
 * An opt-out written as a reply: STOP and its usual forms (WhatsApp / SMS keywords, "unsubscribe",
 * "désabonner", "désinscrire"...), alone on the first line or as the whole message. Deterministic: no
 * model is needed, or allowed, to honour an opt-out.
 */
const OPT_OUT = /^\s*(stop|stopp?er|arr[eê]t(er)?|unsubscribe|d[ée]sabonne(r|z[- ]moi)?|d[ée]sinscri(re|vez[- ]moi)|opt[- ]?out|remove me|retirez[- ]moi)\b[\s.!]*$/iu;

export function isOptOut(body: string): boolean {
  const first = body.trim().split(/\r?\n/)[0] ?? "";
  return OPT_OUT.test(first) || OPT_OUT.test(body.trim());
}

/**
 * Intents after which the sequence stops (seed 000 MKT-304 routing): a wish to buy (booking takes over), a
 * person asked for (MKT-306), a clear no; interested / needs_info / objection / not_ready continue it.
 */
const STOPPING: Partial<Record<LeadIntent, StopReason>> = { UNSUBSCRIBE: "unsubscribed", READY_TO_BUY: "reply", ESCALATE: "human_takeover", NOT_INTERESTED: "reply" };

/** MKT-304's reading of the reply, stored on it (and the lead_replies row it came from, in the same transaction). */
export type ReplyAnalysis = { replyId: string; sentiment: Sentiment; objections: string[]; recommendedAction: RecommendedAction; classification: object };

export type ReplyOutcome = { interactionId: string; intent: LeadIntent | null; sequence: "continues" | "stopped" };

/**
 * An inbound reply of a lead (email or WhatsApp), recorded on its timeline (MKT-304's analysis fills
 * sentiment and intent; `intent` is what it decided, when it ran). An opt-out ("STOP") is honoured here
 * whatever else: the address is suppressed on the reply's channel, the lead unsubscribed and every
 * sequence stopped. A reply routed to a person or a booking stops the sequences; an interested reply
 * lets them go on. A WhatsApp reply opens the 24-hour window.
 */
export async function recordLeadReply(opts: { organizationId: string; leadId: string; channel: "EMAIL" | "WHATSAPP"; body: string; subject?: string | null; providerMessageId?: string | null; intent?: LeadIntent | null; analysis?: ReplyAnalysis; now?: Date }): Promise<ReplyOutcome> {
  const now = opts.now ?? new Date();
  const intent: LeadIntent | null = isOptOut(opts.body) ? "UNSUBSCRIBE" : (opts.intent ?? null);
  const stop = intent ? STOPPING[intent] : undefined;
  const a = opts.analysis;
  const out = await db().$transaction(async (tx) => {
    // A reply MKT-304 already recorded (a re-run step): the same interaction, nothing written twice.
    const done = a ? await tx.leadReply.findFirst({ where: { id: a.replyId, organizationId: opts.organizationId }, select: { interactionId: true } }) : null;
    if (done?.interactionId) return { id: done.interactionId, replay: true as const };
    const lead = await tx.lead.findFirst({ where: { id: opts.leadId, organizationId: opts.organizationId }, select: { id: true, status: true, emailNormalized: true, phoneE164: true } });
    if (!lead) throw notFound("lead");
    const created = await tx.leadInteraction.create({
      data: {
        organizationId: opts.organizationId,
        leadId: lead.id,
        channel: opts.channel,
        direction: "INBOUND",
        status: "RECEIVED",
        subject: opts.subject ?? null,
        body: opts.body.slice(0, 20_000),
        providerMessageId: opts.providerMessageId ?? null,
        aiIntent: intent,
        ...(a ? { aiSentiment: a.sentiment, aiObjections: a.objections, aiRecommendedAction: a.recommendedAction } : {}),
        occurredAt: now,
      },
      select: { id: true },
    });
    if (a) {
      await tx.leadReply.update({ where: { id: a.replyId }, data: { status: "PROCESSED", interactionId: created.id, leadId: lead.id, classification: a.classification, processedAt: new Date() } });
      await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "lead.replied", payload: { leadId: lead.id, interactionId: created.id, intent } });
    }
    await tx.lead.update({
      where: { id: lead.id },
      data: { lastInboundAt: now, ...(opts.channel === "WHATSAPP" ? { whatsappWindowExpiresAt: new Date(now.getTime() + 24 * 3600_000) } : {}), ...(["NEW", "SCORED", "NURTURING"].includes(lead.status) ? { status: "REPLIED" as const } : {}) },
    });
    if (intent === "UNSUBSCRIBE") {
      const address = opts.channel === "EMAIL" ? lead.emailNormalized : lead.phoneE164;
      const source = opts.channel === "EMAIL" ? "email:STOP" : "whatsapp:STOP";
      const sup = address
        ? await suppressInTx(tx, { organizationId: opts.organizationId, leadId: lead.id, channel: opts.channel, address, reason: opts.channel === "EMAIL" ? "UNSUBSCRIBED" : "OPTED_OUT", source, now })
        : { created: false, enrollmentIds: await cancelEnrollments(tx, { organizationId: opts.organizationId, leadId: lead.id, reason: "unsubscribed", now }) };
      return { id: created.id, unsub: { ...sup, source } };
    }
    const stopped = stop ? await cancelEnrollments(tx, { organizationId: opts.organizationId, leadId: lead.id, reason: stop, now }) : [];
    return { id: created.id, stopped };
  });
  if ("replay" in out) {
    // The reply committed, then the step died or failed before (or while) announcing it: announce it again,
    // from what the first run wrote at its `now` (the interaction's occurredAt), under the same event ids.
    await announceReplayedReply({ organizationId: opts.organizationId, leadId: opts.leadId, channel: opts.channel, interactionId: out.id, stop: intent === "UNSUBSCRIBE" ? "unsubscribed" : stop });
    return { interactionId: out.id, intent, sequence: intent === "UNSUBSCRIBE" || stop ? "stopped" : "continues" };
  }
  if ("unsub" in out && out.unsub) await announceUnsubscribed({ organizationId: opts.organizationId, leadId: opts.leadId, channel: opts.channel, ...out.unsub });
  else if ("stopped" in out && out.stopped.length) await announceStopped({ organizationId: opts.organizationId, leadId: opts.leadId, reason: stop!, enrollmentIds: out.stopped });
  return { interactionId: out.id, intent, sequence: intent === "UNSUBSCRIBE" || stop ? "stopped" : "continues" };
}

/** A replayed MKT-304 step: lead/enrollment.stopped (and lead/unsubscribed) as the first run sent or should have. */
async function announceReplayedReply(opts: { organizationId: string; leadId: string; channel: "EMAIL" | "WHATSAPP"; interactionId: string; stop: StopReason | undefined }): Promise<void> {
  if (!opts.stop) return;
  const reply = await db().leadInteraction.findFirst({ where: { id: opts.interactionId, organizationId: opts.organizationId }, select: { leadId: true, occurredAt: true } });
  if (!reply) return;
  const at = reply.occurredAt;
  const enrollmentIds = await enrollmentsStoppedBy({ organizationId: opts.organizationId, leadId: reply.leadId, reason: opts.stop, at });
  if (opts.stop !== "unsubscribed") return announceStopped({ organizationId: opts.organizationId, leadId: reply.leadId, reason: opts.stop, enrollmentIds });
  const source = opts.channel === "EMAIL" ? "email:STOP" : "whatsapp:STOP";
  // This reply created the suppression when it carries the reply's own time and source.
  const created = (await db().suppression.count({ where: { organizationId: opts.organizationId, leadId: reply.leadId, channel: opts.channel, source, createdAt: at } })) > 0;
  await announceUnsubscribed({ organizationId: opts.organizationId, leadId: reply.leadId, channel: opts.channel, source, created, enrollmentIds });
}
