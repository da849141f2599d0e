import "server-only";
import { db } from "@/lib/db/client";
import type { AdCampaignStatus, Platform } from "@/lib/db/generated/enums";
import { COMMITTED_STATUSES } from "./spend-guard";

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

/** The Campaigns page's filters: what a marketer looks for (to decide, running, over). */
export const CAMPAIGN_VIEWS = ["all", "toApprove", "running", "ended"] as const;
export type CampaignView = (typeof CAMPAIGN_VIEWS)[number];
const VIEW_STATUSES: Record<Exclude<CampaignView, "all">, AdCampaignStatus[]> = {
  toApprove: ["DRAFT", "PENDING_APPROVAL"],
  running: [...COMMITTED_STATUSES, "FAILED"],
  ended: ["COMPLETED", "REJECTED", "ARCHIVED"],
};
export const CAMPAIGNS_PAGE_SIZE = 20;

export type CampaignListDto = { items: CampaignListItemDto[]; counts: Record<CampaignView, number>; page: number; pages: number };

/** One page of the organisation's campaigns in a view, newest first, with each view's count for the tabs. */
export async function listCampaigns(opts: { organizationId: string; view?: CampaignView; page?: number }): Promise<CampaignListDto> {
  const view = opts.view ?? "all";
  const where = { organizationId: opts.organizationId, ...(view === "all" ? {} : { status: { in: VIEW_STATUSES[view] } }) };
  const [byStatus, matching] = await Promise.all([db().adCampaign.groupBy({ by: ["status"], where: { organizationId: opts.organizationId }, _count: { _all: true } }), db().adCampaign.count({ where })]);
  const pages = Math.max(1, Math.ceil(matching / CAMPAIGNS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(opts.page ?? 1)), pages);
  const rows = await db().adCampaign.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * CAMPAIGNS_PAGE_SIZE,
    take: CAMPAIGNS_PAGE_SIZE,
    select: { id: true, name: true, platform: true, status: true, objective: true, currency: true, dailyBudgetMinor: true, spentMinor: true, conversions: true, conversionValueMinor: true },
  });
  const countOf = (statuses: AdCampaignStatus[]) => byStatus.filter((g) => statuses.includes(g.status)).reduce((n, g) => n + g._count._all, 0);
  const counts = { all: byStatus.reduce((n, g) => n + g._count._all, 0), toApprove: countOf(VIEW_STATUSES.toApprove), running: countOf(VIEW_STATUSES.running), ended: countOf(VIEW_STATUSES.ended) };
  return { items: rows.map((r) => ({ ...r, roas: r.spentMinor > 0 ? r.conversionValueMinor / r.spentMinor : null })), counts, page, pages };
}
