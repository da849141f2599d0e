"use client";

import { useLocale } from "next-intl";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions";

export function LocaleToggle() {
  const locale = useLocale();
  const [pending, start] = useTransition();
  const other = locale === "fr" ? "en" : "fr";
  return (
    <button
      type="button"
      data-testid="locale-toggle"
      disabled={pending}
      onClick={() => start(() => setLocaleAction(other))}
      className="rounded-md border border-slate-200 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
    >
      {other === "fr" ? "Français" : "English"}
    </button>
  );
}
