import { getTranslations } from "next-intl/server";
import { InboxView } from "@/components/inbox/inbox-view";
import { InboxTabs } from "@/components/inbox-insights/inbox-tabs";
import { SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listConversationsSchema } from "@/lib/inbox/schemas";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.inbox"))("title") };
}

/** The social inbox: conversations per contact across DMs and comments, replies, assignment, notes (`?q=` opens it searched: the topics' chips; `?conversation=<id>` opens one: the comments page). */
export default async function InboxPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ q?: string | string[]; conversation?: string | string[] }> }) {
  const ctx = await requireOrgPage((await params).org);
  const { q: asked, conversation } = await searchParams;
  const q = listConversationsSchema.shape.q.safeParse(typeof asked === "string" ? asked : undefined);
  // An id the pane then reads through the API (another organisation's is a 404 there, shown as such).
  const open = typeof conversation === "string" && /^[\w-]{1,100}$/.test(conversation) ? conversation : null;
  return (
    <div data-testid="page-inbox">
      <SectionHeader section="inbox" />
      <InboxTabs org={ctx.slug} current="" />
      <InboxView org={ctx.slug} canEdit={hasRole(ctx.role, POLICY.editContent)} initialQuery={(q.success ? q.data : undefined) ?? ""} initialOpen={open} />
    </div>
  );
}
