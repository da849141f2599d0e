import "server-only";
import { inngest } from "@/inngest/client";
import { conversionRecorded, leadConverted } from "@/inngest/events";
import { Prisma, db } from "@/lib/db/client";
import type { ConversionType, LeadStatus } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import { childLogger } from "@/lib/log";
import { announceStopped, cancelEnrollments } from "@/lib/leads/nurture/stop-enrollments";
import { notify } from "@/lib/providers/notify";
import { attributeConversion, DEFAULT_ATTRIBUTION_MODEL, isAttributionModel, type AttributionModel } from "./attribution";
import { formatMinor } from "./money";
import { loadTouchpoints } from "./touchpoints";

export type RecordConversionInput = {
  organizationId: string;
  leadId: string;
  valueMinor: number;
  currency: string;
  type?: ConversionType;
  /** The order / event id at the source: the same id again records nothing (unique per organisation). */
  externalId: string;
  occurredAt: Date;
  source: "webhook" | "manual";
  createdById?: string | null;
  productId?: string | null;
};

export type RecordConversionResult = { conversionId: string; duplicate: boolean; model: AttributionModel; touchpoints: number };

const NOTIFY_MODEL = {
  linear: "linear",
  first_touch: "firstTouch",
  last_touch: "lastTouch",
  time_decay: "timeDecay",
  position_based: "positionBased",
} as const;

/** The organisation's attribution model (lead settings), linear when none was chosen. */
export async function attributionModelOf(organizationId: string, tx: Pick<Prisma.TransactionClient, "leadSettings"> = db()): Promise<AttributionModel> {
  const row = await tx.leadSettings.findUnique({ where: { organizationId }, select: { attributionModel: true } });
  return isAttributionModel(row?.attributionModel) ? row.attributionModel : DEFAULT_ATTRIBUTION_MODEL;
}

/** Campaign and content-piece counters (MKT-307's UPDATE ad_campaigns / content_pieces), +1 or -1 with the credited value. */
export async function applyCounters(
  tx: Prisma.TransactionClient,
  touches: { campaignId: string | null; contentPieceId: string | null; creditedValueMinor: number }[],
  sign: 1 | -1,
) {
  const byCampaign = new Map<string, number>();
  const byPiece = new Map<string, number>();
  for (const t of touches) {
    if (t.campaignId) byCampaign.set(t.campaignId, (byCampaign.get(t.campaignId) ?? 0) + t.creditedValueMinor);
    if (t.contentPieceId) byPiece.set(t.contentPieceId, (byPiece.get(t.contentPieceId) ?? 0) + t.creditedValueMinor);
  }
  for (const [id, v] of byCampaign)
    await tx.adCampaign.update({ where: { id }, data: { conversions: { increment: sign }, conversionValueMinor: { increment: sign * v } } });
  for (const [id, v] of byPiece)
    await tx.contentPiece.update({ where: { id }, data: { conversions: { increment: sign }, attributedRevenueMinor: { increment: sign * v } } });
  return { campaignIds: [...byCampaign.keys()], contentPieceIds: [...byPiece.keys()] };
}

/**
 * MKT-307: one conversion of a lead, in one transaction with the lead row locked: the conversion row,
 * one attribution touch per touchpoint before it with the credit of the organisation's model (integer
 * minor units summing exactly to the value), the campaigns' and content pieces' counters, the lead
 * CONVERTED (value added up over its conversions) and its sequences stopped. Idempotent by
 * (organisation, externalId): a replay, even many at once, finds the first conversion and does nothing.
 * After the commit: conversion/recorded, lead/converted, the sequences' runs cancelled, the team told.
 */
