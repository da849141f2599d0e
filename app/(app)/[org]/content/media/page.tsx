import { getTranslations } from "next-intl/server";
import { MediaLibrary } from "@/components/media/media-library";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { listMedia } from "@/lib/media/list-media";

export async function generateMetadata() {
  return { title: (await getTranslations("media"))("title") };
}

export default async function MediaPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [media, t] = await Promise.all([listMedia({ organizationId: ctx.organizationId }), getTranslations("media")]);
  return (
    <div data-testid="page-media">
      <PageHeader title={t("title")} description={t("description")} />
      <MediaLibrary org={ctx.slug} canEdit={hasRole(ctx.role, POLICY.editContent)} initial={media} />
    </div>
  );
}
