"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { LogOut } from "lucide-react";
import { setLocaleAction, signOutAction } from "@/app/actions";

export function UserMenu({ user, locale }: { user: { name: string | null; email: string }; locale: string }) {
  const t = useTranslations("nav");
  const [pending, start] = useTransition();
  return (
    <div className="space-y-2 text-sm">
      <div className="min-w-0 px-2">
        <p className="truncate font-medium text-white" data-testid="user-name">{user.name ?? user.email}</p>
        <p className="truncate text-xs text-slate-400">{user.email}</p>
      </div>
      <div className="flex items-center justify-between gap-2 px-2">
        <label className="sr-only" htmlFor="locale-switch">{t("language")}</label>
        <select
          id="locale-switch"
          data-testid="locale-switch"
          value={locale}
          disabled={pending}
          onChange={(e) => start(() => setLocaleAction(e.target.value))}
          className="rounded-md border border-white/10 bg-slate-800 px-2 py-1 text-xs text-slate-100"
        >
          <option value="fr">Français</option>
          <option value="en">English</option>
        </select>
        <form action={signOutAction}>
          <button type="submit" className="flex items-center gap-1.5 rounded-md px-2 py-1 text-xs text-slate-300 hover:bg-white/10 hover:text-white" data-testid="sign-out">
            <LogOut className="h-3.5 w-3.5" aria-hidden /> {t("signOut")}
          </button>
        </form>
      </div>
    </div>
  );
}
