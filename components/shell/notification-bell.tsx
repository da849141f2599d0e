"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Bell } from "lucide-react";
import { callApi } from "@/lib/api/client";
import { listNotificationsEndpoint, markNotificationsReadEndpoint } from "@/lib/notifications/contracts";
import { cn } from "@/lib/utils";

export const notificationKeys = { list: (org: string) => ["org", org, "notifications"] as const };

const DOT: Record<string, string> = { CRITICAL: "bg-red-500", WARNING: "bg-amber-500", SUCCESS: "bg-emerald-500", INFO: "bg-brand-500" };

/** Unread count (polled every 30 s) and the latest notifications; opening marks them read. */
export function NotificationBell({ org }: { org: string }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const data = useQuery({
    queryKey: notificationKeys.list(org),
    queryFn: () => callApi(listNotificationsEndpoint, { params: { org } }),
    refetchInterval: 30_000,
  });
  const markRead = useMutation({
    mutationFn: () => callApi(markNotificationsReadEndpoint, { params: { org }, body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.list(org) }),
  });
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
  const unread = data.data?.unread ?? 0;
  return (
    <div className="relative" ref={ref}>
      <button
        onClick={() => {
          setOpen((o) => !o);
          if (!open && unread > 0) markRead.mutate();
        }}
        aria-label={t("label", { count: unread })}
        aria-expanded={open}
        data-testid="notification-bell"
        className="relative rounded-md p-2 text-slate-300 hover:bg-white/10 hover:text-white"
      >
        <Bell className="h-4 w-4" aria-hidden />
        {unread > 0 ? <span className="absolute right-1 top-1 min-w-4 rounded-full bg-red-500 px-1 text-[10px] font-semibold leading-4 text-white">{unread > 9 ? "9+" : unread}</span> : null}
      </button>
      {open ? (
        <div className="absolute bottom-10 left-0 z-50 w-80 rounded-lg border border-slate-200 bg-white shadow-xl" role="dialog" aria-label={t("title")}>
          <p className="border-b border-slate-100 px-4 py-2.5 text-sm font-semibold text-slate-900">{t("title")}</p>
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto" data-testid="notification-list">
            {(data.data?.items ?? []).length === 0 ? <li className="px-4 py-6 text-center text-sm text-slate-500">{t("empty")}</li> : null}
            {(data.data?.items ?? []).map((n) => {
              const inner = (
                <div className="flex gap-3 px-4 py-3 text-left">
                  <span className={cn("mt-1.5 h-2 w-2 shrink-0 rounded-full", DOT[n.severity] ?? "bg-slate-400")} aria-hidden />
                  <span className="min-w-0">
                    <span className={cn("block text-sm", n.readAt ? "text-slate-600" : "font-medium text-slate-900")}>{n.title}</span>
                    {n.body ? <span className="line-clamp-2 block text-xs text-slate-500">{n.body}</span> : null}
                    <span className="block text-xs text-slate-400">{format.relativeTime(new Date(n.createdAt))}</span>
                  </span>
                </div>
              );
              return <li key={n.id}>{n.actionUrl ? <Link href={n.actionUrl} onClick={() => setOpen(false)} className="block hover:bg-slate-50">{inner}</Link> : inner}</li>;
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
