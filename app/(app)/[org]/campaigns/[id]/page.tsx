import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CampaignActions } from "@/components/ads/campaign-actions";
import { RefreshWhile } from "@/components/ads/refresh-while";
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
      {/* Approved -> launching -> active, then its first figures: the page follows without a reload. */}
      <RefreshWhile active={c.status === "APPROVED" || c.status === "LAUNCHING" || (c.status === "ACTIVE" && c.daily.length === 0)} />
      <CampaignActions org={ctx.slug} campaignId={c.id} pendingRequestId={c.pendingRequestId} canRetry={c.status === "FAILED"} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="space-y-1 p-5 text-sm">
          <p>
            {td(`objective.${c.objective}`)} · {t("revision", { revision: c.revision })}
          </p>
          <p>{t("budgetLine", { daily: money(c.dailyBudgetMinor), total: money(c.totalBudgetMinor), spent: money(c.spentMinor) })}</p>
          <p>{t("audienceLine", { countries: (c.targeting.countries ?? []).join(", ") || "—", ages: `${c.targeting.ageMin ?? 18}–${c.targeting.ageMax ?? 65}` })}</p>
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
          {c.externalId && (
            <p className="break-all text-slate-500" data-testid="campaign-remote-id">
              {c.managerUrl ? (
                <a href={c.managerUrl} target="_blank" rel="noreferrer" className="underline hover:text-slate-700">
                  {t("remoteId", { id: c.externalId })}
                </a>
              ) : (
                <>
                  {t("remoteId", { id: c.externalId })} <span className="text-xs">({t("sandboxAccount")})</span>
                </>
              )}
            </p>
          )}
        </Card>
        <Card className="min-w-0 p-5" data-testid="campaign-chart">
          <h2 className="mb-2 text-sm font-medium">{t("dailySpend")}</h2>
          {c.daily.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="campaign-no-metrics">
              {t(c.status === "ACTIVE" || c.status === "PAUSED" ? "noMetricsYet" : "noMetrics")}
            </p>
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
      {c.adSets.length > 0 && (
        <Card className="overflow-x-auto p-5" data-testid="campaign-ad-sets">
          <h2 className="mb-2 text-sm font-medium">{t("adSets")}</h2>
          <ul className="divide-y divide-slate-100 text-sm">
            {c.adSets.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <span className="font-medium" data-user-content>
                  {s.name}
                </span>
                <StatusBadge kind="campaignStatus" value={s.status} />
                <span className="tabular-nums text-slate-600">{t("adSetBudget", { amount: money(s.dailyBudgetMinor) })}</span>
                {s.externalId && <span className="break-all text-xs text-slate-500">{t("remoteId", { id: s.externalId })}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card className="p-5">
        <h2 className="mb-2 text-sm font-medium">{t("creatives")}</h2>
        {c.creatives.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noCreatives")}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-3">
            {c.creatives.map((cr) => (
              <li key={cr.id} className="min-w-0 rounded border border-slate-100 p-3 text-sm" data-testid="campaign-creative">
                {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URL from our storage */}
                {cr.imageUrl ? <img src={cr.imageUrl} alt={t("visualOf", { label: cr.variantLabel ?? cr.name })} className="mb-2 aspect-square w-full rounded bg-slate-100 object-cover" loading="lazy" /> : null}
                <p className="break-words font-medium" data-user-content>
                  {[cr.variantLabel, cr.headline].filter(Boolean).join(" · ")}
                </p>
                <p className="mt-1 break-words text-slate-600" data-user-content>
                  {cr.primaryText}
                </p>
                {cr.externalId && <p className="mt-1 break-all text-xs text-slate-500">{t("remoteId", { id: cr.externalId })}</p>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="p-5" data-testid="campaign-approvals">
          <h2 className="mb-2 text-sm font-medium">{t("approvalTrail")}</h2>
          {c.approvals.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noApprovals")}</p>
          ) : (
            <ol className="space-y-2 text-sm">
              {c.approvals.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-2">
                  <StatusBadge kind="approvalStatus" value={a.status} />
                  <span className="text-slate-600">{t(a.decidedAt ? "approvalDecided" : "approvalRequested", { at: new Date(a.decidedAt ?? a.createdAt) })}</span>
                  {a.note && (
                    <span className="w-full text-slate-500" data-user-content>
                      « {a.note} »
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card className="p-5" data-testid="campaign-actions-history">
          <h2 className="mb-2 text-sm font-medium">{t("history")}</h2>
          {c.optimizations.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noHistory")}</p>
          ) : (
            <ol className="space-y-3 text-sm">
              {c.optimizations.map((o) => (
                <li key={o.id}>
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{t("action", { action: o.action })}</span>
                    <StatusBadge kind="optimizationStatus" value={o.status} />
                    <span className="text-xs text-slate-500">{t("decidedAt", { at: new Date(o.decidedAt) })}</span>
                  </p>
                  <p className="text-xs text-slate-500">{t("rule", { rule: o.rule })}</p>
                  {o.rationale && (
                    <p className="mt-1 text-slate-700" data-user-content>
                      {o.rationale}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </div>
  );
}
