"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { signOutEverywhereEndpoint } from "@/lib/auth/contracts";

/** "Sign out everywhere": ends every session of the person (this one too), then back to the sign-in page. */
export function SignOutEverywhere() {
  const t = useTranslations("settings.account");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const run = useMutation({
    mutationFn: () => callApi(signOutEverywhereEndpoint, {}),
    onSuccess: () => {
      router.replace("/sign-in");
      router.refresh();
    },
  });
  return (
    <div className="space-y-3" data-testid="sign-out-everywhere">
      <p className="text-sm text-slate-600">{t("signOutEverywhereHelp")}</p>
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" onClick={() => run.mutate()} disabled={run.isPending} data-testid="confirm-sign-out-everywhere">
            {t("confirm")}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)} disabled={run.isPending}>
            {t("cancel")}
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {t("signOutEverywhere")}
        </Button>
      )}
      {run.isError ? (
        <p className="text-sm text-red-600" role="alert">
          {t("failed")}
        </p>
      ) : null}
    </div>
  );
}
