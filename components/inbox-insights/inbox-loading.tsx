import { getTranslations } from "next-intl/server";

/** While an inbox sub-page is read: a skeleton (cards, then a chart). */
export async function InboxLoading({ testId }: { testId: string }) {
  const t = await getTranslations("common");
  return (
    <div className="space-y-4" aria-busy="true" data-testid={testId}>
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-20 animate-pulse rounded-xl border border-slate-200 bg-white" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-xl border border-slate-200 bg-white" />
    </div>
  );
}
