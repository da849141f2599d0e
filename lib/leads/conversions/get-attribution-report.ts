import "server-only";
import { db } from "@/lib/db/client";
import { attributeConversion, type AttributionModel } from "./attribution";

export type AttributionRow = { id: string; name: string; currency: string; creditedMinor: number; conversions: number };
export type AttributionReportDto = {
  model: AttributionModel;
  days: number;
  conversions: number;
  /** Total value per currency, and what no campaign / content piece got (forms without UTM, messages, calls). */
  totals: { currency: string; conversions: number; valueMinor: number; campaignsMinor: number; contentMinor: number; unattributedMinor: number }[];
  campaigns: AttributionRow[];
  contentPieces: AttributionRow[];
  channels: { channel: string; currency: string; creditedMinor: number }[];
};

function add(map: Map<string, AttributionRow>, id: string, name: string, currency: string, minor: number, conversionId: string, seen: Set<string>) {
  const key = `${id}|${currency}`;
  const row = map.get(key) ?? { id, name, currency, creditedMinor: 0, conversions: 0 };
  row.creditedMinor += minor;
  if (!seen.has(`${key}|${conversionId}`)) {
    seen.add(`${key}|${conversionId}`);
    row.conversions += 1;
  }
  map.set(key, row);
}

/**
 * The attribution view: revenue of the organisation's conversions of the last `days` days credited to
 * campaigns, content pieces and channels under `model`. Each conversion's stored touchpoints are
 * re-weighted with that model (the same pure code that stored the credits), so switching models shows
 * what each would have credited; every conversion still adds up to its value exactly.
 */
export async function getAttributionReport(opts: { organizationId: string; model: AttributionModel; days: number; now?: Date }): Promise<AttributionReportDto> {
  const since = new Date((opts.now ?? new Date()).getTime() - opts.days * 24 * 60 * 60 * 1000);
  const conversions = await db().conversion.findMany({
    where: { organizationId: opts.organizationId, occurredAt: { gte: since } },
    select: {
      id: true,
      valueMinor: true,
      currency: true,
      occurredAt: true,
      touches: {
        orderBy: { position: "asc" },
        select: {
          occurredAt: true,
          channel: true,
          campaign: { select: { id: true, name: true } },
          contentPiece: { select: { id: true, title: true, body: true } },
        },
      },
    },
  });
  const campaigns = new Map<string, AttributionRow>();
  const pieces = new Map<string, AttributionRow>();
  const channels = new Map<string, { channel: string; currency: string; creditedMinor: number }>();
  const totals = new Map<string, AttributionReportDto["totals"][number]>();
  const seen = new Set<string>();
  for (const c of conversions) {
    const total = totals.get(c.currency) ?? { currency: c.currency, conversions: 0, valueMinor: 0, campaignsMinor: 0, contentMinor: 0, unattributedMinor: 0 };
    total.conversions += 1;
    total.valueMinor += c.valueMinor;
    // No touchpoint before the conversion: its value is credited to nothing (shown as such).
    if (c.touches.length === 0) total.unattributedMinor += c.valueMinor;
    totals.set(c.currency, total);
    const credits = attributeConversion({
      model: opts.model,
      valueMinor: c.valueMinor,
      touchTimes: c.touches.map((t) => t.occurredAt),
      convertedAt: c.occurredAt,
    });
    c.touches.forEach((t, i) => {
      const minor = credits[i]!.creditedMinor;
      if (t.campaign) {
        add(campaigns, t.campaign.id, t.campaign.name, c.currency, minor, c.id, seen);
        total.campaignsMinor += minor;
      }
      if (t.contentPiece) {
        add(pieces, t.contentPiece.id, t.contentPiece.title ?? t.contentPiece.body.slice(0, 80), c.currency, minor, c.id, seen);
        total.contentMinor += minor;
      }
      const channel = (t.channel ?? "OTHER").toUpperCase();
      const ch = `${channel}|${c.currency}`;
      const row = channels.get(ch) ?? { channel, currency: c.currency, creditedMinor: 0 };
      row.creditedMinor += minor;
      channels.set(ch, row);
    });
  }
  const byValue = <T extends { creditedMinor: number }>(rows: Iterable<T>) => [...rows].sort((a, b) => b.creditedMinor - a.creditedMinor);
  return {
    model: opts.model,
    days: opts.days,
    conversions: conversions.length,
    totals: [...totals.values()].sort((a, b) => b.valueMinor - a.valueMinor),
    campaigns: byValue(campaigns.values()),
    contentPieces: byValue(pieces.values()),
    channels: byValue(channels.values()),
  };
}
