"use client";

import { useMutation } from "@tanstack/react-query";
import { Trophy, Undo2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { markLeadWonEndpoint, undoConversionEndpoint } from "@/lib/leads/conversions/contracts";

const CURRENCIES = ["EUR", "XOF", "XAF", "USD", "GBP", "CHF", "CAD", "MAD"] as const;

/** "Mark won": a value and its currency, then a confirmation that says what will happen (stage, sequences, credits). */
export function MarkWonForm({ org, leadId, defaultCurrency }: { org: string; leadId: string; defaultCurrency: string }) {
  const t = useTranslations("leads.conversions.markWon");
  const tc = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [currency, setCurrency] = useState(defaultCurrency);
  const [confirming, setConfirming] = useState(false);
  const amount = Number(value.replace(/\s/g, "").replace(",", "."));
  const valid = value.trim() !== "" && Number.isFinite(amount) && amount >= 0;
  const run = useMutation({
    mutationFn: () => callApi(markLeadWonEndpoint, { params: { org, id: leadId }, body: { value: amount, currency, conversionType: "PURCHASE" } }),
    onSuccess: () => {
      setOpen(false);
      setConfirming(false);
      setValue("");
      router.refresh();
    },
  });
  const currencies = CURRENCIES.includes(defaultCurrency as (typeof CURRENCIES)[number]) ? CURRENCIES : [defaultCurrency, ...CURRENCIES];
  if (!open)
    return (
      <Button type="button" onClick={() => setOpen(true)} data-testid="mark-won">
        <Trophy className="h-4 w-4" aria-hidden /> {t("button")}
      </Button>
    );
  return (
    <form
      className="w-full space-y-3 rounded-lg border border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) setConfirming(true);
      }}
      data-testid="mark-won-form"
    >
      <div className="flex flex-wrap items-end gap-2">
        <label className="min-w-0 flex-1 space-y-1 text-sm font-medium text-slate-700">
          <span className="block">{t("value")}</span>
          <Input
            inputMode="decimal"
            value={value}
            onChange={(e) => (setValue(e.target.value), setConfirming(false))}
            placeholder="250000"
            aria-invalid={value !== "" && !valid}
            data-testid="mark-won-value"
            required
          />
        </label>
        <label className="w-28 space-y-1 text-sm font-medium text-slate-700">
          <span className="block">{t("currency")}</span>
          <Select value={currency} onChange={(e) => (setCurrency(e.target.value), setConfirming(false))} data-testid="mark-won-currency">
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {confirming ? (
        <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="alertdialog" aria-label={t("confirmTitle")}>
          <p>{t("confirm", { amount: format.number(amount, { style: "currency", currency }) })}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button type="button" onClick={() => run.mutate()} disabled={run.isPending} data-testid="mark-won-confirm">
              {t("confirmButton")}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {tc("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={!valid}>
            {t("next")}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
            {tc("cancel")}
          </Button>
        </div>
      )}
      {run.error ? (
        <p className="text-sm text-red-600" role="alert">
          {run.error.message}
        </p>
      ) : null}
    </form>
  );
}

/** Undo a manual conversion (marked won by mistake), after a confirmation. */
export function UndoConversionButton({ org, leadId, conversionId }: { org: string; leadId: string; conversionId: string }) {
  const t = useTranslations("leads.conversions.markWon");
  const tc = useTranslations("common");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const run = useMutation({
    mutationFn: () => callApi(undoConversionEndpoint, { params: { org, id: leadId, conversionId } }),
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <span className="text-xs text-slate-600">{t("undoConfirm")}</span>
          <Button type="button" variant="danger" onClick={() => run.mutate()} disabled={run.isPending} data-testid="undo-conversion-confirm">
            {t("undo")}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
            {tc("cancel")}
          </Button>
        </>
      ) : (
        <Button type="button" variant="ghost" onClick={() => setConfirming(true)} data-testid="undo-conversion">
          <Undo2 className="h-4 w-4" aria-hidden /> {t("undo")}
        </Button>
      )}
      {run.error ? (
        <span className="text-xs text-red-600" role="alert">
          {run.error.message}
        </span>
      ) : null}
    </span>
  );
}
