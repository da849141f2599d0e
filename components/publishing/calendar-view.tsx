"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TZDate } from "@date-fns/tz";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { useMemo, useState, useSyncExternalStore } from "react";
import { addDays, addMonths, addWeeks, endOfMonth, endOfWeek, format as fmt, startOfDay, startOfMonth, startOfWeek } from "date-fns";
import { CalendarDays, Plus } from "lucide-react";
import { PlatformBadge, usePlatformLabel } from "@/components/domain/badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { callApi } from "@/lib/api/client";
import { listConnectionsEndpoint } from "@/lib/oauth/contracts";
import { cancelPublicationEndpoint, getCalendarEndpoint, reschedulePublicationEndpoint, type PublicationDto } from "@/lib/publishing/contracts";
import { cn } from "@/lib/utils";
import { publishingKeys } from "./query-keys";
import { CalendarWeekGrid } from "./calendar-week-grid";
import { PublicationStatusBadge } from "./status-badge";

type View = "week" | "month";
const NETWORKS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"] as const;
/** The calendar refuses to go further than the API schedules (lib/publishing/schemas.ts). */
const MAX_AHEAD_YEARS = 2;

/** Phones (< 768 px) get an agenda list instead of the 7-column grid. */
const PHONE_QUERY = "(max-width: 767.98px)";
function useIsPhone(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const m = window.matchMedia(PHONE_QUERY);
      m.addEventListener("change", cb);
      return () => m.removeEventListener("change", cb);
    },
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}

/**
 * Week (7 days, Monday first, hour slots: calendar-week-grid.tsx) or month grid, computed in the
 * display time zone (the user's own, else the organisation's: lib/i18n/time-zone.ts), today marked,
 * recurring occurrences included, filters by network and account. Drag a card onto a day (month: keeps
 * its time) or an hour slot (week), or type a new date; undo after a move. Month: a "+" on each day, or
 * a click on its empty space, opens the composer at 09:00 that day; week: each slot opens it at its hour.
 * Phones get an agenda list.
 */
