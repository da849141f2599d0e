"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { decideNurtureMessageEndpoint } from "@/lib/leads/contracts";

/** Approve or reject one AI-written nurture message, for the version on screen (its hash): a changed message answers 409. */
export function NurtureMessageDecision({ org, messageId, hash }: { org: string; messageId: string; hash: string }) {
  const t = useTranslations("leads.detail.sequence");
  const router = useRouter();
  const decide = useMutation({
    mutationFn: (decision: "APPROVE" | "REJECT") => callApi(decideNurtureMessageEndpoint, { params: { org, id: messageId }, body: { decision, hash } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button type="button" onClick={() => decide.mutate("APPROVE")} disabled={decide.isPending || decide.isSuccess} data-testid={`approve-message-${messageId}`}>
        <Check className="h-4 w-4" aria-hidden /> {t("approve")}
      </Button>
      <Button type="button" variant="secondary" onClick={() => decide.mutate("REJECT")} disabled={decide.isPending || decide.isSuccess} data-testid={`reject-message-${messageId}`}>
        <X className="h-4 w-4" aria-hidden /> {t("reject")}
      </Button>
      {decide.error ? (
        <span className="text-xs text-red-600" role="alert">
          {decide.error.message}
        </span>
      ) : null}
    </div>
  );
}
