"use client";

import { useMutation } from "@tanstack/react-query";
import { Megaphone } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { requestProposalEndpoint } from "@/lib/ads/contracts";
import { callApi } from "@/lib/api/client";
import { Button } from "@/components/ui/button";

/**
 * "Amplifier" on published content: asks MKT-202 for an ad campaign proposal. Nothing is spent here:
 * the proposal lands in the approval queue as an ad card, and only a person's approval there launches it.
 */
export function AmplifyButton({ org, contentPieceId }: { org: string; contentPieceId: string }) {
  const t = useTranslations("pages.campaigns.amplify");
  const request = useMutation({ mutationFn: () => callApi(requestProposalEndpoint, { params: { org }, body: { contentPieceId } }) });
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="amplify">
      <Button type="button" data-testid="amplify-button" disabled={request.isPending || request.isSuccess} onClick={() => request.mutate()}>
        <Megaphone className="h-4 w-4" aria-hidden /> {t("button")}
      </Button>
      {request.isSuccess ? (
        <p role="status" className="text-sm text-slate-700">
          {t("requested")}{" "}
          <Link href={`/${org}/approvals?entityType=AD_CAMPAIGN`} className="font-medium text-brand-700 underline" data-testid="amplify-open-queue">
            {t("openQueue")}
          </Link>
        </p>
      ) : (
        <p className="text-xs text-slate-500">{t("hint")}</p>
      )}
      {request.error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {request.error.message}
        </p>
      ) : null}
    </div>
  );
}
