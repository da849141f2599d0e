"use client";

import { RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** "Renew" for a secret a sender holds: a warning to confirm first (the old secret stops working at once), then `onRenew`. */
export function RenewSecret({ label, warning, confirmLabel, onRenew, pending, error, testId }: {
  label: string;
  warning: string;
  confirmLabel: string;
  onRenew: () => Promise<unknown>;
  pending: boolean;
  error: string | null;
  testId: string;
}) {
  const tc = useTranslations("common");
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      {confirming ? (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3" role="alertdialog" aria-labelledby={`${testId}-warning`}>
          <p id={`${testId}-warning`} className="text-sm text-amber-900">
            {warning}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button type="button" variant="danger" onClick={() => void onRenew().then(() => setConfirming(false), () => undefined)} disabled={pending} data-testid={`${testId}-confirm`}>
              {confirmLabel}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {tc("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)} data-testid={testId}>
          <RefreshCw className="h-4 w-4" aria-hidden /> {label}
        </Button>
      )}
      {error ? (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
