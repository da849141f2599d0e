import { getTranslations } from "next-intl/server";
import { CommentsBoard } from "@/components/inbox-insights/comments-board";
import { InboxTabs } from "@/components/inbox-insights/inbox-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listComments } from "@/lib/inbox/comments/list-comments";

export async function generateMetadata() {
  return { title: (await getTranslations("inboxInsights.comments"))("title") };
}

/** Comments under our publications (polled every 5 minutes until day 7): reply, hide, check now. */
export default async function InboxCommentsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [initial, t] = await Promise.all([listComments({ organizationId: ctx.organizationId }), getTranslations("inboxInsights.comments")]);
  return (
    <div data-testid="page-inbox-comments">
      <PageHeader title={t("title")} description={t("description")} />
      <InboxTabs org={ctx.slug} current="comments" />
      <CommentsBoard org={ctx.slug} initial={initial} canEdit={hasRole(ctx.role, POLICY.editContent)} />
    </div>
  );
}
