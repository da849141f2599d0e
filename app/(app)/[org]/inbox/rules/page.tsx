import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BookOpen } from "lucide-react";
import { InboxRules } from "@/components/inbox/inbox-rules";
import { InboxTabs } from "@/components/inbox-insights/inbox-tabs";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("inbox.rulesPage"))("title") };
}

/** The inbox's triage rules and the organisation's AI control switch (changes for owners and admins); the brand's FAQ and products, what the AI answers from, are one link away. */
export default async function InboxRulesPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("inbox.rulesPage");
  return (
    <div data-testid="page-inbox-rules">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`/${ctx.slug}/settings/brands`} className={buttonClass("secondary")} data-testid="inbox-brand-knowledge">
            <BookOpen className="h-4 w-4" aria-hidden /> {t("knowledge")}
          </Link>
        }
      />
      <InboxTabs org={ctx.slug} current="rules" />
      <InboxRules org={ctx.slug} canManage={hasRole(ctx.role, POLICY.manageAutomations)} />
    </div>
  );
}
