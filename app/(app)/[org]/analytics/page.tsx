import { getTranslations } from "next-intl/server";
import { AnalyticsView } from "@/components/analytics/analytics-view";
import { SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { getAnalyticsToday } from "@/lib/analytics/daily/get-analytics-report";
import { addDays } from "@/lib/time/local-dates";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.analytics"))("title") };
}

/** Analytics (MKT-402 rows): the range ends yesterday in the organisation's time zone (today is written at 23:59). */
export default async function AnalyticsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const today = await getAnalyticsToday({ organizationId: ctx.organizationId });
  return (
    <div data-testid="page-analytics" className="space-y-6">
      <SectionHeader section="analytics" />
      <AnalyticsView org={ctx.slug} yesterday={addDays(today, -1)} canRecompute={hasRole(ctx.role, "EDITOR")} />
    </div>
  );
}