export function CalendarView({ org, canCompose = true }: { org: string; canCompose?: boolean }) {
  const t = useTranslations("publishing.calendar");
  const format = useFormatter();
  const tz = useTimeZone() ?? "Europe/Paris";
  const platformLabel = usePlatformLabel();
  const qc = useQueryClient();
  const [view, setView] = useState<View>("week");
  const [anchor, setAnchor] = useState(() => new Date());
  const [platform, setPlatform] = useState<string>("");
  const [accountId, setAccountId] = useState<string>("");
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);
  const phone = useIsPhone();
  const router = useRouter();
  const dayKey = (d: Date | string) => fmt(new TZDate(new Date(d).getTime(), tz), "yyyy-MM-dd");
  const todayKey = dayKey(new Date());
  const limit = useMemo(() => addMonths(new Date(), 12 * MAX_AHEAD_YEARS), []);

  const range = useMemo(() => {
    const a = new TZDate(anchor.getTime(), tz);
    const first: TZDate = view === "week" ? startOfWeek(a, { weekStartsOn: 1 }) : startOfWeek(startOfMonth(a), { weekStartsOn: 1 });
    const last: TZDate = view === "week" ? startOfDay(endOfWeek(a, { weekStartsOn: 1 })) : startOfDay(endOfWeek(endOfMonth(a), { weekStartsOn: 1 }));
    const days: TZDate[] = [];
    for (let d: TZDate = first; d.getTime() <= last.getTime() && days.length < 42; d = addDays(d, 1)) days.push(d);
    return { from: new Date(first.getTime()).toISOString(), to: new Date(addDays(last, 1).getTime()).toISOString(), days, month: a.getMonth() };
  }, [view, anchor, tz]);

  const filters = { ...(platform ? { platform: platform as (typeof NETWORKS)[number] } : {}), ...(accountId ? { accountId } : {}) };
  const q = useQuery({
    queryKey: [...publishingKeys.calendar(org, range.from, range.to), filters],
    queryFn: () => callApi(getCalendarEndpoint, { params: { org }, query: { from: range.from, to: range.to, ...filters } }),
  });
  const accounts = useQuery({ queryKey: ["connections", org], queryFn: () => callApi(listConnectionsEndpoint, { params: { org } }) });
  const move = useMutation({
    mutationFn: (v: { id: string; scheduledAt: string }) => callApi(reschedulePublicationEndpoint, { params: { org, id: v.id }, body: { scheduledAt: v.scheduledAt } }),
    onSettled: () => qc.invalidateQueries({ queryKey: publishingKeys.all(org) }),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => callApi(cancelPublicationEndpoint, { params: { org, id }, body: {} }),
    onSuccess: () => setNotice({ text: t("cancelled") }),
    onSettled: () => qc.invalidateQueries({ queryKey: publishingKeys.all(org) }),
  });

  /** datetime-local values are wall-clock times in the display zone, not the browser's. */
  const toLocalInput = (iso: string) => fmt(new TZDate(new Date(iso).getTime(), tz), "yyyy-MM-dd'T'HH:mm");
  const fromLocalInput = (v: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
    return m ? new Date(new TZDate(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, 0, tz).getTime()) : null;
  };

  function reschedule(p: PublicationDto, to: Date) {
    const previous = p.scheduledAt;
    move.mutate(
      { id: p.id, scheduledAt: to.toISOString() },
      {
        onSuccess: () => setNotice({ text: t("moved", { date: format.dateTime(to, { dateStyle: "medium", timeStyle: "short" }) }), undo: () => move.mutate({ id: p.id, scheduledAt: previous }, { onSuccess: () => setNotice(null) }) }),
        onError: (e) => setNotice({ text: t("moveFailed", { message: (e as Error).message }) }),
      },
    );
  }
  /** "Publish now": the same reschedule, to the current time (MKT-107 then posts it at once); no undo, it is on its way. */
  function publishNow(p: PublicationDto) {
    move.mutate(
      { id: p.id, scheduledAt: new Date().toISOString() },
      {
        onSuccess: () => setNotice({ text: t("publishedNow") }),
        onError: (e) => setNotice({ text: t("publishNowFailed", { message: (e as Error).message }) }),
      },
    );
  }
  /** A card dropped on a day (month: keeps its time) or on a week slot (that hour, its minutes kept). */
  function dropOn(day: TZDate, id: string, hour?: number) {
    const p = q.data?.publications.find((x) => x.id === id);
    if (!p || p.projected) return;
    const old = new TZDate(new Date(p.scheduledAt).getTime(), tz);
    const to = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hour ?? old.getHours(), old.getMinutes(), 0, tz);
    if (to.getTime() !== old.getTime()) reschedule(p, new Date(to.getTime()));
  }
  const step = (n: number) => {
    const next = view === "week" ? addWeeks(anchor, n) : addMonths(anchor, n);
    if (next.getTime() > limit.getTime()) return setNotice({ text: t("tooFarAhead", { years: MAX_AHEAD_YEARS }) });
    setAnchor(next);
  };
  const composeHref = (day: TZDate, hour = 9) => `/${org}/content/compose?at=${encodeURIComponent(new Date(new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hour, 0, 0, tz).getTime()).toISOString())}`;
  const itemsOf = (day: TZDate) => (q.data?.publications ?? []).filter((p) => dayKey(p.scheduledAt) === dayKey(day));

  // Grid columns are narrow: smaller actions there; the phone agenda keeps full-size touch targets.
  const actionClass = phone ? undefined : "px-2 py-1 text-xs";
  const renderCard = (p: PublicationDto) => (
    <Card draggable={p.status === "SCHEDULED" && !p.projected} onDragStart={(e) => e.dataTransfer.setData("text/plain", p.id)} className={cn("space-y-1 p-1.5 text-xs", p.projected && "border-dashed")} data-testid="calendar-item">
      <div className="flex flex-wrap items-center gap-1">
        <PlatformBadge platform={p.platform} sandbox={p.account.isSandbox} />
        <PublicationStatusBadge status={p.status} />
        {p.recurring ? <span className="text-slate-500">{t("recurring")}</span> : null}
      </div>
      <div className="text-slate-500" data-testid="calendar-item-time">{format.dateTime(new Date(p.scheduledAt), { timeStyle: "short" })} · {p.account.name}</div>
      <div className="line-clamp-2 text-slate-800">{p.piece.title ?? p.piece.excerpt}</div>
      {p.status === "SCHEDULED" && !p.projected ? (
        <form className="flex flex-wrap items-center gap-1" onSubmit={(e) => { e.preventDefault(); const v = new FormData(e.currentTarget).get("at"); const at = typeof v === "string" ? fromLocalInput(v) : null; if (at) reschedule(p, at); }}>
          <label className="sr-only" htmlFor={`at-${p.id}`}>{t("reschedule")}</label>
          <input id={`at-${p.id}`} name="at" type="datetime-local" defaultValue={toLocalInput(p.scheduledAt)} className="w-full min-w-0 rounded border border-slate-300 px-1 py-0.5" />
          <Button type="submit" variant="secondary" className={actionClass}>{t("move")}</Button>
          <Button type="button" variant="secondary" className={actionClass} disabled={move.isPending} onClick={() => publishNow(p)}>{t("publishNow")}</Button>
          <Button type="button" variant="secondary" className={actionClass} onClick={() => { if (window.confirm(t("confirmCancel"))) cancel.mutate(p.id); }}>{t("cancel")}</Button>
        </form>
      ) : null}
    </Card>
  );
  const addLink = (day: TZDate) =>
    canCompose ? (
      <Link href={composeHref(day)} className="inline-flex h-6 w-6 items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-brand-700" aria-label={t("composeOn", { date: format.dateTime(day, { dateStyle: "full" }) })} data-testid="calendar-compose">
        <Plus className="h-4 w-4" aria-hidden />
      </Link>
    ) : null;
  const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

  return (
    <div className="space-y-3" data-testid="publishing-calendar" data-time-zone={tz}>
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" className="flex gap-1">
          <Button variant={view === "week" ? "primary" : "secondary"} aria-pressed={view === "week"} onClick={() => setView("week")}>{t("week")}</Button>
          <Button variant={view === "month" ? "primary" : "secondary"} aria-pressed={view === "month"} onClick={() => setView("month")} data-testid="calendar-month">{t("month")}</Button>
        </div>
        <Button variant="secondary" onClick={() => step(-1)}>{t("previous")}</Button>
        <Button variant="secondary" onClick={() => setAnchor(new Date())}>{t("today")}</Button>
        <Button variant="secondary" onClick={() => step(1)} data-testid="calendar-next">{t("next")}</Button>
        <span className="text-sm text-slate-600" data-testid="calendar-range">
          {view === "month" ? format.dateTime(range.days[10]!, { month: "long", year: "numeric" }) : `${format.dateTime(range.days[0]!, { dateStyle: "medium" })} – ${format.dateTime(range.days[range.days.length - 1]!, { dateStyle: "medium" })}`}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          <span className="text-slate-600">{t("network")}</span>
          <select value={platform} onChange={(e) => setPlatform(e.target.value)} className={selectClass} data-testid="calendar-network">
            <option value="">{t("allNetworks")}</option>
            {NETWORKS.map((n) => <option key={n} value={n}>{platformLabel(n)}</option>)}
          </select>
        </label>
        <label className="flex min-w-0 items-center gap-1">
          <span className="text-slate-600">{t("account")}</span>
          <select value={accountId} onChange={(e) => setAccountId(e.target.value)} className={cn(selectClass, "min-w-0 max-w-56")} data-testid="calendar-account">
            <option value="">{t("allAccounts")}</option>
            {(accounts.data?.accounts ?? []).filter((a) => !platform || a.platform.toUpperCase() === platform).map((a) => (
              <option key={a.id} value={a.id}>{platformLabel(a.platform.toUpperCase())} · {a.name}</option>
            ))}
          </select>
        </label>
      </div>
      {notice ? (
        <div role="status" className="flex items-center gap-3 rounded-md bg-slate-100 px-3 py-2 text-sm" data-testid="calendar-notice">
          {notice.text}
          {notice.undo ? <Button variant="secondary" onClick={notice.undo}>{t("undo")}</Button> : null}
        </div>
      ) : null}
      {q.isPending ? <p role="status" className="text-sm text-slate-500">{t("loading")}</p> : null}
      {q.isError ? (
        <div role="alert" className="text-sm text-red-700">{t("error")} <Button variant="secondary" onClick={() => q.refetch()}>{t("retry")}</Button></div>
      ) : null}
      {q.data && q.data.publications.length === 0 ? <EmptyState icon={<CalendarDays className="h-6 w-6" />} title={t("empty")} description={t("description")} /> : null}
      {q.data && phone ? (
        <ol className="space-y-3" data-testid="calendar-agenda">
          {range.days
            .map((day) => ({ day, items: itemsOf(day) }))
            .filter((d) => d.items.length > 0 || dayKey(d.day) === todayKey)
            .map(({ day, items }) => (
              <li key={day.toISOString()} aria-current={dayKey(day) === todayKey ? "date" : undefined}>
                <h3 className={cn("mb-1 flex items-center justify-between text-xs font-semibold uppercase", dayKey(day) === todayKey ? "text-brand-700" : "text-slate-500")}>
                  {format.dateTime(day, { weekday: "long", day: "numeric", month: "long" })}
                  {addLink(day)}
                </h3>
                {items.length === 0 ? <p className="text-xs text-slate-500">{t("nothingToday")}</p> : null}
                <ul className="space-y-2">
                  {items.map((p) => <li key={p.id}>{renderCard(p)}</li>)}
                </ul>
              </li>
            ))}
        </ol>
      ) : null}
      {q.data && !phone && view === "week" ? (
        <CalendarWeekGrid
          days={range.days}
          tz={tz}
          todayKey={todayKey}
          dayKey={dayKey}
          itemsOf={itemsOf}
          renderCard={renderCard}
          composeHref={(day, hour) => (canCompose ? composeHref(day, hour) : null)}
          onDrop={(day, hour, id) => dropOn(day, id, hour)}
        />
      ) : null}
      {q.data && !phone && view === "month" ? (
        <div className="grid grid-cols-7 gap-2" data-testid="calendar-grid" data-days={range.days.length}>
          {range.days.map((day) => {
            const today = dayKey(day) === todayKey;
            const outside = view === "month" && day.getMonth() !== range.month;
            return (
              <div
                key={day.toISOString()}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => dropOn(day, e.dataTransfer.getData("text/plain"))}
                onClick={(e) => {
                  // A click on the day's empty space opens the composer there (the "+" link is the keyboard path).
                  if (canCompose && !(e.target as HTMLElement).closest("[data-testid='calendar-item'], a, button, input, select, form")) router.push(composeHref(day));
                }}
                className={cn("min-h-28 min-w-0 rounded-md border bg-white p-1.5", canCompose && "cursor-pointer hover:bg-slate-50", today ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200", outside && "bg-slate-50 opacity-70")}
                aria-label={format.dateTime(day, { dateStyle: "full" })}
                aria-current={today ? "date" : undefined}
                data-testid="calendar-day"
                data-day={dayKey(day)}
              >
                <div className="mb-1 flex items-center justify-between">
                  <span className={cn("text-xs font-semibold", today ? "rounded bg-brand-600 px-1 text-white" : "text-slate-500")}>{format.dateTime(day, { weekday: "short", day: "numeric" })}</span>
                  {addLink(day)}
                </div>
                <ul className="space-y-1">
                  {itemsOf(day).map((p) => <li key={p.id}>{renderCard(p)}</li>)}
                </ul>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
