import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CampaignActions } from "@/components/ads/campaign-actions";
import { TrendChart } from "@/components/charts/trend-chart";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { Card } from "@/components/ui/card";
import { getCampaign } from "@/lib/ads/get-campaign";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { isAppError } from "@/lib/errors";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.campaigns"))("title") };
}

/** A campaign: its proposal under review (approve / reject this revision), launch status and report, daily spend chart, ad sets, creatives, actions. */
export default async function CampaignPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const p = await params;
  const ctx = await requireOrgPage(p.org);
  const c = await getCampaign({ organizationId: ctx.organizationId, campaignId: p.id }).catch((err) => {
    if (isAppError(err) && err.code === "not_found") notFound(); // another organisation's campaign: 404
    throw err;
  });
  const [t, td, format] = await Promise.all([getTranslations("pages.campaigns"), getTranslations("domain"), getFormatter()]);
  const money = (minor: number | null) => (minor === null ? "—" : format.number(minor / 100, { style: "currency", currency: c.currency }));
  return (
    <div data-testid="page-campaign" className="space-y-4">
      <Link href={`/${ctx.slug}/campaigns`} className="text-sm text-slate-500 hover:underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold" data-user-content>
          {c.name}
        </h1>
        <PlatformBadge platform={c.platform} />
        <span data-testid="campaign-status">
          <StatusBadge kind="campaignStatus" value={c.status} />
        </span>
      </div>
      <CampaignActions org={ctx.slug} campaignId={c.id} pendingRequestId={c.pendingRequestId} canRetry={c.status === "FAILED"} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="space-y-1 p-5 text-sm">
          <p>
            {td(`objective.${c.objective}`)} · {t("revision", { revision: c.revision })}
          </p>
          <p>
            {t("budget")}: {money(c.dailyBudgetMinor)} / {t("total")} {money(c.totalBudgetMinor)} · {t("spent")} {money(c.spentMinor)}
          </p>
          <p>
            {t("audience")}: {(c.targeting.countries ?? []).join(", ")} · {c.targeting.ageMin ?? 18}–{c.targeting.ageMax ?? 65}
          </p>
          {c.expectedKpis && (
            <p data-testid="campaign-estimates">
              {t("expected", {
                cpc: money(c.expectedKpis.cpcMinor),
                ctr: c.expectedKpis.ctr === null ? "—" : format.number(c.expectedKpis.ctr, { maximumFractionDigits: 2 }),
                roas: c.expectedKpis.roas === null ? "—" : format.number(c.expectedKpis.roas, { maximumFractionDigits: 2 }),
              })}{" "}
              {c.expectedKpis.source && <span className="text-slate-500">({t(c.expectedKpis.source === "history" ? "methodHistory" : "methodBenchmark")})</span>}
            </p>
          )}
          {c.externalId && <p className="break-all text-slate-500">{t("remoteId", { id: c.externalId })}</p>}
        </Card>
        <Card className="p-5" data-testid="campaign-chart">
          <h2 className="mb-2 text-sm font-medium">{t("dailySpend")}</h2>
          {c.daily.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noMetrics")}</p>
          ) : (
            <TrendChart data={c.daily} currency={c.currency} series={[{ key: "spend", label: t("spent"), color: "#6366f1" }, { key: "value", label: t("value"), color: "#10b981" }]} />
          )}
        </Card>
      </div>
      {c.launchReport?.failed && (
        <Card className="p-5 text-sm" data-testid="launch-report">
          <p className="font-medium text-red-700">{t("launchFailed", { kind: c.launchReport.failed.kind })}</p>
          <ul className="mt-2 list-disc pl-5">
            {c.launchReport.exists.map((o) => (
              <li key={`${o.kind}-${o.remoteId}`} className="break-all">
                {t("exists", { kind: o.kind, id: o.remoteId, status: o.status })}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card className="p-5">
        <h2 className="mb-2 text-sm font-medium">{t("creatives")}</h2>
        <ul className="grid gap-3 md:grid-cols-3">
          {c.creatives.map((cr) => (
            <li key={cr.id} className="rounded border border-slate-100 p-3 text-sm">
              <p className="font-medium" data-user-content>
                {cr.variantLabel} · {cr.headline}
              </p>
              <p className="mt-1 text-slate-600" data-user-content>
                {cr.primaryText}
              </p>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
