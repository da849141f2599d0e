import "server-only";
import { db, Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { availableSlots } from "./availability";
import { leadTimeZone } from "./lead-time-zone";
import { bestSlots, spreadSlots, toStored } from "./slots";

/** Roles that take calls when the lead has no assignee (there is no separate sales role). */
const SELLER_ROLES = ["OWNER", "ADMIN"] as const;
const MORE_SLOTS = 12;

export type ProposeResult =
  | { outcome: "proposed"; bookingId: string; assignedToId: string; slots: number }
  | { outcome: "exists"; bookingId: string; assignedToId: string | null; slots: number }
  | { outcome: "already_booked"; bookingId: string }
  | { outcome: "no_salesperson" };

/**
 * The salesperson for a lead: its assignee when they are still a member; else round robin among the
 * owners and admins, the one whose last assigned call is oldest first (never assigned: first of all).
 */
export async function pickSalesperson(organizationId: string, assignedToId: string | null): Promise<string | null> {
  if (assignedToId && (await db().membership.findFirst({ where: { organizationId, userId: assignedToId }, select: { id: true } }))) return assignedToId;
  const members = await db().membership.findMany({ where: { organizationId, role: { in: [...SELLER_ROLES] } }, orderBy: { createdAt: "asc" }, select: { userId: true } });
  if (members.length === 0) return null;
  const last = await db().booking.groupBy({ by: ["assignedToId"], where: { organizationId, assignedToId: { in: members.map((m) => m.userId) } }, _max: { createdAt: true } });
  const lastAt = new Map(last.map((l) => [l.assignedToId, l._max.createdAt?.getTime() ?? 0]));
  return [...members].sort((a, b) => (lastAt.get(a.userId) ?? -1) - (lastAt.get(b.userId) ?? -1))[0]!.userId;
}

/**
 * MKT-305 step 1-3: a hot lead (or a reply ready to buy) gets a salesperson and the 3 best slots of
 * their availability (Cal.com or built-in), stored as a PROPOSED booking with up to 12 more slots for
 * the booking page. Idempotent per proposalKey (a re-run step finds its row); a lead that already has
 * an open proposal or an upcoming call gets no second one.
 */
export async function proposeBooking(opts: { organizationId: string; leadId: string; reason: "hot" | "ready_to_buy"; proposalKey: string; now?: Date }): Promise<ProposeResult> {
  const now = opts.now ?? new Date();
  const lead = await db().lead.findFirst({
    where: { id: opts.leadId, organizationId: opts.organizationId },
    select: { id: true, assignedToId: true, country: true, phoneE164: true, organization: { select: { timezone: true } } },
  });
  if (!lead) throw notFound("lead");
  const same = await db().booking.findUnique({ where: { proposalKey: opts.proposalKey } });
  if (same) return { outcome: "exists", bookingId: same.id, assignedToId: same.assignedToId, slots: (same.proposedSlots as unknown[]).length };
  const open = await db().booking.findFirst({
    where: { organizationId: opts.organizationId, leadId: lead.id, OR: [{ status: "PROPOSED" }, { status: { in: ["CONFIRMED", "RESCHEDULED"] }, startAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
  if (open) return { outcome: "already_booked", bookingId: open.id };
  const assignedToId = await pickSalesperson(opts.organizationId, lead.assignedToId);
  if (!assignedToId) return { outcome: "no_salesperson" };
  const tz = leadTimeZone(lead, lead.organization.timezone);
  const available = await availableSlots({ organizationId: opts.organizationId, userId: assignedToId, leadTimeZone: tz, now });
  const best = bestSlots(available.slots, tz);
  const more = spreadSlots(available.slots.filter((s) => !best.includes(s)), tz, MORE_SLOTS);
  try {
    const booking = await db().$transaction(async (tx) => {
      const row = await tx.booking.create({
        data: {
          organizationId: opts.organizationId,
          leadId: lead.id,
          assignedToId,
          provider: available.provider,
          status: "PROPOSED",
          reason: opts.reason,
          proposalKey: opts.proposalKey,
          proposedSlots: toStored(best),
          moreSlots: toStored(more),
          timezone: available.timeZone,
          leadTimezone: tz,
        },
      });
      if (!lead.assignedToId) await tx.lead.update({ where: { id: lead.id }, data: { assignedToId } });
      return row;
    });
    return { outcome: "proposed", bookingId: booking.id, assignedToId, slots: best.length };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const row = await db().booking.findUniqueOrThrow({ where: { proposalKey: opts.proposalKey } });
      return { outcome: "exists", bookingId: row.id, assignedToId: row.assignedToId, slots: (row.proposedSlots as unknown[]).length };
    }
    throw err;
  }
}
