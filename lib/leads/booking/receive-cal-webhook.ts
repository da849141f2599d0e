import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { verifyCalSignature } from "@/lib/connectors/calcom/client";
import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { announceBooking, announceCancellation } from "./announce-booking";
import { calWebhookSecretOf } from "./settings";

type CalPayload = {
  uid?: unknown;
  bookingId?: unknown;
  rescheduleUid?: unknown;
  fromReschedule?: unknown;
  startTime?: unknown;
  endTime?: unknown;
  status?: unknown;
  cancellationReason?: unknown;
  metadata?: { bookingId?: unknown; videoCallUrl?: unknown } | null;
  attendees?: { email?: unknown }[];
  videoCallData?: { url?: unknown } | null;
};

export type CalWebhookResult = { stored: boolean; outcome: string };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
const date = (v: unknown) => {
  const d = typeof v === "string" ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/**
 * POST /api/webhooks/cal?org=<organisation id>: Cal.com's webhook. `X-Cal-Signature-256` (hex
 * HMAC-SHA256 of the raw body with the organisation's webhook secret) is checked before anything is
 * read: missing, wrong, or an organisation without a secret -> 401, nothing stored. Then the body is
 * stored as received, once (`INSERT … ON CONFLICT DO NOTHING` on its SHA-256): a replay stores nothing
 * and changes nothing. Only the request that stored it applies it:
 * - BOOKING_CREATED: our proposal (metadata.bookingId, or the uid) becomes CONFIRMED at Cal.com's time;
 * - BOOKING_RESCHEDULED: the booking (rescheduleUid / fromReschedule = the old uid, or metadata) moves
 *   to the new time and takes the new uid;
 * - BOOKING_CANCELLED: CANCELLED, the slot freed.
 */
export async function receiveCalWebhook(opts: { organizationId: string; rawBody: Uint8Array; signature: string | null }): Promise<CalWebhookResult> {
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { id: true } });
  const secret = org ? await calWebhookSecretOf(org.id) : null;
  if (!secret || !verifyCalSignature(opts.rawBody, opts.signature, secret)) {
    throw new AppError("unauthorized", "leads.signature", { field: "X-Cal-Signature-256", values: { reason: opts.signature ? "mismatch" : "missing" } });
  }
  const raw = Buffer.from(opts.rawBody).toString("utf8");
  let body: { triggerEvent?: unknown; payload?: CalPayload };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    throw new AppError("bad_request", "http.invalidJson", { field: "body" });
  }
  const trigger = str(body.triggerEvent) ?? "UNKNOWN";
  const sha = createHash("sha256").update(opts.rawBody).digest("hex");
  const inserted = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO cal_webhook_deliveries (id, "organizationId", "bodySha256", "triggerEvent", "rawBody")
    VALUES (${`calwh_${randomUUID()}`}, ${opts.organizationId}, ${sha}, ${trigger}, ${raw})
    ON CONFLICT DO NOTHING RETURNING id`);
  if (inserted.length === 0) return { stored: false, outcome: "duplicate" };
  const deliveryId = inserted[0]!.id;
  const outcome = await applyCalEvent(opts.organizationId, trigger, body.payload ?? {});
  await db().calWebhookDelivery.update({ where: { id: deliveryId }, data: { processedAt: new Date(), outcome: outcome.outcome, bookingId: outcome.bookingId } });
  return { stored: true, outcome: outcome.outcome };
}

async function findBooking(organizationId: string, p: CalPayload, uids: (string | null)[]) {
  const ours = str(p.metadata?.bookingId);
  if (ours) {
    const b = await db().booking.findFirst({ where: { id: ours, organizationId } });
    if (b) return b;
  }
  const keys = uids.filter((u): u is string => !!u);
  return keys.length ? db().booking.findFirst({ where: { organizationId, provider: "CALCOM", externalId: { in: keys } } }) : null;
}

/** A Cal.com booking our link did not make, for a lead of the organisation (attendee email): a CONFIRMED call, announced. */
async function recordCalOnlyBooking(organizationId: string, p: CalPayload, b: { uid: string | null; startAt: Date; endAt: Date; meetingUrl: string | null }): Promise<string | null> {
  const emails = (p.attendees ?? []).map((a) => str(a.email)?.toLowerCase()).filter((e): e is string => !!e);
  if (!b.uid || emails.length === 0) return null;
  const lead = await db().lead.findFirst({ where: { organizationId, emailNormalized: { in: emails } }, select: { id: true, assignedToId: true, organization: { select: { timezone: true } } } });
  if (!lead) return null;
  try {
    const row = await db().booking.create({
      data: {
        organizationId,
        leadId: lead.id,
        assignedToId: lead.assignedToId,
        provider: "CALCOM",
        externalId: b.uid,
        status: "CONFIRMED",
        reason: "calcom",
        startAt: b.startAt,
        endAt: b.endAt,
        meetingUrl: b.meetingUrl,
        confirmedAt: new Date(),
        slotKey: `${lead.assignedToId ?? `lead:${lead.id}`}:${b.startAt.toISOString()}`,
        leadTimezone: str((p.attendees ?? [])[0] && (p.attendees![0] as { timeZone?: unknown }).timeZone) ?? lead.organization.timezone,
      },
    });
    await announceBooking({ organizationId, bookingId: row.id, rescheduled: false });
    return row.id;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return null;
    throw err;
  }
}

async function applyCalEvent(organizationId: string, trigger: string, p: CalPayload): Promise<{ outcome: string; bookingId: string | null }> {
  const uid = str(p.uid);
  const startAt = date(p.startTime);
  const endAt = date(p.endTime);
  const meetingUrl = str(p.metadata?.videoCallUrl) ?? str(p.videoCallData?.url);
  const log = childLogger({ organizationId, trigger, uid });
  if (trigger === "BOOKING_CREATED" || trigger === "BOOKING_RESCHEDULED") {
    const rescheduled = trigger === "BOOKING_RESCHEDULED";
    const booking = await findBooking(organizationId, p, rescheduled ? [str(p.rescheduleUid), str(p.fromReschedule), uid] : [uid]);
    if (!startAt || !endAt) return { outcome: "unmatched", bookingId: null };
    if (!booking) {
      // Booked on Cal.com's own page by one of our leads (its attendee email): the call is recorded for that lead.
      const created = rescheduled ? null : await recordCalOnlyBooking(organizationId, p, { uid, startAt, endAt, meetingUrl });
      if (!created) log.info("cal.com webhook: no booking or lead of ours matches");
      return created ? { outcome: "created", bookingId: created } : { outcome: "unmatched", bookingId: null };
    }
    const moved = !!booking.startAt && booking.startAt.getTime() !== startAt.getTime();
    const slotKey = `${booking.assignedToId ?? `lead:${booking.leadId}`}:${startAt.toISOString()}`;
    try {
      await db().booking.update({
        where: { id: booking.id },
        data: {
          provider: "CALCOM",
          externalId: uid ?? booking.externalId,
          status: rescheduled ? "RESCHEDULED" : "CONFIRMED",
          startAt,
          endAt,
          slotKey,
          confirmedAt: booking.confirmedAt ?? new Date(),
          ...(moved ? { previousStartAt: booking.startAt } : {}),
          ...(meetingUrl ? { meetingUrl } : {}),
          cancelledAt: null,
          cancelReason: null,
        },
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
        log.warn("cal.com webhook: the salesperson already holds that slot");
        return { outcome: "slot_taken", bookingId: booking.id };
      }
      throw err;
    }
    if (booking.status === "PROPOSED" || moved || rescheduled) await announceBooking({ organizationId, bookingId: booking.id, rescheduled: rescheduled || (moved && booking.status !== "PROPOSED") });
    return { outcome: rescheduled ? "rescheduled" : "confirmed", bookingId: booking.id };
  }
  if (trigger === "BOOKING_CANCELLED") {
    const booking = await findBooking(organizationId, p, [uid]);
    if (!booking) return { outcome: "unmatched", bookingId: null };
    await db().booking.update({ where: { id: booking.id }, data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: str(p.cancellationReason), slotKey: null } });
    await announceCancellation({ organizationId, bookingId: booking.id });
    return { outcome: "cancelled", bookingId: booking.id };
  }
  return { outcome: "ignored", bookingId: null };
}
