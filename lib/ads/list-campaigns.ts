import "server-only";
import { db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

export type CampaignListItemDto = {
  id: string;
  name: string;
  platform: Platform;
  status: string;
  objective: string;
  currency: string;
  dailyBudgetMinor: number | null;
  spentMinor: number;
  conversions: number;
  conversionValueMinor: number;
  roas: number | null;
};

export async function listCampaigns(opts: { organizationId: string }): Promise<CampaignListItemDto[]> {
  const rows = await db().adCampaign.findMany({
    where: { organizationId: opts.organizationId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, name: true, platform: true, status: true, objective: true, currency: true, dailyBudgetMinor: true, spentMinor: true, conversions: true, conversionValueMinor: true },
  });
  return rows.map((r) => ({ ...r, roas: r.spentMinor > 0 ? r.conversionValueMinor / r.spentMinor : null }));
}
