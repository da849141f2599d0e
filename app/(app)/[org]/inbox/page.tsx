import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.inbox"))("title") };
}

export default async function InboxPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-inbox">
      <SectionHeader section="inbox" />
      <SectionEmpty section="inbox" actionHref={`/${ctx.slug}/settings/connections`} />
    </div>
  );
}
