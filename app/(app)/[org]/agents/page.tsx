import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.agents"))("title") };
}

export default async function AgentsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-agents">
      <SectionHeader section="agents" />
      <SectionEmpty section="agents" actionHref={`/${ctx.slug}/agents`} />
    </div>
  );
}
