import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { monthOf } from "@/lib/time/local-dates";
import { plannedBetween } from "./budget-caps";
import { capContext, getAdSettings, money } from "./spend-guard";
import type { UpdateAdSettingsInput } from "./schemas";
import type { AdSettingsDto } from "./contracts";

/**
 * Settings → Advertising: the spend caps every approval, launch and budget change is checked against
 * (lib/ads/spend-guard.ts), MKT-206's auto-apply switch, and where this month stands against the
 * monthly cap (reported spend + what committed campaigns are planned to spend until the month's end).
 */
export async function readAdSettings(opts: { organizationId: string; now?: Date }): Promise<AdSettingsDto> {
  const now = opts.now ?? new Date();
  const [s, row] = await Promise.all([
    getAdSettings(opts.organizationId),
    db().adSettings.findUnique({ where: { organizationId: opts.organizationId }, select: { changedAt: true, changedById: true } }),
  ]);
  const by = row?.changedById ? await db().user.findUnique({ where: { id: row.changedById }, select: { name: true, email: true } }) : null;
  const ctx = await capContext({ organizationId: opts.organizationId, timeZone: s.timeZone, now });
  const { first, last } = monthOf(ctx.today);
  const plannedMinor = ctx.others.reduce((sum, p) => sum + plannedBetween(p, first, last, ctx.today), 0);
  return {
    monthlyCapMinor: s.monthlyCapMinor,
    campaignCapMinor: s.campaignCapMinor,
    autoApply: s.autoApply,
    currency: s.currency,
    changedBy: by ? (by.name ?? by.email) : null,
    changedAt: row?.changedAt?.toISOString() ?? null,
    month: { month: ctx.today.slice(0, 7), spentMinor: ctx.spentThisMonthMinor, plannedMinor, committedCampaigns: ctx.others.length },
  };
}

/**
 * Changes the caps or the auto-apply switch (the route lets only the owner, signed in, do it). A cap
 * lowered below what is already committed is allowed: it stops further approvals and budget increases,
 * it never stops a running campaign by itself (the page says what is committed).
 */
export async function updateAdSettings(opts: { organizationId: string; userId: string; input: UpdateAdSettingsInput; now?: Date }): Promise<AdSettingsDto> {
  const now = opts.now ?? new Date();
  const current = await getAdSettings(opts.organizationId);
  const next = { monthlyCapMinor: opts.input.monthlyCapMinor ?? current.monthlyCapMinor, campaignCapMinor: opts.input.campaignCapMinor ?? current.campaignCapMinor, autoApply: opts.input.autoApply ?? current.autoApply };
  if (next.campaignCapMinor > next.monthlyCapMinor)
    throw new AppError("validation", "ads.campaignCapAboveMonthly", { field: "campaignCapMinor", values: { cap: money(next.campaignCapMinor, current.currency, current.locale), monthly: money(next.monthlyCapMinor, current.currency, current.locale) } });
  await db().adSettings.upsert({
    where: { organizationId: opts.organizationId },
    create: { organizationId: opts.organizationId, ...next, changedById: opts.userId, changedAt: now },
    update: { ...next, changedById: opts.userId, changedAt: now },
  });
  return readAdSettings({ organizationId: opts.organizationId, now });
}
