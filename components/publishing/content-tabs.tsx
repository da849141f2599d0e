"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/** Tabs under the Content header: overview, calendar, publish queue. */
export function ContentTabs({ org }: { org: string }) {
  const t = useTranslations("publishing.tabs");
  const pathname = usePathname();
  const tabs = [
    { href: `/${org}/content`, label: t("overview") },
    { href: `/${org}/content/calendar`, label: t("calendar") },
    { href: `/${org}/content/queue`, label: t("queue") },
    { href: `/${org}/content/media`, label: t("media") },
  ];
  return (
    <nav aria-label={t("label")} className="mb-4 flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-slate-200)] [scrollbar-width:none]">
      {tabs.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link key={tab.href} href={tab.href} aria-current={active ? "page" : undefined} className={cn("shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500", active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
