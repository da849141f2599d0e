"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A value to paste elsewhere (webhook URL, secret) with a copy button; `hidden` shows dots until revealed. */
export function CopyField({ label, value, hidden = false, mask = "whsec_", testId }: { label: string; value: string; hidden?: boolean; mask?: string; testId?: string }) {
  const tc = useTranslations("common");
  const t = useTranslations("leads.conversions.settings");
  const [copied, setCopied] = useState(false);
  const [shown, setShown] = useState(!hidden);
  return (
    <div className="min-w-0 space-y-1.5">
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 break-all rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800"
          data-testid={testId}
        >
          {shown ? value : mask + "•".repeat(12)}
        </code>
        {hidden ? (
          <Button type="button" variant="ghost" onClick={() => setShown((v) => !v)} aria-pressed={shown}>
            {shown ? t("hide") : t("show")}
          </Button>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
          data-testid={testId ? `${testId}-copy` : undefined}
        >
          {copied ? <Check className="h-4 w-4" aria-hidden /> : <Copy className="h-4 w-4" aria-hidden />} {copied ? tc("copied") : tc("copy")}
        </Button>
      </div>
    </div>
  );
}
