"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { addDays, addMonths, addWeeks, endOfMonth, endOfWeek, format as fmt, isSameDay, startOfMonth, startOfWeek } from "date-fns";
import { CalendarDays } from "lucide-react";
import { PlatformBadge } from "@/components/domain/badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFetch } from "@/lib/api-client";
import type { PublicationDto } from "@/lib/publishing/dto";
import { publishingKeys } from "./query-keys";
import { PublicationStatusBadge } from "./status-badge";

type View = "week" | "month";
const toLocalInput = (iso: string) => fmt(new Date(iso), "yyyy-MM-dd'T'HH:mm");

/** Week / month calendar: drag a card onto a day (keeps its time), or type a new date; undo after a move. */
export function CalendarView({ org }: { org: string }) {
  const t = useTranslations("publishing.calendar");
  const format = useFormatter();
  const qc = useQueryClient();
  const [view, setView] = useState<View>("week");
  const [anchor, setAnchor] = useState(() => new Date());
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);
  const range = useMemo(() => {
    const from = view === "week" ? startOfWeek(anchor, { weekStartsOn: 1 }) : startOfWeek(startOfMonth(anchor), { weekStartsOn: 1 });
    const to = view === "week" ? addDays(endOfWeek(anchor, { weekStartsOn: 1 }), 1) : addDays(endOfWeek(endOfMonth(anchor), { weekStartsOn: 1 }), 1);
    const days: Date[] = [];
    for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
    return { from: from.toISOString(), to: new Date(to.setHours(0, 0, 0, 0)).toISOString(), days };
  }, [view, anchor]);
  const q = useQuery({
    queryKey: publishingKeys.calendar(org, range.from, range.to),
    queryFn: () => apiFetch<{ publications: PublicationDto[] }>(`/api/orgs/${org}/publications?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`),
  });
  const move = useMutation({
    mutationFn: (v: { id: string; scheduledAt: string }) => apiFetch(`/api/orgs/${org}/publications/${v.id}`, { method: "PATCH", json: { scheduledAt: v.scheduledAt } }),
    onSettled: () => qc.invalidateQueries({ queryKey: publishingKeys.all(org) }),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/orgs/${org}/publications/${id}/cancel`, { method: "POST", json: {} }),
    onSuccess: () => setNotice({ text: t("cancelled") }),
    onSettled: () => qc.invalidateQueries({ queryKey: publishingKeys.all(org) }),
  });

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
  function dropOn(day: Date, id: string) {
    const p = q.data?.publications.find((x) => x.id === id);
    if (!p) return;
    const old = new Date(p.scheduledAt);
    const to = new Date(day);
    to.setHours(old.getHours(), old.getMinutes(), 0, 0);
    if (!isSameDay(old, to)) reschedule(p, to);
  }
  const step = (n: number) => setAnchor((a) => (view === "week" ? addWeeks(a, n) : addMonths(a, n)));

  return (
    <div className="space-y-3" data-testid="publishing-calendar">
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" className="flex gap-1">
          <Button variant={view === "week" ? "primary" : "secondary"} aria-pressed={view === "week"} onClick={() => setView("week")}>{t("week")}</Button>
          <Button variant={view === "month" ? "primary" : "secondary"} aria-pressed={view === "month"} onClick={() => setView("month")}>{t("month")}</Button>
        </div>
        <Button variant="secondary" onClick={() => step(-1)}>{t("previous")}</Button>
        <Button variant="secondary" onClick={() => setAnchor(new Date())}>{t("today")}</Button>
        <Button variant="secondary" onClick={() => step(1)}>{t("next")}</Button>
        <span className="text-sm text-slate-600">{format.dateTime(new Date(range.from), { dateStyle: "medium" })} – {format.dateTime(addDays(new Date(range.to), -1), { dateStyle: "medium" })}</span>
      </div>
      {notice ? (
        <div role="status" className="flex items-center gap-3 rounded-md bg-slate-100 px-3 py-2 text-sm">
          {notice.text}
          {notice.undo ? <Button variant="secondary" onClick={notice.undo}>{t("undo")}</Button> : null}
        </div>
      ) : null}
      {q.isPending ? <p role="status" className="text-sm text-slate-500">{t("loading")}</p> : null}
      {q.isError ? (
        <div role="alert" className="text-sm text-red-700">{t("error")} <Button variant="secondary" onClick={() => q.refetch()}>{t("retry")}</Button></div>
      ) : null}
      {q.data && q.data.publications.length === 0 ? <EmptyState icon={<CalendarDays className="h-6 w-6" />} title={t("empty")} description={t("description")} /> : null}
      {q.data ? (
        <div className="grid grid-cols-7 gap-2">
          {range.days.map((day) => {
            const items = q.data.publications.filter((p) => isSameDay(new Date(p.scheduledAt), day));
            return (
              <div key={day.toISOString()} onDragOver={(e) => e.preventDefault()} onDrop={(e) => dropOn(day, e.dataTransfer.getData("text/plain"))} className="min-h-28 rounded-md border border-slate-200 bg-white p-1.5" aria-label={format.dateTime(day, { dateStyle: "full" })}>
                <div className="mb-1 text-xs font-semibold text-slate-500">{format.dateTime(day, { weekday: "short", day: "numeric" })}</div>
                <ul className="space-y-1">
                  {items.map((p) => (
                    <li key={p.id}>
                      <Card draggable={p.status === "SCHEDULED"} onDragStart={(e) => e.dataTransfer.setData("text/plain", p.id)} className="space-y-1 p-1.5 text-xs">
                        <div className="flex flex-wrap items-center gap-1">
                          <PlatformBadge platform={p.platform} sandbox={p.account.isSandbox} />
                          <PublicationStatusBadge status={p.status} />
                          {p.recurring ? <span className="text-slate-500">{t("recurring")}</span> : null}
                        </div>
                        <div className="text-slate-500">{format.dateTime(new Date(p.scheduledAt), { timeStyle: "short" })}</div>
                        <div className="line-clamp-2 text-slate-800">{p.piece.title ?? p.piece.excerpt}</div>
                        {p.status === "SCHEDULED" ? (
                          <form className="flex flex-wrap items-center gap-1" onSubmit={(e) => { e.preventDefault(); const v = new FormData(e.currentTarget).get("at"); if (typeof v === "string" && v) reschedule(p, new Date(v)); }}>
                            <label className="sr-only" htmlFor={`at-${p.id}`}>{t("reschedule")}</label>
                            <input id={`at-${p.id}`} name="at" type="datetime-local" defaultValue={toLocalInput(p.scheduledAt)} className="w-full rounded border border-slate-300 px-1 py-0.5" />
                            <Button type="submit" variant="secondary">{t("move")}</Button>
                            <Button type="button" variant="secondary" disabled={move.isPending} onClick={() => publishNow(p)}>{t("publishNow")}</Button>
                            <Button type="button" variant="secondary" onClick={() => { if (window.confirm(t("confirmCancel"))) cancel.mutate(p.id); }}>{t("cancel")}</Button>
                          </form>
                        ) : null}
                      </Card>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
