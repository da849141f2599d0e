import { BarChart3 } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { InboxTabs } from "@/components/inbox-insights/inbox-tabs";
import { KpiCharts } from "@/components/inbox-insights/kpi-charts";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { getInboxKpis } from "@/lib/inbox/kpis/get-inbox-kpis";

export async function generateMetadata() {
  return { title: (await getTranslations("inboxInsights.kpis"))("title") };
}

/** The inbox's 2-hour KPIs: cards for the last 48 hours, charts for 48 hours and 7 days (windows of local time). */
export default async function InboxKpisPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [kpis, t, format] = await Promise.all([getInboxKpis({ organizationId: ctx.organizationId }), getTranslations("inboxInsights.kpis"), getFormatter()]);
  const k = kpis.totals48h;
  const duration = (s: number | null) => (s === null ? "—" : s < 60 ? t("seconds", { n: s }) : s < 3600 ? t("minutes", { n: Math.round(s / 60) }) : t("hours", { n: Math.round((s / 3600) * 10) / 10 }));
  const empty = kpis.last7d.every((w) => w.messages + w.comments === 0);
  return (
    <div data-testid="page-inbox-kpis">
      <PageHeader title={t("title")} description={t("description", { tz: kpis.timezone })} />
      <InboxTabs org={ctx.slug} current="kpis" />
      {empty ? (
        <EmptyState icon={<BarChart3 className="h-8 w-8" aria-hidden />} title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <div className="space-y-6">
          <section aria-label={t("cardsLabel")} className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="inbox-kpi-cards">
            <Stat label={t("messages")} value={format.number(k.messages)} hint={t("last48h")} testId="kpi-messages" />
            <Stat label={t("comments")} value={format.number(k.comments)} hint={t("last48h")} testId="kpi-comments" />
            <Stat label={t("frt")} value={duration(k.frtP50Seconds)} hint={t("frtHint")} testId="kpi-frt" />
            <Stat label={t("autoRate")} value={k.autoReplyRate === null ? "—" : format.number(k.autoReplyRate, { style: "percent", maximumFractionDigits: 0 })} hint={t("autoRateHint")} testId="kpi-auto-rate" />
            <Stat label={t("escalations")} value={format.number(k.escalations)} hint={t("last48h")} testId="kpi-escalations" />
            <Stat label={t("ignored")} value={format.number(k.ignored)} hint={t("last48h")} testId="kpi-ignored" />
            <Stat label={t("postsActive")} value={format.number(k.postsActivePeak)} hint={t("postsActiveHint")} testId="kpi-posts-active" />
            <Stat label={t("computedAt")} value={kpis.computedAt ? format.relativeTime(new Date(kpis.computedAt)) : "—"} hint={t("computedAtHint")} />
          </section>
          <KpiCharts last48h={kpis.last48h} last7d={kpis.last7d} timezone={kpis.timezone} />
        </div>
      )}
    </div>
  );
}
