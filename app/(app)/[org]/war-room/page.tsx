import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { TrendChart } from "@/components/charts/trend-chart";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { HealthGauges } from "@/components/war-room/health-gauges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { getWarRoom } from "@/lib/warroom/get-war-room";
import { getAgentHealth } from "@/lib/warroom/health/agent-health";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.warRoom"))("title") };
}

export default async function WarRoomPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [data, t, te, tplatform, td, format, ttr, tdl, health, twr, tau] = await Promise.all([
    getWarRoom({ organizationId: ctx.organizationId }),
    getTranslations("pages.warRoom"),
    getTranslations("publishing.errors"),
    getTranslations("domain.platforms"),
    getTranslations("domain"),
    getFormatter(),
    getTranslations("trends"),
    getTranslations("deadLetters"),
    getAgentHealth({ organizationId: ctx.organizationId }),
    getTranslations("weeklyReports"),
    getTranslations("automations"),
  ]);
  // Engagement rates are stored in percent (3.7 = 3.7 %).
  const pct = (v: number | null) => (v === null ? "—" : format.number(v / 100, { style: "percent", maximumFractionDigits: 1 }));
  const empty = data.upcoming.length === 0 && data.recent.length === 0 && data.accounts.length === 0 && data.leads.length === 0;
  return (
    <div data-testid="page-war-room" className="space-y-6">
      <SectionHeader
        section="warRoom"
        actions={
          <>
            <Link href={`/${ctx.slug}/war-room/automations`} className={buttonClass("secondary")} data-testid="war-room-automations">
              {tau("link")}
            </Link>
            <Link href={`/${ctx.slug}/war-room/dead-letters`} className={buttonClass("secondary")} data-testid="war-room-dead-letters">
              {tdl("link")}
            </Link>
            <Link href={`/${ctx.slug}/war-room/trends`} className={buttonClass("secondary")} data-testid="war-room-trends-link">
              {ttr("link")}
            </Link>
            <Link href={`/${ctx.slug}/war-room/reports`} className={buttonClass("secondary")} data-testid="war-room-reports-link">
              {twr("link")}
            </Link>
          </>
        }
      />
      {empty ? (
        <SectionEmpty section="warRoom" actionHref={`/${ctx.slug}/content`} />
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
            <Stat label={t("kpiPosted")} value={data.kpis.postedLast7d} testId="kpi-posted" />
            <Stat label={t("kpiScheduled")} value={data.kpis.scheduled} />
            <Stat
              label={t("kpiApprovals")}
              testId="kpi-approvals"
              value={
                <Link href={`/${ctx.slug}/approvals`} className="hover:text-brand-700">
                  {data.kpis.pendingApprovals}
                </Link>
              }
            />
            <Stat label={t("kpiHotLeads")} value={data.kpis.hotLeads} />
            <Stat label={t("kpiEngagement")} value={pct(data.kpis.avgEngagementRate)} />
            <Stat label={t("kpiCampaigns")} value={data.kpis.activeCampaigns} />
          </div>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
            <Card className="lg:col-span-2">
              <CardHeader title={t("chartTitle")} />
              <CardBody>
                <TrendChart
                  data={data.daily}
                  series={[
                    { key: "impressions", label: t("impressions"), color: "#2f6fed" },
                    { key: "engagements", label: t("engagements"), color: "#10b981" },
                  ]}
                />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title={t("signalsTitle")} />
              <CardBody className="space-y-3">
                {data.signals.length === 0 ? (
                  <p className="text-sm text-slate-500">{t("signalsEmpty")}</p>
                ) : (
                  data.signals.map((s) => (
                    <div key={s.id} className="rounded-lg border border-emerald-100 bg-emerald-50/60 p-3" data-testid="signal">
                      <PlatformBadge platform={s.platform} />
                      <p className="mt-1 line-clamp-2 text-sm font-medium text-slate-900">{s.title}</p>
                      <p className="mt-1 text-xs text-emerald-800">{t("signalLine", { rate: pct(s.engagementRate), threshold: pct(s.threshold) })}</p>
                    </div>
                  ))
                )}
              </CardBody>
            </Card>
          </div>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
            <Card className="lg:col-span-2">
              <CardHeader title={t("queueTitle")} />
              {data.upcoming.length === 0 ? (
                <CardBody className="text-sm text-slate-500">{t("queueEmpty")}</CardBody>
              ) : (
                <ul className="divide-y divide-slate-100" data-testid="publish-queue">
                  {data.upcoming.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                      <div className="min-w-0 flex-1 basis-full sm:basis-0">
                        <p className="truncate font-medium">{p.title}</p>
                        <div className="mt-0.5 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-slate-500">
                          <PlatformBadge platform={p.platform} sandbox={p.isSandbox} />
                          <span>· {p.accountName}</span>
                        </div>
                      </div>
                      <span className="tabular-nums text-slate-600">
                        {format.dateTime(new Date(p.scheduledAt), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}
                      </span>
                      <StatusBadge kind="publicationStatus" value={p.status} />
                    </li>
                  ))}
                </ul>
              )}
              {data.recent.length > 0 ? (
                <>
                  <div className="border-t border-slate-100 px-5 pb-1 pt-4 text-xs font-semibold uppercase text-slate-500">{t("recentTitle")}</div>
                  <ul className="divide-y divide-slate-100">
                    {data.recent.map((p) => (
                      <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-2.5 text-sm">
                        <div className="min-w-0 flex-1 basis-full sm:basis-0">
                          <p className="truncate">{p.title}</p>
                          {p.error ? (
                            <p className="truncate text-xs text-red-600" data-testid="publication-error" data-error-key={p.error.key}>
                              {te(p.error.key, { platform: tplatform(p.platform), max: p.error.values.max ?? 0 })}
                            </p>
                          ) : null}
                        </div>
                        <PlatformBadge platform={p.platform} />
                        <span className="whitespace-nowrap text-slate-500">{format.relativeTime(new Date(p.at))}</span>
                        <StatusBadge kind="publicationStatus" value={p.status} />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </Card>
            <div className="space-y-6">
              <Card>
                <CardHeader
                  title={t("leadsTitle")}
                  action={
                    <Link href={`/${ctx.slug}/leads`} className="text-sm font-medium text-brand-700 hover:underline">
                      {t("leadsAll")}
                    </Link>
                  }
                />
                {data.leads.length === 0 ? (
                  <CardBody className="text-sm text-slate-500">{t("leadsEmpty")}</CardBody>
                ) : (
                  <ul className="divide-y divide-slate-100" data-testid="war-room-leads">
                    {data.leads.map((l) => (
                      <li key={l.id} className="flex items-center justify-between gap-2 px-5 py-2.5 text-sm">
                        <div className="min-w-0">
                          <Link href={`/${ctx.slug}/leads/${l.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700">
                            {l.name}
                          </Link>
                          <p className="truncate text-xs text-slate-500">
                            {[l.company, td(`leadSource.${l.source}`), format.relativeTime(new Date(l.createdAt))].filter(Boolean).join(" · ")}
                          </p>
                        </div>
                        {l.tier ? (
                          <span title={l.score === null ? undefined : t("leadScore", { score: l.score })}>
                            <StatusBadge kind="leadTier" value={l.tier} />
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
              <Card>
                <CardHeader title={t("accountsTitle")} />
                {data.accounts.length === 0 ? (
                  <CardBody className="text-sm text-slate-500">{t("accountsEmpty")}</CardBody>
                ) : (
                  <ul className="divide-y divide-slate-100" data-testid="account-health">
                    {data.accounts.map((a) => (
                      <li key={a.id} className="flex items-center justify-between gap-2 px-5 py-2.5 text-sm">
                        <div className="min-w-0">
                          <PlatformBadge platform={a.platform} sandbox={a.isSandbox} />
                          <p className="truncate text-xs text-slate-500">{a.name}</p>
                        </div>
                        <StatusBadge kind="accountStatus" value={a.status} />
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </div>
          </div>
          <HealthGauges health={health} />
        </>
      )}
    </div>
  );
}
