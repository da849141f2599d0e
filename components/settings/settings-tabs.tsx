"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { cn } from "@/lib/utils";

const TABS = [
  { key: "general", href: "" },
  { key: "brands", href: "/brands" },
  { key: "members", href: "/members" },
  { key: "connections", href: "/connections" },
  { key: "ads", href: "/ads" },
  { key: "booking", href: "/booking" },
  { key: "leadSources", href: "/lead-sources" },
  { key: "apiKeys", href: "/api-keys" },
  { key: "api", href: "/api" },
  { key: "outbox", href: "/outbox" },
] as const;

export function SettingsTabs({ org }: { org: string }) {
  const t = useTranslations("settings.tabs");
  const pathname = usePathname();
  const active = useRef<HTMLAnchorElement>(null);
  // On a phone the tabs scroll sideways: bring the current one into view (Advertising is off-screen at 390 px).
  // Braces: the effect must return nothing (Chromium's scrollIntoView now returns a promise, which React would call as a cleanup).
  useEffect(() => {
    active.current?.scrollIntoView({ inline: "center", block: "nearest" });
  }, [pathname]);
  return (
    <nav aria-label={t("label")} className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {TABS.map((tab) => {
        const href = `/${org}/settings${tab.href}`;
        const isActive = tab.href === "" ? pathname === href : pathname.startsWith(href);
        return (
          <Link
            key={tab.key}
            href={href}
            ref={isActive ? active : undefined}
            aria-current={isActive ? "page" : undefined}
            data-testid={`settings-tab-${tab.key}`}
            className={cn("-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium", isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800")}
          >
            {t(tab.key)}
          </Link>
        );
      })}
    </nav>
  );
}
