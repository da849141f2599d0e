"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { pickBookingSlotEndpoint } from "@/lib/leads/booking/contracts";
import type { SlotDto } from "@/lib/leads/booking/schemas";

/** The lead's booking page: the 3 best slots, more on demand, in the lead's time zone; one click books. */
export function BookingPicker({ token, timeZone, best, more }: { token: string; timeZone: string; best: SlotDto[]; more: SlotDto[] }) {
  const t = useTranslations("leads.booking.page");
  const format = useFormatter();
  const router = useRouter();
  const [chosen, setChosen] = useState<string | null>(null);
  const [showMore, setShowMore] = useState(false);
  const pick = useMutation({
    mutationFn: (startAt: string) => callApi(pickBookingSlotEndpoint, { body: { token, startAt } }),
    onSuccess: () => router.refresh(),
    onError: () => router.refresh(),
  });
  const day = (iso: string) => format.dateTime(new Date(iso), { weekday: "long", day: "numeric", month: "long", timeZone });
  const time = (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", timeZone });
  /** What every slot button shares: choosing it, and looking chosen. */
  const choice = (s: SlotDto) => ({
    type: "button" as const,
    "data-testid": "booking-slot",
    "aria-pressed": chosen === s.startAt,
    onClick: () => setChosen(s.startAt),
    tone: chosen === s.startAt ? "border-brand-600 bg-brand-50 ring-2 ring-brand-500/30" : "border-slate-200 bg-white hover:border-slate-400",
  });
  const slot = (s: SlotDto) => {
    const { tone, ...props } = choice(s);
    return (
      <li key={s.startAt}>
        <button {...props} className={`flex w-full items-center justify-between gap-3 rounded-lg border px-4 py-3 text-left text-sm transition-colors ${tone}`}>
          <span className="font-medium text-slate-900 first-letter:uppercase">{day(s.startAt)}</span>
          <span className="shrink-0 tabular-nums font-semibold text-slate-900">
            {time(s.startAt)} – {time(s.endAt)}
          </span>
        </button>
      </li>
    );
  };
  if (best.length === 0 && more.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="space-y-5">
      <section>
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">{t("best")}</h2>
        <ul className="space-y-2">{best.map((s) => slot(s))}</ul>
      </section>
      {more.length ? (
        showMore ? (
          <section>
            <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">{t("more")}</h2>
            <div className="space-y-3">
              {[...new Set(more.map((s) => day(s.startAt)))].map((d) => (
                <div key={d}>
                  <p className="mb-1.5 text-sm text-slate-700 first-letter:uppercase">{d}</p>
                  <ul className="flex flex-wrap gap-2">
                    {more
                      .filter((s) => day(s.startAt) === d)
                      .map((s) => {
                        const { tone, ...props } = choice(s);
                        return (
                          <li key={s.startAt}>
                            <button {...props} className={`rounded-md border px-3 py-2 text-sm font-medium tabular-nums ${tone}`}>
                              {time(s.startAt)}
                            </button>
                          </li>
                        );
                      })}
                  </ul>
                </div>
              ))}
            </div>
          </section>
        ) : (
          <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={() => setShowMore(true)} data-testid="booking-more">
            {t("more")} ({more.length})
          </button>
        )
      ) : null}
      <p className="text-xs text-slate-500">{t("timeZone", { tz: timeZone })}</p>
      {pick.error ? (
        <p role="alert" className="text-sm text-red-700">
          {pick.error.message || t("error")}
        </p>
      ) : null}
      <Button
        type="button"
        className="w-full sm:w-auto"
        disabled={!chosen || pick.isPending}
        onClick={() => chosen && pick.mutate(chosen)}
        data-testid="booking-confirm"
      >
        {pick.isPending ? t("picking") : t("pick")}
      </Button>
    </div>
  );
}
