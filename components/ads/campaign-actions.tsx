"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { retryLaunchEndpoint } from "@/lib/ads/contracts";
import { callApi } from "@/lib/api/client";
import { decideApprovalEndpoint } from "@/lib/approvals/contracts";
import { Button } from "@/components/ui/button";

/** Approve / reject the pending spend request of this exact revision, or retry a failed launch. */
export function CampaignActions({ org, campaignId, pendingRequestId, canRetry }: { org: string; campaignId: string; pendingRequestId: string | null; canRetry: boolean }) {
  const t = useTranslations("pages.campaigns");
  const router = useRouter();
  const decide = useMutation({
    mutationFn: (decision: "APPROVE" | "REJECT") => callApi(decideApprovalEndpoint, { params: { org, id: pendingRequestId! }, body: { decision } }),
    onSuccess: () => router.refresh(),
  });
  const retry = useMutation({ mutationFn: () => callApi(retryLaunchEndpoint, { params: { org, id: campaignId }, body: {} }), onSuccess: () => router.refresh() });
  const error = decide.error ?? retry.error;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {pendingRequestId && (
        <>
          <Button data-testid="campaign-approve" disabled={decide.isPending} onClick={() => decide.mutate("APPROVE")}>
            {t("approve")}
          </Button>
          <Button variant="secondary" data-testid="campaign-reject" disabled={decide.isPending} onClick={() => decide.mutate("REJECT")}>
            {t("reject")}
          </Button>
        </>
      )}
      {canRetry && (
        <Button data-testid="campaign-retry" disabled={retry.isPending} onClick={() => retry.mutate()}>
          {t("retryLaunch")}
        </Button>
      )}
      {error && (
        <p role="alert" className="w-full text-sm text-red-600">
          {error.message}
        </p>
      )}
    </div>
  );
}
