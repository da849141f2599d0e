import { getTranslations } from "next-intl/server";
import { ContentTabs } from "@/components/publishing/content-tabs";
import { QueueView } from "@/components/publishing/queue-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("publishing.queue"))("title") };
}

export default async function QueuePage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("publishing.queue");
  return (
    <div data-testid="page-content-queue">
      <PageHeader title={t("title")} description={t("description")} />
      <ContentTabs org={ctx.slug} />
      <QueueView org={ctx.slug} canPublish={hasRole(ctx.role, POLICY.editContent)} />
    </div>
  );
}
