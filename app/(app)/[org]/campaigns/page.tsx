import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { listCampaigns } from "@/lib/ads/list-campaigns";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.campaigns"))("title") };
}

export default async function CampaignsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [items, t, td, format] = await Promise.all([listCampaigns({ organizationId: ctx.organizationId }), getTranslations("pages.campaigns"), getTranslations("domain"), getFormatter()]);
  const tc = await getTranslations("pages.competitors");
  const money = (minor: number | null, currency: string) => (minor === null ? "—" : format.number(minor / 100, { style: "currency", currency }));
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
      {items.length === 0 ? (
        <SectionEmpty section="campaigns" actionHref={`/${ctx.slug}/settings/connections`} />
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
    </div>
  );
}
