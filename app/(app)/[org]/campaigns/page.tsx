import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageNav } from "@/components/ui/page-nav";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { readAdSettings } from "@/lib/ads/ad-settings";
import { CAMPAIGN_VIEWS, listCampaigns, type CampaignView } from "@/lib/ads/list-campaigns";
import { cn } from "@/lib/utils";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.campaigns"))("title") };
}

/** The campaigns in views (to approve, running, ended), 20 a page, under this month's spend against the monthly cap. */
export default async function CampaignsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ view?: string; page?: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const sp = await searchParams;
  const view: CampaignView = (CAMPAIGN_VIEWS as readonly string[]).includes(sp.view ?? "") ? (sp.view as CampaignView) : "all";
  const [list, budget, t, td, format] = await Promise.all([
    listCampaigns({ organizationId: ctx.organizationId, view, page: Number(sp.page) || 1 }),
    readAdSettings({ organizationId: ctx.organizationId }),
    getTranslations("pages.campaigns"),
    getTranslations("domain"),
    getFormatter(),
  ]);
  const items = list.items;
  const tc = await getTranslations("pages.competitors");
  const money = (minor: number | null, currency: string) => (minor === null ? "—" : format.number(minor / 100, { style: "currency", currency }));
  const hrefOf = (v: CampaignView, page = 1) => {
    const q = new URLSearchParams([...(v !== "all" ? [["view", v]] : []), ...(page > 1 ? [["page", String(page)]] : [])]);
    return `/${ctx.slug}/campaigns${q.size ? `?${q}` : ""}`;
  };
  const committed = budget.month.spentMinor + budget.month.plannedMinor;
  return (
    <div data-testid="page-campaigns">
      <SectionHeader
        section="campaigns"
        actions={
          <Link href={`/${ctx.slug}/campaigns/competitors`} className={buttonClass("secondary")} data-testid="competitors-link">
            {tc("competitorsLink")}
          </Link>
        }
      />
      <p className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600" data-testid="campaigns-budget">
        <span>{t("monthBudgetLine", { committed: money(committed, budget.currency), cap: money(budget.monthlyCapMinor, budget.currency) })}</span>
        <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", budget.autoApply ? "bg-amber-50 text-amber-800" : "bg-slate-100 text-slate-700")}>{t(budget.autoApply ? "autoApplyOn" : "autoApplyOff")}</span>
        <Link href={`/${ctx.slug}/settings/ads`} className="text-brand-700 underline" data-testid="campaigns-ad-settings">
          {t("budgetSettings")}
        </Link>
      </p>
      {list.counts.all > 0 ? (
        <nav aria-label={t("viewsLabel")} className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200" data-testid="campaign-views">
          {CAMPAIGN_VIEWS.map((v) => (
            <Link
              key={v}
              href={hrefOf(v)}
              aria-current={v === view ? "page" : undefined}
              className={cn("-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium", v === view ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800")}
            >
              {t(`view.${v}`)} <span className="tabular-nums text-slate-400">{list.counts[v]}</span>
            </Link>
          ))}
        </nav>
      ) : null}
      {list.counts.all === 0 ? (
        <SectionEmpty section="campaigns" actionHref={`/${ctx.slug}/settings/connections`} />
      ) : items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-200 p-6 text-center text-sm text-slate-500" data-testid="campaigns-view-empty">
          {t("viewEmpty")}
        </p>
      ) : (
        <Card className="overflow-x-auto">
          <table className="table-list w-full text-left text-sm" data-testid="campaigns-table">
            <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-5 py-3 font-medium">{t("colCampaign")}</th>
                <th className="px-5 py-3 font-medium">{t("colStatus")}</th>
                <th className="px-5 py-3 text-right font-medium">{t("colBudget")}</th>
                <th className="px-5 py-3 text-right font-medium">{t("colSpent")}</th>
                <th className="px-5 py-3 text-right font-medium">{t("colConversions")}</th>
                <th className="px-5 py-3 text-right font-medium">{t("colRoas")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("colCampaign")} className="px-5 py-3">
                    <Link href={`/${ctx.slug}/campaigns/${c.id}`} className="font-medium hover:underline" data-user-content>
                      {c.name}
                    </Link>
                    <div className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
                      <PlatformBadge platform={c.platform} /> · {td(`objective.${c.objective}`)}
                    </div>
                  </td>
                  <td data-label={t("colStatus")} className="px-5 py-3">
                    <StatusBadge kind="campaignStatus" value={c.status} />
                  </td>
                  <td data-label={t("colBudget")} className="px-5 py-3 text-right tabular-nums">{money(c.dailyBudgetMinor, c.currency)}</td>
                  <td data-label={t("colSpent")} className="px-5 py-3 text-right tabular-nums">{money(c.spentMinor, c.currency)}</td>
                  <td data-label={t("colConversions")} className="px-5 py-3 text-right tabular-nums">{c.conversions}</td>
                  <td data-label={t("colRoas")} className="px-5 py-3 text-right tabular-nums">{c.roas === null ? "—" : `${format.number(c.roas, { maximumFractionDigits: 2 })}×`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <div className="mt-4">
        <PageNav page={list.page} pages={list.pages} hrefOf={(p) => hrefOf(view, p)} labels={{ previous: t("previous"), next: t("next"), page: t("page", { page: list.page, pages: list.pages }) }} testId="campaigns-paging" />
      </div>
    </div>
  );
}
