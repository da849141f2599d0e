import { ArrowDownRight, ArrowLeft, ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CompareBars } from "@/components/trends/compare-bars";
import { TrendNotes } from "@/components/trends/trend-notes";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import type { TrendRadarDto } from "@/lib/warroom/trends/contracts";
import { getTrendRadar } from "@/lib/warroom/trends/trend-radar";

export async function generateMetadata() {
  return { title: (await getTranslations("trends"))("title") };
}

const PERIODS = [7, 14, 30] as const;
type Row = TrendRadarDto["hashtags"][number];

/** The trend radar: rising hashtags, formats and networks in our own results, and the team's notes. */
export default async function TrendRadarPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ days?: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const asked = Number((await searchParams).days);
  const days = (PERIODS as readonly number[]).includes(asked) ? asked : 14;
  const [radar, t, tp, format] = await Promise.all([getTrendRadar({ organizationId: ctx.organizationId, days }), getTranslations("trends"), getTranslations("domain.platforms"), getFormatter()]);
  const pct = (v: number) => format.number(v / 100, { style: "percent", maximumFractionDigits: 1 });
  const change = (r: Row) =>
    r.engagements.changePct === null ? (
      r.engagements.current > 0 ? (
        <Badge tone="green">{t("new")}</Badge>
      ) : null
    ) : (
      <span className={`inline-flex items-center gap-0.5 text-xs font-medium ${r.engagements.changePct >= 0 ? "text-emerald-700" : "text-red-700"}`}>
        {r.engagements.changePct >= 0 ? <ArrowUpRight className="h-3 w-3" aria-hidden /> : <ArrowDownRight className="h-3 w-3" aria-hidden />}
        {format.number(r.engagements.changePct / 100, { style: "percent", maximumFractionDigits: 1, signDisplay: "always" })}
      </span>
    );
  const table = (rows: Row[], col: string, label: (key: string) => string, testId: string) =>
    rows.length === 0 ? (
      <p className="text-sm text-slate-500">{t("emptyRows")}</p>
    ) : (
      <div className="-mx-5 overflow-x-auto">
        <table className="w-full min-w-[30rem] text-sm" data-testid={testId}>
          <thead>
            <tr className="border-b border-slate-100 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <th className="px-5 py-2">{col}</th>
              <th className="px-3 py-2">{t("colPosts")}</th>
              <th className="px-3 py-2">{t("colEngagements")}</th>
              <th className="px-5 py-2">{t("colRate")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.key} data-testid={`${testId}-row`}>
                <td className="px-5 py-2">
                  <span className="font-medium text-slate-900">{label(r.key)}</span> {r.rising && r.engagements.changePct !== null ? <Badge tone="green">{t("rising")}</Badge> : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                  <span className="tabular-nums">{format.number(r.posts)}</span> <span className="text-xs text-slate-400">({t("before", { count: r.previousPosts })})</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <span className="tabular-nums">{format.number(r.engagements.current)}</span> {change(r)}
                </td>
                <td className="whitespace-nowrap px-5 py-2 tabular-nums text-slate-600">
                  {pct(r.engagementRate.current)} <span className="text-xs text-slate-400">({pct(r.engagementRate.previous)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return (
    <div data-testid="page-trend-radar" className="space-y-6">
      <Link href={`/${ctx.slug}/war-room`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-brand-700">
        <ArrowLeft className="h-4 w-4" aria-hidden /> {t("back")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("description", { days })}
        actions={
          <nav aria-label={t("period")} className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5">
            {PERIODS.map((d) => (
              <Link
                key={d}
                href={`/${ctx.slug}/war-room/trends?days=${d}`}
                aria-current={d === days ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm ${d === days ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:text-slate-900"}`}
              >
                {t("days", { days: d })}
              </Link>
            ))}
          </nav>
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader title={t("hashtagsTitle")} />
          <CardBody>{radar.hashtags.length === 0 ? <p className="text-sm text-slate-500">{t("hashtagsEmpty")}</p> : table(radar.hashtags, t("colHashtag"), (k) => `#${k}`, "trend-hashtags")}</CardBody>
        </Card>
        <Card>
          <CardHeader title={t("formatsTitle")} />
          <CardBody className="space-y-4">
            {radar.formats.length > 0 ? (
              <CompareBars
                data={radar.formats.map((f) => ({ label: t(`format.${f.key}`), current: f.engagementRate.current, previous: f.engagementRate.previous }))}
                currentLabel={t("chartCurrent", { days })}
                previousLabel={t("chartPrevious", { days })}
                ariaLabel={t("chartLabel")}
              />
            ) : null}
            {table(radar.formats, t("colFormat"), (k) => t(`format.${k}`), "trend-formats")}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("platformsTitle")} />
          <CardBody>{table(radar.platforms, t("colPlatform"), (k) => tp(k), "trend-platforms")}</CardBody>
        </Card>
        <Card>
          <CardHeader title={t("notesTitle")} description={t("notesDescription")} />
          <CardBody>
            <TrendNotes org={ctx.slug} notes={radar.notes} canEdit={hasRole(ctx.role, POLICY.editContent)} />
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
