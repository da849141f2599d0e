"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/connections/confirm-dialog";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { retryDeadLetterEndpoint } from "@/lib/warroom/contracts";

/** "Retry" on a dead letter: asks first (the consumer will run again), then sends the event again. */
export function RetryDeadLetter({ org, id, channel, disabled }: { org: string; id: string; channel: string; disabled?: boolean }) {
  const t = useTranslations("deadLetters");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const retry = useMutation({
    mutationFn: () => callApi(retryDeadLetterEndpoint, { params: { org, id } }),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const cancel = useCallback(() => setConfirming(false), []);
  return (
    <>
      <Button variant="secondary" disabled={disabled || retry.isPending} onClick={() => setConfirming(true)} data-testid="dead-letter-retry">
        {t("retry")}
      </Button>
      {confirming ? (
        <ConfirmDialog
          title={t("confirmTitle")}
          body={t("confirmBody", { channel })}
          confirmLabel={t("confirm")}
          cancelLabel={t("cancel")}
          pending={retry.isPending}
          error={retry.error?.message ?? null}
          onConfirm={() => retry.mutate()}
          onCancel={cancel}
        />
      ) : null}
    </>
  );
}
