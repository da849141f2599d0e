"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { runAgentNowEndpoint } from "@/lib/agents/contracts";

/** "Run now" on a scheduled agent: its workflow runs at once (durably, like a scheduled run); the runs list refreshes. */
export function RunNowButton({ org, agentId, disabled }: { org: string; agentId: string; disabled?: boolean }) {
  const t = useTranslations("agents.runNow");
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => callApi(runAgentNowEndpoint, { params: { org, id: agentId }, body: {} }),
    onSuccess: () => {
      // The run takes a moment: refresh the runs list now and once more shortly after.
      const refresh = () => qc.invalidateQueries({ queryKey: ["org", org, "agents", agentId] });
      void refresh();
      setTimeout(() => void refresh(), 3000);
    },
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button type="button" variant="secondary" onClick={() => run.mutate()} disabled={disabled || run.isPending} data-testid="agent-run-now">
        {run.isPending ? t("pending") : t("label")}
      </Button>
      {run.isSuccess ? (
        <span className="text-xs text-emerald-700" role="status" data-testid="agent-run-now-done">
          {t("done")}
        </span>
      ) : null}
      {run.error ? (
        <span className="text-xs text-red-600" role="alert">
          {run.error.message}
        </span>
      ) : null}
    </div>
  );
}
