import { getTranslations } from "next-intl/server";
import { InboxView } from "@/components/inbox/inbox-view";
import { InboxTabs } from "@/components/inbox-insights/inbox-tabs";
import { SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.inbox"))("title") };
}

/** The social inbox: conversations per contact across DMs and comments, replies, assignment, notes; triage rules and the AI control. */
export default async function InboxPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  return (
    <div data-testid="page-inbox">
      <SectionHeader section="inbox" />
      <InboxTabs org={ctx.slug} current="" />
      <InboxView org={ctx.slug} canEdit={hasRole(ctx.role, POLICY.editContent)} canManage={hasRole(ctx.role, POLICY.manageAutomations)} />
    </div>
  );
}
