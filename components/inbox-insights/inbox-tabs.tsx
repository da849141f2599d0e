import Link from "next/link";
import { getTranslations } from "next-intl/server";

const TABS = ["", "comments", "kpis", "topics", "rules"] as const;

/** The inbox's sub-pages: conversations, comments under our posts, 2-hour KPIs, topics, triage rules and the AI control (server component). */
export async function InboxTabs({ org, current }: { org: string; current: (typeof TABS)[number] }) {
  const t = await getTranslations("inboxInsights.tabs");
  return (
    <nav aria-label={t("label")} className="-mx-1 mb-5 flex gap-1 overflow-x-auto border-b border-slate-200 px-1" data-testid="inbox-tabs">
      {TABS.map((tab) => (
        <Link
          key={tab || "inbox"}
          href={`/${org}/inbox${tab ? `/${tab}` : ""}`}
          aria-current={tab === current ? "page" : undefined}
          className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm ${tab === current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {t(tab || "inbox")}
        </Link>
      ))}
    </nav>
  );
}
