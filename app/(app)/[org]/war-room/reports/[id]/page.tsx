import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { WeeklyReportCharts } from "@/components/war-room/weekly-report-charts";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { weeklyReportPdfEndpoint } from "@/lib/analytics/weekly/contracts";
import { getWeeklyReport } from "@/lib/analytics/weekly/get-weekly-reports";
import type { WeekTotals } from "@/lib/analytics/weekly/schemas";
import { endpointUrl } from "@/lib/api/client";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { AppError } from "@/lib/errors";

export async function generateMetadata() {
  return { title: (await getTranslations("weeklyReports"))("title") };
}

const TONE = { GENERATING: "blue", READY: "violet", SENT: "green", FAILED: "red" } as const;

/** One weekly report: summary, key figures against the previous week, charts, content, ads, leads, insights, recommendations, PDF. */
export default async function WeeklyReportPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org);
  const report = await getWeeklyReport({ organizationId: ctx.organizationId, reportId: id }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const [t, td, format, locale] = await Promise.all([getTranslations("weeklyReports"), getTranslations("domain"), getFormatter(), getLocale()]);
  const date = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const f = report.sections?.figures;
  const currency = f?.currency ?? "EUR";
  const num = (v: number) => format.number(v);
  const money = (minor: number) => format.number(minor / 100, { style: "currency", currency, maximumFractionDigits: 0 });
  const pct = (v: number | null) => (v === null ? "—" : format.number(v / 100, { style: "percent", maximumFractionDigits: 1 }));
  const ratio = (v: number | null) => (v === null ? "—" : format.number(v, { maximumFractionDigits: 2 }));
  const platform = (p: string) => (td.has(`platforms.${p}`) ? td(`platforms.${p}`) : p);
  const kpis: [string, (w: WeekTotals) => string][] = [
    ["posts", (w) => num(w.postsPublished)],
    ["impressions", (w) => num(w.impressions)],
    ["engagementRate", (w) => pct(w.engagementRate)],
    ["spend", (w) => money(w.adSpendMinor)],
    ["revenue", (w) => money(w.adRevenueMinor)],
    ["roas", (w) => ratio(w.roas)],
    ["leadsNew", (w) => num(w.leadsNew)],
    ["leadsHot", (w) => num(w.leadsHot)],
    ["bookings", (w) => num(w.bookings)],
    ["conversions", (w) => num(w.conversions)],
  ];
  const networkNames = Object.fromEntries((f?.content.networks ?? []).map((n) => [n.network, platform(n.network)]));
  return (
    <div data-testid="page-weekly-report" className="space-y-6">
      <PageHeader
        title={t("week", { week: report.isoWeek })}
        description={
          <>
            {t("period", { from: date(report.from), to: date(report.to) })}
            {report.sentAt ? (
              <>
                {" "}
                · {t("sentTo", { at: format.dateTime(new Date(report.sentAt), { dateStyle: "medium", timeStyle: "short" }), count: report.recipients.length })}
              </>
            ) : null}
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <Badge tone={TONE[report.status]}>{t(`status.${report.status}`)}</Badge>
            <Link href={`/${ctx.slug}/war-room/reports`} className="text-sm font-medium text-brand-700 hover:underline">
              {t("backToList")}
            </Link>
            <a
              href={endpointUrl(weeklyReportPdfEndpoint, { params: { org: ctx.slug, id: report.id }, query: { lang: locale === "en" ? "en" : "fr" } })}
              className={buttonClass("secondary")}
              download
              data-testid="weekly-report-pdf"
            >
              {t("downloadPdf")}
            </a>
          </div>
        }
      />
      {!report.sections || !f ? (
        <Card>
          <CardBody>
            <p className="text-sm text-slate-600">{report.status === "FAILED" ? t("failedBody") : t("unreadable")}</p>
          </CardBody>
        </Card>
      ) : (
        <>
          <Card>
            <CardHeader title={t("summary")} />
            <CardBody>
              <p className="whitespace-pre-line text-sm leading-6 text-slate-800" data-user-content data-testid="weekly-report-summary">
                {report.summary}
              </p>
            </CardBody>
          </Card>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
            {kpis.map(([key, value]) => (
              <Stat
                key={key}
                label={t(`kpi.${key}`)}
                value={value(f.totals)}
                hint={t("previous", { value: value(f.previousTotals) })}
                testId={`weekly-kpi-${key}`}
              />
            ))}
          </div>
          <Card>
            <CardBody>
              <WeeklyReportCharts figures={f} networkNames={networkNames} />
            </CardBody>
          </Card>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card>
              <CardHeader title={t("topPosts")} />
              <CardBody>
                {f.content.top.length === 0 ? (
                  <p className="text-sm text-slate-500">{t("noPosts")}</p>
                ) : (
                  <ol className="space-y-3" data-testid="weekly-report-top">
                    {f.content.top.map((p, i) => (
                      <li key={p.publicationId} className="flex gap-3">
                        <span className="text-sm font-semibold text-slate-400">{i + 1}</span>
                        <div className="min-w-0">
                          <Link
                            href={`/${ctx.slug}/content/${p.contentPieceId}`}
                            className="block truncate text-sm font-medium text-slate-900 hover:text-brand-700"
                            data-user-content
                          >
                            {p.title}
                          </Link>
                          <p className="text-xs text-slate-500">
                            {platform(p.platform)} · {num(p.impressions)} {t("impressions").toLowerCase()} · {pct(p.engagementRate)}
                          </p>
                        </div>
                      </li>
                    ))}
                  </ol>
                )}
              </CardBody>
            </Card>
            <Card>
              <CardHeader title={t("trends")} />
              <CardBody>
                {f.content.networks.length === 0 ? (
                  <p className="text-sm text-slate-500">{t("noNetworks")}</p>
                ) : (
                  <ul className="space-y-2">
                    {f.content.networks.map((n) => (
                      <li key={n.network} className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                        <span className="font-medium text-slate-800">{platform(n.network)}</span>
                        <span className="text-slate-600">
                          {pct(n.engagementRate)} <span className="text-xs text-slate-400">({t("previous", { value: pct(n.previousEngagementRate) })})</span>
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </CardBody>
            </Card>
            <Card>
              <CardHeader title={t("ads")} />
              <CardBody className="space-y-2 text-sm">
                <p className="text-slate-700">
                  {t("kpi.spend")} {money(f.totals.adSpendMinor)} · {t("kpi.revenue")} {money(f.totals.adRevenueMinor)} · {t("kpi.roas")} {ratio(f.totals.roas)}
                </p>
                {f.ads.bestAdSet ? (
                  <div className="rounded-lg bg-slate-50 p-3" data-testid="weekly-report-best-ad-set">
                    <p className="text-xs font-medium text-slate-500">{t("bestAdSet")}</p>
                    <p className="font-medium text-slate-900" data-user-content>
                      {t("bestAdSetLine", { name: f.ads.bestAdSet.name, campaign: f.ads.bestAdSet.campaign })}
                    </p>
                    <p className="text-xs text-slate-500">
                      {platform(f.ads.bestAdSet.platform)} · {t("kpi.roas")} {ratio(f.ads.bestAdSet.roas)} · {money(f.ads.bestAdSet.spendMinor)} /{" "}
                      {money(f.ads.bestAdSet.revenueMinor)}
                    </p>
                  </div>
                ) : (
                  <p className="text-slate-500">{t("noAds")}</p>
                )}
              </CardBody>
            </Card>
            <Card>
              <CardHeader title={t("leads")} />
              <CardBody className="space-y-3 text-sm">
                <p className="text-slate-700">{t("leadsWeek", { new: f.totals.leadsNew, hot: f.totals.leadsHot, warm: f.leads.warm, cold: f.leads.cold })}</p>
                {f.leads.pipeline.length === 0 ? (
                  <p className="text-slate-500">{t("pipelineEmpty")}</p>
                ) : (
                  <div className="flex flex-wrap gap-2">
                    {f.leads.pipeline.map((p) => (
                      <Badge key={p.status}>
                        {td(`leadStatus.${p.status}`)} · {num(p.count)}
                      </Badge>
                    ))}
                  </div>
                )}
              </CardBody>
            </Card>
          </div>
          <Card>
            <CardHeader title={t("insights")} />
            <CardBody>
              {f.insights.length === 0 ? (
                <p className="text-sm text-slate-500">{t("noInsights")}</p>
              ) : (
                <ul className="space-y-3">
                  {f.insights.map((i) => (
                    <li key={i.id} className="text-sm">
                      <p className="font-medium text-slate-900" data-user-content>
                        {i.title}
                      </p>
                      <p className="text-xs text-slate-500">
                        {td(`insightType.${i.type}`)} · {td(`insightStatus.${i.status}`)} · {t("confidence", { value: pct(i.confidence * 100) })}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={t("recommendations")} />
            <CardBody>
              <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-800" data-user-content data-testid="weekly-report-recommendations">
                {report.sections.recommendations.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ol>
              <p className="mt-4 text-xs text-slate-500">{report.sections.writtenBy === "ai" ? t("writtenByAi") : t("writtenByRules")}</p>
            </CardBody>
          </Card>
        </>
      )}
    </div>
  );
}
