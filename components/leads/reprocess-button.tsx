"use client";

import { useMutation } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { reprocessLeadReplyEndpoint, reprocessLeadSubmissionEndpoint } from "@/lib/leads/contracts";

/** Processes a failed (or never processed) submission or reply again; the page refreshes (the live stream refreshes it again once processed). */
export function ReprocessButton({ org, submissionId, replyId }: { org: string; submissionId?: string; replyId?: string }) {
  const t = useTranslations("leads.failed");
  const router = useRouter();
  const run = useMutation({
    mutationFn: async (): Promise<void> => {
      if (replyId) await callApi(reprocessLeadReplyEndpoint, { params: { org, id: replyId } });
      else await callApi(reprocessLeadSubmissionEndpoint, { params: { org, id: submissionId ?? "" } });
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={() => run.mutate()} disabled={run.isPending || run.isSuccess} data-testid={`reprocess-${replyId ?? submissionId}`}>
        <RotateCcw className="h-4 w-4" aria-hidden /> {t("reprocess")}
      </Button>
      {run.isSuccess ? <span className="text-xs text-emerald-700">{t("reprocessed")}</span> : null}
      {run.error ? <span className="text-xs text-red-600">{run.error.message}</span> : null}
    </span>
  );
}
