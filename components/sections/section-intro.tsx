import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export type SectionKey = "warRoom" | "content" | "approvals" | "campaigns" | "leads" | "inbox" | "assistant" | "agents" | "analytics" | "settings";

/** A section's header, and its empty state (what it is for + the one next step) when it has no data. */
export async function SectionHeader({ section, actions }: { section: SectionKey; actions?: ReactNode }) {
  const t = await getTranslations(`sections.${section}`);
  return <PageHeader title={t("title")} description={t("description")} actions={actions} />;
}

export async function SectionEmpty({ section, actionHref, icon }: { section: SectionKey; actionHref: string; icon?: ReactNode }) {
  const t = await getTranslations(`sections.${section}`);
  return (
    <EmptyState
      icon={icon}
      title={t("emptyTitle")}
      description={t("emptyBody")}
      action={
        <Link href={actionHref} className={buttonClass("primary")}>
          {t("emptyAction")}
        </Link>
      }
    />
  );
}
