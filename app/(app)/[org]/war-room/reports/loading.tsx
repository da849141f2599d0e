import { getTranslations } from "next-intl/server";

/** While a report (or the list) is read: a skeleton of the page. */
export default async function ReportsLoading() {
  const t = await getTranslations("common");
  return (
    <div className="space-y-4" aria-busy="true" data-testid="weekly-reports-loading">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full animate-pulse rounded bg-slate-100" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-24 animate-pulse rounded-xl border border-slate-200 bg-white" />
      ))}
    </div>
  );
}
