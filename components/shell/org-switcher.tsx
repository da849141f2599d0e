"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Check, ChevronsUpDown, Plus } from "lucide-react";

export type OrgOption = { slug: string; name: string; role: string };

export function OrgSwitcher({ current, orgs }: { current: { slug: string; name: string; role: string }; orgs: OrgOption[] }) {
  const t = useTranslations("nav");
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <div className="relative" ref={ref}>
      <button
        onClick={() => setOpen((o) => !o)}
        aria-haspopup="listbox"
        aria-expanded={open}
        data-testid="org-switcher"
        className="flex w-full items-center justify-between rounded-md bg-white/5 px-3 py-2 text-left text-sm text-white hover:bg-white/10"
      >
        <span className="min-w-0">
          <span className="block truncate font-medium">{current.name}</span>
          <span className="block text-xs text-slate-400">{t(`roles.${current.role}`)}</span>
        </span>
        <ChevronsUpDown className="h-4 w-4 text-slate-400" aria-hidden />
      </button>
      {open ? (
        <div role="listbox" className="absolute left-0 right-0 z-50 mt-1 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {orgs.map((o) => (
            <Link key={o.slug} href={`/${o.slug}/war-room`} role="option" aria-selected={o.slug === current.slug} className="flex items-center justify-between px-3 py-2 text-sm text-slate-800 hover:bg-slate-50" onClick={() => setOpen(false)}>
              <span className="truncate">{o.name}</span>
              {o.slug === current.slug ? <Check className="h-4 w-4 text-brand-600" aria-hidden /> : null}
            </Link>
          ))}
          <div className="my-1 border-t border-slate-100" />
          <Link href="/onboarding" className="flex items-center gap-2 px-3 py-2 text-sm text-brand-700 hover:bg-slate-50" data-testid="new-org-link">
            <Plus className="h-4 w-4" aria-hidden /> {t("newOrganization")}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
