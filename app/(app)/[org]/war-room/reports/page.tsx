import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { GenerateReportButton } from "@/components/war-room/generate-report-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listWeeklyReports } from "@/lib/analytics/weekly/get-weekly-reports";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("weeklyReports"))("title") };
}

const TONE = { GENERATING: "blue", READY: "violet", SENT: "green", FAILED: "red" } as const;

/** MKT-403's weekly reports, newest week first; owners can generate the last week's now. */
export default async function WeeklyReportsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [reports, t, format] = await Promise.all([listWeeklyReports({ organizationId: ctx.organizationId }), getTranslations("weeklyReports"), getFormatter()]);
  const date = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const canGenerate = hasRole(ctx.role, POLICY.generateReports);
  return (
    <div data-testid="page-weekly-reports" className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex flex-wrap items-start gap-3">
            <Link href={`/${ctx.slug}/war-room`} className="py-2 text-sm font-medium text-brand-700 hover:underline">
              {t("back")}
            </Link>
            {canGenerate ? <GenerateReportButton org={ctx.slug} /> : null}
          </div>
        }
      />
      {reports.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {reports.map((r) => (
              <li key={r.id} data-testid="weekly-report-row">
                <Link
                  href={`/${ctx.slug}/war-room/reports/${r.id}`}
                  className="flex flex-col gap-2 p-4 hover:bg-slate-50 md:flex-row md:items-start md:justify-between"
                >
                  <div className="min-w-0 space-y-1">
                    <p className="text-sm font-semibold text-slate-900">
                      {t("week", { week: r.isoWeek })}{" "}
                      <span className="font-normal text-slate-500">· {t("period", { from: date(r.from), to: date(r.to) })}</span>
                    </p>
                    {r.summary ? (
                      <p className="line-clamp-2 text-sm text-slate-600" data-user-content>
                        {r.summary}
                      </p>
                    ) : null}
                  </div>
                  <div className="flex shrink-0 flex-wrap items-center gap-2">
                    <Badge tone={TONE[r.status]}>{t(`status.${r.status}`)}</Badge>
                    {r.sentAt ? (
                      <span className="text-xs text-slate-500">{format.dateTime(new Date(r.sentAt), { dateStyle: "medium", timeStyle: "short" })}</span>
                    ) : null}
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
