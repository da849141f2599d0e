"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Menu, X } from "lucide-react";
import { cn } from "@/lib/utils";
import { NAV_ITEMS } from "./nav-items";
import { OrgSwitcher, type OrgOption } from "./org-switcher";
import { NotificationBell } from "./notification-bell";
import { LiveEvents } from "@/components/live/use-live-events";
import { UserMenu } from "./user-menu";

export function AppShell({
  org,
  orgs,
  user,
  locale,
  children,
}: {
  org: { slug: string; name: string; role: string; isDemo: boolean };
  orgs: OrgOption[];
  user: { name: string | null; email: string };
  locale: string;
  children: ReactNode;
}) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const nav = (
    <nav aria-label={t("label")} className="flex flex-1 flex-col gap-0.5 px-3 py-3">
      {NAV_ITEMS.map((item) => {
        const href = `/${org.slug}/${item.href}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        const Icon = item.icon;
        return (
          <Link
            key={item.key}
            href={href}
            onClick={() => setOpen(false)}
            aria-current={active ? "page" : undefined}
            data-testid={`nav-${item.href}`}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
              active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white",
            )}
          >
            <Icon className="h-4 w-4 shrink-0" aria-hidden />
            {t(item.key)}
          </Link>
        );
      })}
    </nav>
  );
  return (
    <div className="flex min-h-screen">
      <aside className={cn("fixed inset-y-0 left-0 z-40 flex w-64 flex-col bg-slate-900 transition-transform lg:translate-x-0", open ? "translate-x-0" : "-translate-x-full")}>
        <div className="flex h-14 items-center justify-between px-5">
          <Link href={`/${org.slug}/war-room`} className="text-base font-semibold text-white">
            Marketing<span className="text-brand-500">Engine</span>
          </Link>
          <button className="text-slate-300 lg:hidden" onClick={() => setOpen(false)} aria-label={t("close")}>
            <X className="h-5 w-5" />
          </button>
        </div>
        <div className="px-3">
          <OrgSwitcher current={org} orgs={orgs} />
        </div>
        {nav}
        <div className="border-t border-white/10 p-3">
          <div className="mb-2 flex justify-end">
            <NotificationBell org={org.slug} />
            <LiveEvents org={org.slug} />
          </div>
          <UserMenu user={user} locale={locale} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col lg:pl-64">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur lg:hidden">
          <button onClick={() => setOpen(true)} aria-label={t("open")}>
            <Menu className="h-5 w-5" />
          </button>
          <span className="font-semibold">{org.name}</span>
        </header>
        {org.isDemo ? (
          <div className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-xs text-amber-900" data-testid="demo-banner">
            {t("demoBanner")}
          </div>
        ) : null}
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
