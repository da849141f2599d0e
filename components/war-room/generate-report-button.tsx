"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { generateWeeklyReportEndpoint } from "@/lib/analytics/weekly/contracts";

/** "Generate now" (owners): MKT-403 runs through its event; the list is read again a few seconds later. */
export function GenerateReportButton({ org }: { org: string }) {
  const t = useTranslations("weeklyReports");
  const router = useRouter();
  const generate = useMutation({
    mutationFn: () => callApi(generateWeeklyReportEndpoint, { params: { org }, body: {} }),
    onSuccess: () => {
      for (const ms of [3000, 8000, 15000]) setTimeout(() => router.refresh(), ms);
    },
  });
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <Button onClick={() => generate.mutate()} disabled={generate.isPending} title={t("generateHint")} data-testid="weekly-report-generate">
        {t("generate")}
      </Button>
      {generate.data ? (
        <p className="max-w-xs text-xs text-emerald-700" role="status" data-testid="weekly-report-requested">
          {t("requested", { week: generate.data.isoWeek })}
        </p>
      ) : null}
      {generate.error ? (
        <p className="max-w-xs text-xs text-red-700" role="alert">
          {generate.error.message}
        </p>
      ) : null}
    </div>
  );
}