export async function recordConversion(input: RecordConversionInput): Promise<RecordConversionResult> {
  const { organizationId, leadId } = input;
  const done = await db()
    .$transaction(async (tx) => {
      const locked = await tx.$queryRaw<
        { id: string; status: LeadStatus }[]
      >`SELECT id, status FROM leads WHERE id = ${leadId} AND "organizationId" = ${organizationId} FOR UPDATE`;
      const lead = locked[0];
      if (!lead) throw notFound("lead");
      const existing = await tx.conversion.findUnique({
        where: { organizationId_externalId: { organizationId, externalId: input.externalId } },
        select: { id: true, attributionModel: true, _count: { select: { touches: true } } },
      });
      if (existing)
        return {
          conversionId: existing.id,
          duplicate: true as const,
          model: existing.attributionModel as AttributionModel,
          touchpoints: existing._count.touches,
        };
      const model = await attributionModelOf(organizationId, tx);
      const touchpoints = await loadTouchpoints(tx, { organizationId, leadId, until: input.occurredAt });
      const credits = attributeConversion({
        model,
        valueMinor: input.valueMinor,
        touchTimes: touchpoints.map((t) => t.occurredAt),
        convertedAt: input.occurredAt,
      });
      const touches = touchpoints.map((t, i) => ({
        organizationId,
        leadId,
        position: i,
        type: t.type,
        interactionId: t.interactionId,
        bookingId: t.bookingId,
        campaignId: t.campaignId,
        contentPieceId: t.contentPieceId,
        channel: t.channel,
        occurredAt: t.occurredAt,
        weight: credits[i]!.weight,
        creditedValueMinor: credits[i]!.creditedMinor,
        currency: input.currency,
      }));
      const conversion = await tx.conversion.create({
        data: {
          organizationId,
          leadId,
          productId: input.productId ?? null,
          type: input.type ?? "PURCHASE",
          valueMinor: input.valueMinor,
          currency: input.currency,
          externalId: input.externalId,
          attributionModel: model,
          source: input.source,
          previousLeadStatus: lead.status,
          createdById: input.createdById ?? null,
          occurredAt: input.occurredAt,
          touches: { createMany: { data: touches } },
        },
        select: { id: true },
      });
      const credited = await applyCounters(tx, touches, 1);
      const agg = await tx.conversion.aggregate({ where: { organizationId, leadId }, _sum: { valueMinor: true }, _min: { occurredAt: true } });
      await tx.lead.update({
        where: { id: leadId },
        data: { status: "CONVERTED", convertedAt: agg._min.occurredAt, conversionValueMinor: agg._sum.valueMinor },
      });
      const stopped = await cancelEnrollments(tx, { organizationId, leadId, reason: "converted" });
      await publishLiveEvent(tx, { organizationId, type: "lead.converted", payload: { leadId, conversionId: conversion.id, valueMinor: input.valueMinor } });
      return { conversionId: conversion.id, duplicate: false as const, model, touchpoints: touches.length, stopped, credited };
    })
    .catch(async (err) => {
      // Two first deliveries of one conversion for two leads at once: the loser finds the winner's row.
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
        const row = await db().conversion.findUniqueOrThrow({
          where: { organizationId_externalId: { organizationId, externalId: input.externalId } },
          select: { id: true, attributionModel: true, _count: { select: { touches: true } } },
        });
        return { conversionId: row.id, duplicate: true as const, model: row.attributionModel as AttributionModel, touchpoints: row._count.touches };
      }
      throw err;
    });
  if (done.duplicate) return done;
  await announceConversion({ ...input, ...done });
  return { conversionId: done.conversionId, duplicate: false, model: done.model, touchpoints: done.touchpoints };
}

async function announceConversion(
  c: RecordConversionInput & {
    conversionId: string;
    model: AttributionModel;
    touchpoints: number;
    stopped: string[];
    credited: { campaignIds: string[]; contentPieceIds: string[] };
  },
) {
  const log = childLogger({ organizationId: c.organizationId, leadId: c.leadId, conversionId: c.conversionId });
  try {
    await announceStopped({ organizationId: c.organizationId, leadId: c.leadId, reason: "converted", enrollmentIds: c.stopped });
    await inngest.send([
      conversionRecorded.create(
        {
          organizationId: c.organizationId,
          conversionId: c.conversionId,
          leadId: c.leadId,
          valueMinor: c.valueMinor,
          currency: c.currency,
          model: c.model,
          source: c.source,
          touchpoints: c.touchpoints,
          ...c.credited,
        },
        { id: `conversion-recorded:${c.conversionId}` },
      ),
      leadConverted.create(
        { organizationId: c.organizationId, leadId: c.leadId, conversionId: c.conversionId, valueMinor: c.valueMinor, currency: c.currency },
        { id: `lead-converted:${c.conversionId}` },
      ),
    ]);
  } catch (err) {
    log.warn({ err }, "conversion recorded; its events were not sent");
  }
  try {
    const [lead, org] = await Promise.all([
      db().lead.findUniqueOrThrow({
        where: { id: c.leadId },
        select: { firstName: true, lastName: true, company: true, email: true, organization: { select: { slug: true } } },
      }),
      db().organization.findUniqueOrThrow({ where: { id: c.organizationId }, select: { locale: true } }),
    ]);
    const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.company || lead.email || "—";
    await notify({
      organizationId: c.organizationId,
      to: { roles: ["OWNER", "ADMIN", "EDITOR"] },
      type: "lead.converted",
      severity: "SUCCESS",
      message: {
        key: "conversionRecorded",
        values: { lead: name, amount: formatMinor(c.valueMinor, c.currency, org.locale), model: NOTIFY_MODEL[c.model], touchpoints: c.touchpoints },
      },
      actionUrl: `/${lead.organization.slug}/leads/${c.leadId}`,
      dedupeKey: `conversion:${c.conversionId}`,
    });
  } catch (err) {
    log.warn({ err }, "conversion recorded; the team was not notified");
  }
}
