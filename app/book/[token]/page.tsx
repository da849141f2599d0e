import { getFormatter, getTranslations } from "next-intl/server";
import { BookingPicker } from "@/components/leads/booking-picker";
import { getBookingPage } from "@/lib/leads/booking/get-booking-page";

export async function generateMetadata() {
  return { title: (await getTranslations("leads.booking.page"))("title"), robots: { index: false, follow: false } };
}

/**
 * The lead's booking link (no sign-in; French or English by the browser's Accept-Language): the 3 best
 * slots and more, in the lead's time zone; picking one books the call (POST /api/book).
 */
export default async function BookPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const [t, format, view] = await Promise.all([getTranslations("leads.booking.page"), getFormatter(), getBookingPage({ token })]);
  return (
    <main className="mx-auto max-w-lg px-4 py-10 sm:py-16" data-testid="page-book">
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      {view.state === "invalid" ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {t("invalid")}
        </p>
      ) : view.state === "cancelled" ? (
        <p role="alert" className="mt-4 text-sm text-amber-800">
          {t("cancelled")}
        </p>
      ) : view.state === "booked" ? (
        <div className="mt-6 rounded-lg border border-emerald-200 bg-emerald-50 p-4" role="status" data-testid="booking-confirmed">
          <p className="font-medium text-emerald-900">{t("confirmedTitle")}</p>
          <p className="mt-1 text-sm text-emerald-800">
            {t("confirmedBody", { when: `${format.dateTime(new Date(view.startAt), { dateStyle: "full", timeStyle: "short", timeZone: view.timeZone })} (${view.timeZone})` })}
          </p>
        </div>
      ) : (
        <div className="mt-2 space-y-6">
          <p className="text-sm text-slate-600">{t("intro", { org: view.org })}</p>
          <BookingPicker token={token} timeZone={view.timeZone} best={view.best} more={view.more} />
        </div>
      )}
    </main>
  );
}
