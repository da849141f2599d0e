import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { LeadBookingDto } from "@/lib/leads/booking/get-lead-bookings";

const STATUS_TONE: Record<LeadBookingDto["status"], string> = {
  PROPOSED: "bg-amber-100 text-amber-800",
  CONFIRMED: "bg-emerald-100 text-emerald-800",
  RESCHEDULED: "bg-sky-100 text-sky-800",
  CANCELLED: "bg-slate-200 text-slate-700",
  COMPLETED: "bg-slate-100 text-slate-700",
  NO_SHOW: "bg-red-100 text-red-800",
};

/** The lead page's calls (MKT-305): upcoming then past, status, reschedule and cancel details, the salesperson's briefing. */
export async function BookingsCard({ bookings }: { bookings: LeadBookingDto[] }) {
  const [t, format] = await Promise.all([getTranslations("leads.booking.card"), getFormatter()]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "full", timeStyle: "short" });
  const upcoming = bookings.filter((b) => b.upcoming);
  const past = bookings.filter((b) => !b.upcoming);
  const item = (b: LeadBookingDto) => (
    <li key={b.id} className="space-y-3 rounded-lg border border-slate-200 p-3" data-testid={`booking-${b.id}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONE[b.status]}`} data-testid="booking-status">
          {t(`status.${b.status}`)}
        </span>
        {b.startAt && b.status !== "PROPOSED" ? <span className="text-sm font-medium text-slate-900">{t("at", { when: when(b.startAt) })}</span> : null}
        <span className="text-xs text-slate-500">
          {t(`provider.${b.provider}`)} · {t(`reason.${b.reason === "ready_to_buy" || b.reason === "calcom" ? b.reason : "hot"}`)}
          {b.assignedTo ? <> · <span data-user-content>{t("with", { name: b.assignedTo })}</span></> : null}
        </span>
      </div>
      {b.previousStartAt && b.status === "RESCHEDULED" ? <p className="text-sm text-slate-600">{t("rescheduledFrom", { when: when(b.previousStartAt) })}</p> : null}
      {b.status === "CANCELLED" ? <p className="text-sm text-slate-600">{b.cancelReason ? <>{t("cancelledReason", { reason: "" })}<span data-user-content>{b.cancelReason}</span></> : t("cancelledNoReason")}</p> : null}
      {b.meetingUrl && b.status !== "CANCELLED" ? (
        <p className="text-sm">
          <a href={b.meetingUrl} className="break-all text-brand-700 hover:underline" rel="noopener noreferrer" target="_blank">
            {t("meeting")}
          </a>
        </p>
      ) : null}
      {b.status === "PROPOSED" ? (
        <div className="space-y-2">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("slots")}</p>
          <ul className="space-y-1 text-sm text-slate-700">
            {b.slots.map((s) => (
              <li key={s.startAt}>
                {when(s.startAt)} <span className="text-xs text-slate-500">({format.dateTime(new Date(s.startAt), { timeStyle: "short", timeZone: b.leadTimezone })} {b.leadTimezone})</span>
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">{b.invitedAt ? t("invited", { when: when(b.invitedAt) }) : t("notInvited")}</p>
          {b.link ? (
            <div className="flex min-w-0 items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-600">{b.link}</code>
              <CopyButton value={b.link} testId="booking-link-copy" />
            </div>
          ) : null}
        </div>
      ) : null}
      {b.status !== "CANCELLED" ? (
        <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="booking-briefing">
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("briefing")}</p>
          {b.briefing ? (
            <div className="space-y-2" data-user-content>
              <p>{b.briefing.summary}</p>
              <ul className="list-disc space-y-1 pl-5 text-slate-700">
                {b.briefing.points.map((p, i) => (
                  <li key={i} className="break-words">
                    {p}
                  </li>
                ))}
              </ul>
              {b.briefing.nextStep ? <p className="font-medium">{t("nextStep", { step: b.briefing.nextStep })}</p> : null}
            </div>
          ) : (
            <p className="text-slate-500">{t("noBriefing")}</p>
          )}
        </div>
      ) : null}
    </li>
  );
  return (
    <Card data-testid="lead-bookings">
      <CardHeader title={t("title")} />
      <CardBody className="space-y-4">
        {bookings.length === 0 ? <p className="text-sm text-slate-500">{t("none")}</p> : null}
        {[
          { key: "upcoming" as const, list: upcoming },
          { key: "past" as const, list: past },
        ].map((group) =>
          group.list.length ? (
            <section key={group.key} className="space-y-2">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t(group.key)}</h3>
              <ul className="space-y-3">{group.list.map(item)}</ul>
            </section>
          ) : null,
        )}
      </CardBody>
    </Card>
  );
}
