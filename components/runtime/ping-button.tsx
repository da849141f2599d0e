"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Activity } from "lucide-react";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { pingEndpoint } from "@/lib/workflows/contracts";
import { runtimeKeys } from "./query-keys";

/** Sends a ping through the workflow engine; the new run shows up in the list below. */
export function PingButton({ org }: { org: string }) {
  const t = useTranslations("runtime.runs");
  const qc = useQueryClient();
  const ping = useMutation({
    mutationFn: () => callApi(pingEndpoint, { params: { org }, body: {} }),
    onSuccess: () => setTimeout(() => void qc.invalidateQueries({ queryKey: runtimeKeys.runs(org) }), 1500),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={() => ping.mutate()} disabled={ping.isPending} data-testid="ping-engine">
        <Activity className="h-4 w-4" aria-hidden /> {t("ping")}
      </Button>
      {ping.isSuccess ? <span className="text-xs text-emerald-700">{t("pingSent")}</span> : null}
      {ping.error ? <span className="text-xs text-red-600">{ping.error.message}</span> : null}
    </span>
  );
}
