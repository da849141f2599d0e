"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { retryPublicationEndpoint } from "@/lib/publishing/contracts";

/**
 * "Réessayer" on a FAILED publication outside the queue (the content detail page): MKT-107 publishes
 * it again now, then the server page is read again (its status leaves FAILED). The queue has its own
 * button inside its list (queue-view.tsx), with the same endpoint and catalogue keys.
 */
export function RetryPublicationButton({ org, publicationId }: { org: string; publicationId: string }) {
  const t = useTranslations("publishing.queue");
  const router = useRouter();
  const retry = useMutation({
    mutationFn: () => callApi(retryPublicationEndpoint, { params: { org, id: publicationId }, body: {} }),
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" className="px-2.5 py-1 text-xs" data-testid="retry-publication" disabled={retry.isPending || retry.isSuccess} onClick={() => retry.mutate()}>
        {retry.isPending ? t("retrying") : t("retryPublication")}
      </Button>
      {retry.isError ? <span role="alert" className="text-xs text-red-700">{t("retryFailed", { message: retry.error.message })}</span> : null}
    </span>
  );
}
