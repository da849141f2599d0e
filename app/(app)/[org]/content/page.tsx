import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.content"))("title") };
}

export default async function ContentPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-content">
      <SectionHeader section="content" />
      <SectionEmpty section="content" actionHref={`/${ctx.slug}/content`} />
    </div>
  );
}
