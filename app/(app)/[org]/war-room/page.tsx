import { getTranslations } from "next-intl/server";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.warRoom"))("title") };
}

export default async function WarRoomPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  return (
    <div data-testid="page-war-room">
      <SectionHeader section="warRoom" />
      <SectionEmpty section="warRoom" actionHref={`/${ctx.slug}/content`} />
    </div>
  );
}
