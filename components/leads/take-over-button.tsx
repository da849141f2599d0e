"use client";

import { useMutation } from "@tanstack/react-query";
import { Hand } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { stopLeadSequencesEndpoint } from "@/lib/leads/contracts";

/** A person takes the lead over: its sequences stop at once, nothing more goes out automatically. */
export function TakeOverButton({ org, leadId }: { org: string; leadId: string }) {
  const t = useTranslations("leads.detail.sequence");
  const router = useRouter();
  const run = useMutation({ mutationFn: () => callApi(stopLeadSequencesEndpoint, { params: { org, id: leadId } }), onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" onClick={() => run.mutate()} disabled={run.isPending || run.isSuccess} data-testid="take-over">
        <Hand className="h-4 w-4" aria-hidden /> {t("takeOver")}
      </Button>
      {run.error ? (
        <span className="text-xs text-red-600" role="alert">
          {run.error.message}
        </span>
      ) : null}
    </span>
  );
}
