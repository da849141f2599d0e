import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.campaigns"))("title") };
}

export default async function CampaignsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-campaigns">
      <SectionHeader section="campaigns" />
      <SectionEmpty section="campaigns" actionHref={`/${ctx.slug}/settings/connections`} />
    </div>
  );
}
