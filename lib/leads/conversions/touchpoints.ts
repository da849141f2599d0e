import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { TouchType } from "@/lib/db/generated/enums";
import { normaliseLead } from "@/lib/leads/capture/normalise";
import { recordOf } from "@/lib/leads/capture/source-records";

type Tx = Prisma.TransactionClient;

/** One touchpoint of a lead before its conversion, with what it credits beyond itself. */
export type Touchpoint = {
  type: TouchType;
  occurredAt: Date;
  channel: string;
  interactionId: string | null;
  bookingId: string | null;
  campaignId: string | null;
  contentPieceId: string | null;
};

const SENT = ["SENT", "DELIVERED", "READ"] as const;
const HELD = ["CONFIRMED", "RESCHEDULED", "COMPLETED"] as const;
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : null);

/** utm_campaign / campaign id -> one of the organisation's ad campaigns (id, platform id, or name). */
async function findCampaign(
  tx: Tx,
  organizationId: string,
  refs: (string | null)[],
  cache: Map<string, { id: string; sourceContentPieceId: string | null } | null>,
) {
  for (const ref of refs) {
    if (!ref) continue;
    if (!cache.has(ref)) {
      const c = await tx.adCampaign.findFirst({
        where: { organizationId, OR: [{ id: ref }, { externalId: ref }, { name: { equals: ref, mode: "insensitive" } }] },
        orderBy: { createdAt: "desc" },
        select: { id: true, sourceContentPieceId: true },
      });
      cache.set(ref, c);
    }
    const hit = cache.get(ref);
    if (hit) return hit;
  }
  return null;
}

/** utm_content -> one of the organisation's content pieces (its id, or one of its publications' ids). */
async function findContentPiece(tx: Tx, organizationId: string, ref: string | null, cache: Map<string, string | null>): Promise<string | null> {
  if (!ref) return null;
  if (!cache.has(ref)) {
    const piece = await tx.contentPiece.findFirst({ where: { organizationId, id: ref }, select: { id: true } });
    const viaPublication = piece ? null : await tx.publication.findFirst({ where: { organizationId, id: ref }, select: { contentPieceId: true } });
    cache.set(ref, piece?.id ?? viaPublication?.contentPieceId ?? null);
  }
  return cache.get(ref) ?? null;
}

/**
 * The lead's touchpoints up to the conversion, in time order: each submission it came through (the FORM
 * interaction MKT-301 records per submission, credited to the campaign and content piece its UTM or ad
 * ids name: utm_campaign = a campaign's id, platform id or name, utm_content = a content piece or
 * publication id; a campaign made from a piece credits that piece too), each message MKT-303 sent (the
 * seed's outbound touches) and each call held (MKT-305). Replies and drafts are not touches.
 */
export async function loadTouchpoints(tx: Tx, opts: { organizationId: string; leadId: string; until: Date }): Promise<Touchpoint[]> {
  const { organizationId, leadId, until } = opts;
  const [lead, interactions, bookings] = await Promise.all([
    tx.lead.findFirstOrThrow({
      where: { id: leadId, organizationId },
      select: { campaignId: true, organization: { select: { leadSettings: { select: { defaultCountry: true } } } } },
    }),
    tx.leadInteraction.findMany({
      where: {
        organizationId,
        leadId,
        occurredAt: { lte: until },
        OR: [
          { channel: "FORM", direction: "INBOUND" },
          { direction: "OUTBOUND", status: { in: [...SENT] } },
        ],
      },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      select: { id: true, channel: true, direction: true, occurredAt: true, sentAt: true, idempotencyKey: true },
    }),
    tx.booking.findMany({
      where: { organizationId, leadId, status: { in: [...HELD] }, createdAt: { lte: until } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, createdAt: true },
    }),
  ]);
  const submissionIds = interactions.map((i) => i.idempotencyKey?.match(/^submission:(.+)$/)?.[1]).filter((v): v is string => !!v);
  const submissions = new Map(
    (
      await tx.leadSubmission.findMany({
        where: { organizationId, id: { in: submissionIds } },
        select: { id: true, sourceType: true, payload: true, createdLead: true },
      })
    ).map((s) => [s.id, s]),
  );
  const country = lead.organization.leadSettings?.defaultCountry ?? "FR";
  const campaigns = new Map<string, { id: string; sourceContentPieceId: string | null } | null>();
  const pieces = new Map<string, string | null>();
  const touches: Touchpoint[] = [];
  for (const i of interactions) {
    if (i.channel !== "FORM") {
      touches.push({
        type: "INTERACTION",
        occurredAt: i.sentAt ?? i.occurredAt,
        channel: i.channel,
        interactionId: i.id,
        bookingId: null,
        campaignId: null,
        contentPieceId: null,
      });
      continue;
    }
    const sub = submissions.get(i.idempotencyKey?.slice("submission:".length) ?? "");
    const payload = (sub?.payload ?? {}) as Record<string, unknown>;
    const n = sub ? normaliseLead(recordOf(sub.sourceType, sub.payload), { defaultCountry: country }) : null;
    const campaign = await findCampaign(
      tx,
      organizationId,
      [n?.utmCampaign ?? null, str(payload.campaign_id), str(payload.campaignId), sub?.createdLead ? lead.campaignId : null],
      campaigns,
    );
    const piece =
      (await findContentPiece(tx, organizationId, n?.utmContent ?? str(payload.content_piece_id), pieces)) ?? campaign?.sourceContentPieceId ?? null;
    touches.push({
      type: "FORM",
      occurredAt: i.occurredAt,
      channel: sub?.sourceType ?? "FORM",
      interactionId: i.id,
      bookingId: null,
      campaignId: campaign?.id ?? null,
      contentPieceId: piece,
    });
  }
  for (const b of bookings)
    touches.push({ type: "BOOKING", occurredAt: b.createdAt, channel: "CALL", interactionId: null, bookingId: b.id, campaignId: null, contentPieceId: null });
  return touches.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}
