import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.assistant"))("title") };
}

export default async function AssistantPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-assistant">
      <SectionHeader section="assistant" />
      <SectionEmpty section="assistant" actionHref={`/${ctx.slug}/assistant`} />
    </div>
  );
}
