import { getTranslations } from "next-intl/server";
import { TrendChart } from "@/components/charts/trend-chart";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { getDailyAnalytics } from "@/lib/analytics/get-daily-analytics";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.analytics"))("title") };
}

export default async function AnalyticsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [data, t] = await Promise.all([getDailyAnalytics({ organizationId: ctx.organizationId }), getTranslations("pages.analytics")]);
  return (
    <div data-testid="page-analytics" className="space-y-6">
      <SectionHeader section="analytics" />
      {data.days.length === 0 ? (
        <SectionEmpty section="analytics" actionHref={`/${ctx.slug}/war-room`} />
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card className="lg:col-span-2">
            <CardHeader title={t("trafficTitle")} />
            <CardBody>
              <TrendChart
                data={data.days}
                series={[
                  { key: "impressions", label: (await getTranslations("pages.warRoom"))("impressions"), color: "#2f6fed" },
                  { key: "engagements", label: (await getTranslations("pages.warRoom"))("engagements"), color: "#10b981" },
                  { key: "clicks", label: t("clicks"), color: "#f59e0b" },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={t("leadsTitle")} />
            <CardBody>
              <TrendChart
                data={data.days}
                height={200}
                series={[
                  { key: "leadsNew", label: t("leadsNew"), color: "#8b5cf6" },
                  { key: "conversions", label: t("conversions"), color: "#10b981" },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={t("spendTitle")} />
            <CardBody>
              <TrendChart
                data={data.days}
                height={200}
                currency={data.currency}
                series={[
                  { key: "adSpendMinor", label: t("spend"), color: "#ef4444" },
                  { key: "adRevenueMinor", label: t("revenue"), color: "#10b981" },
                ]}
              />
            </CardBody>
          </Card>
        </div>
      )}
    </div>
  );
}
