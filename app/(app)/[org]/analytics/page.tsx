import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.analytics"))("title") };
}

export default async function AnalyticsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-analytics">
      <SectionHeader section="analytics" />
      <SectionEmpty section="analytics" actionHref={`/${ctx.slug}/war-room`} />
    </div>
  );
}
