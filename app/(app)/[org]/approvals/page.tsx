import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.approvals"))("title") };
}

export default async function ApprovalsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-approvals">
      <SectionHeader section="approvals" />
      <SectionEmpty section="approvals" actionHref={`/${ctx.slug}/content`} />
    </div>
  );
}
