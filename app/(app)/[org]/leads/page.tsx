import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.leads"))("title") };
}

export default async function LeadsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-leads">
      <SectionHeader section="leads" />
      <SectionEmpty section="leads" actionHref={`/${ctx.slug}/settings/api-keys`} />
    </div>
  );
}
