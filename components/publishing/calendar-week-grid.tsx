"use client";

import { TZDate } from "@date-fns/tz";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Plus } from "lucide-react";
import type { PublicationDto } from "@/lib/publishing/contracts";
import { cn } from "@/lib/utils";

/** Hours always shown (local, the display zone); earlier or later ones appear when a post is there. */
const FIRST_HOUR = 7;
const LAST_HOUR = 21;

/** The wall-clock hour of an instant in `tz`. */
const hourIn = (iso: string, tz: string) => new TZDate(new Date(iso).getTime(), tz).getHours();

/**
 * The week as hour slots: 7 day columns (Monday first), one row per local hour of the display time
 * zone, each post in the slot of its scheduled hour. Rows line up across the days through CSS subgrid
 * (a row is as tall as its fullest slot). Each slot's background is a link to the composer at that
 * hour; the slots are one stop in the Tab order (roving tabindex): the arrow keys move between hours
 * and days, Home/End to the first/last hour, Enter opens the composer. Drop a card on a slot to move
 * it to that day and hour (its minutes kept). Phones get the agenda list instead (calendar-view.tsx).
 */
export function CalendarWeekGrid(p: {
  days: TZDate[];
  tz: string;
  todayKey: string;
  dayKey: (d: Date | string) => string;
  itemsOf: (day: TZDate) => PublicationDto[];
  renderCard: (pub: PublicationDto) => ReactNode;
  composeHref: (day: TZDate, hour: number) => string | null;
  onDrop: (day: TZDate, hour: number, id: string) => void;
}) {
  const t = useTranslations("publishing.calendar");
  const format = useFormatter();
  const hintId = useId();
  const root = useRef<HTMLDivElement>(null);
  const byDay = p.days.map((day) => p.itemsOf(day));
  const itemHours = byDay.flat().map((x) => hourIn(x.scheduledAt, p.tz));
  const first = Math.min(FIRST_HOUR, ...itemHours);
  const last = Math.max(LAST_HOUR, ...itemHours);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const todayIndex = p.days.findIndex((d) => p.dayKey(d) === p.todayKey);
  const [active, setActive] = useState<{ d: number; h: number }>({ d: Math.max(0, todayIndex), h: Math.max(first, Math.min(last, 9)) });
  const at = (day: TZDate, hour: number) => new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hour, 0, 0, p.tz);
  const rows = hours.length + 1;

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const slot = (e.target as HTMLElement).closest<HTMLElement>("[data-slot]");
    if (!slot || e.altKey || e.ctrlKey || e.metaKey) return;
    const [d, h] = slot.dataset.slot!.split(":").map(Number) as [number, number];
    const next =
      e.key === "ArrowUp" ? { d, h: Math.max(first, h - 1) }
        : e.key === "ArrowDown" ? { d, h: Math.min(last, h + 1) }
          : e.key === "ArrowLeft" ? { d: Math.max(0, d - 1), h }
            : e.key === "ArrowRight" ? { d: Math.min(p.days.length - 1, d + 1), h }
              : e.key === "Home" ? { d, h: first }
                : e.key === "End" ? { d, h: last }
                  : null;
    if (!next) return;
    e.preventDefault();
    setActive(next);
    root.current?.querySelector<HTMLElement>(`[data-slot="${next.d}:${next.h}"]`)?.focus();
  }

  return (
    <div
      ref={root}
      className="grid gap-x-1"
      style={{ gridTemplateColumns: "3.25rem repeat(7, minmax(0, 1fr))", gridTemplateRows: `auto repeat(${hours.length}, minmax(2.75rem, auto))` }}
      onKeyDown={onKeyDown}
      data-testid="calendar-grid"
      data-days={p.days.length}
      data-view="week"
    >
      <p id={hintId} className="sr-only">{t("slotsHint")}</p>
      <div className="grid grid-rows-subgrid" style={{ gridRow: `span ${rows}` }} aria-hidden>
        <div />
        {hours.map((h) => (
          <div key={h} className="-translate-y-2 pr-1 text-right text-[11px] tabular-nums text-slate-500">{format.dateTime(at(p.days[0]!, h), { hour: "numeric", minute: "2-digit" })}</div>
        ))}
      </div>
      {p.days.map((day, d) => {
        const key = p.dayKey(day);
        const today = key === p.todayKey;
        const items = byDay[d]!;
        return (
          <div
            key={key}
            role="group"
            aria-label={format.dateTime(day, { dateStyle: "full" })}
            aria-current={today ? "date" : undefined}
            className="grid min-w-0 grid-rows-subgrid"
            style={{ gridRow: `span ${rows}` }}
            data-testid="calendar-day"
            data-day={key}
          >
            <div className={cn("mb-1 rounded-md px-1.5 py-1 text-center text-xs font-semibold", today ? "bg-brand-600 text-white" : "text-slate-600")}>
              {format.dateTime(day, { weekday: "short", day: "numeric" })}
            </div>
            {hours.map((h) => {
              const here = items.filter((x) => hourIn(x.scheduledAt, p.tz) === h);
              const href = p.composeHref(day, h);
              const isActive = active.d === d && active.h === h;
              return (
                <div
                  key={h}
                  className={cn("group relative min-w-0 border-t p-1", today ? "border-brand-100 bg-brand-50/60" : "border-slate-200 bg-white")}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => p.onDrop(day, h, e.dataTransfer.getData("text/plain"))}
                  data-testid="calendar-slot"
                  data-hour={h}
                >
                  {href ? (
                    <Link
                      href={href}
                      tabIndex={isActive ? 0 : -1}
                      onFocus={() => setActive({ d, h })}
                      data-slot={`${d}:${h}`}
                      aria-label={t("composeOn", { date: format.dateTime(at(day, h), { dateStyle: "full", timeStyle: "short" }) })}
                      aria-describedby={hintId}
                      className="absolute inset-0 flex items-start justify-end rounded-sm p-0.5 text-slate-400 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500"
                      data-testid="calendar-slot-compose"
                    >
                      <Plus className="h-3.5 w-3.5 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100" aria-hidden />
                    </Link>
                  ) : null}
                  {here.length > 0 ? (
                    <ul className="relative space-y-1 pr-3">
                      {here.map((x) => <li key={x.id}>{p.renderCard(x)}</li>)}
                    </ul>
                  ) : null}
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
