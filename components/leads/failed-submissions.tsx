import { getFormatter, getTranslations } from "next-intl/server";
import { JsonBlock } from "@/components/runtime/json-block";
import { Card } from "@/components/ui/card";
import type { LeadSubmissionDto } from "@/lib/leads/contracts";
import { ReprocessButton } from "./reprocess-button";

/** Submissions whose processing failed for good: the error, the payload as received, and "Re-process". */
export async function FailedSubmissions({ org, total, submissions, canReprocess }: { org: string; total: number; submissions: LeadSubmissionDto[]; canReprocess: boolean }) {
  const [t, td, format] = await Promise.all([getTranslations("leads.failed"), getTranslations("domain"), getFormatter()]);
  return (
    <Card className="border-red-200 p-5" data-testid="failed-submissions">
      <h2 className="text-sm font-semibold text-red-800">{t("title", { count: total })}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("description")}</p>
      <ul className="mt-4 divide-y divide-slate-100">
        {submissions.map((s) => (
          <li key={s.id} className="space-y-2 py-3" data-testid="failed-submission">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-medium">
                {td(`leadSource.${s.sourceType}`)}
                {s.sourceDetail ? <span className="text-slate-500"> · {s.sourceDetail}</span> : null}
                <span className="ml-2 text-xs font-normal text-slate-500">
                  {format.relativeTime(new Date(s.receivedAt))} · {t("attempts", { count: s.attempts })}
                </span>
              </p>
              {canReprocess ? <ReprocessButton org={org} submissionId={s.id} /> : null}
            </div>
            <p className="break-words text-sm text-red-700">
              <span className="font-medium">{t("error")}</span> {s.errorMessage ?? "—"}
            </p>
            <details>
              <summary className="cursor-pointer text-xs text-slate-500">{t("payload")}</summary>
              <JsonBlock value={s.payload} />
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}
