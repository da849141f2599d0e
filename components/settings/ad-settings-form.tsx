"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { FormSaveBar } from "@/components/ui/form-save-bar";
import { Field, Input } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { updateAdSettingsEndpoint, type AdSettingsDto } from "@/lib/ads/contracts";
import { cn } from "@/lib/utils";

/** Amount typed by a person ("1 500,50", "1500.5") -> minor units; null when it is not an amount. */
function toMinor(text: string): number | null {
  const clean = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{0,2})?$/.test(clean)) return null;
  return Math.round(Number(clean) * 100);
}

/**
 * Settings → Advertising, for the owner: the two spend caps and MKT-206's auto-apply. Turning
 * auto-apply on asks for confirmation (the rules then pause, retarget and scale budgets by themselves,
 * always within the caps).
 */
export function AdSettingsForm({ slug, settings, canEdit }: { slug: string; settings: AdSettingsDto; canEdit: boolean }) {
  const t = useTranslations("settings.ads");
  const tc = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const major = (minor: number) => String(minor / 100);
  const [monthly, setMonthly] = useState(major(settings.monthlyCapMinor));
  const [campaign, setCampaign] = useState(major(settings.campaignCapMinor));
  const [autoApply, setAutoApply] = useState(settings.autoApply);
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const save = useMutation({
    mutationFn: (body: { monthlyCapMinor: number; campaignCapMinor: number; autoApply: boolean }) => callApi(updateAdSettingsEndpoint, { params: { org: slug }, body }),
    onSuccess: () => router.refresh(),
  });
  const err = (f: string) => (local?.field === f ? local.message : save.error?.field === f ? save.error.message : null);
  const money = (minor: number) => format.number(minor / 100, { style: "currency", currency: settings.currency });

  return (
    <form
      className="space-y-5"
      data-testid="ad-settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        const m = toMinor(monthly);
        const c = toMinor(campaign);
        if (m === null) return setLocal({ field: "monthlyCapMinor", message: t("notAnAmount") });
        if (c === null) return setLocal({ field: "campaignCapMinor", message: t("notAnAmount") });
        if (autoApply && !settings.autoApply && !window.confirm(t("confirmAutoApply"))) return;
        setLocal(null);
        save.mutate({ monthlyCapMinor: m, campaignCapMinor: c, autoApply });
      }}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label={t("monthlyCap", { currency: settings.currency })} htmlFor="ad-monthly-cap" error={err("monthlyCapMinor")} hint={t("monthlyCapHint")}>
          <Input id="ad-monthly-cap" inputMode="decimal" value={monthly} onChange={(e) => setMonthly(e.target.value)} disabled={!canEdit} aria-invalid={Boolean(err("monthlyCapMinor"))} data-testid="ad-monthly-cap" />
        </Field>
        <Field label={t("campaignCap", { currency: settings.currency })} htmlFor="ad-campaign-cap" error={err("campaignCapMinor")} hint={t("campaignCapHint")}>
          <Input id="ad-campaign-cap" inputMode="decimal" value={campaign} onChange={(e) => setCampaign(e.target.value)} disabled={!canEdit} aria-invalid={Boolean(err("campaignCapMinor"))} data-testid="ad-campaign-cap" />
        </Field>
      </div>
      <label className={cn("flex items-start gap-3 text-sm", canEdit ? "cursor-pointer" : "cursor-not-allowed text-slate-500")}>
        <input type="checkbox" className="mt-0.5 h-4 w-4" checked={autoApply} disabled={!canEdit} onChange={(e) => setAutoApply(e.target.checked)} data-testid="ad-auto-apply" aria-describedby="ad-auto-apply-hint" />
        <span>
          <span className="font-medium text-slate-900">{t("autoApply")}</span>
          <span id="ad-auto-apply-hint" className="mt-0.5 block text-slate-500">
            {t(autoApply ? "autoApplyOnHint" : "autoApplyOffHint")}
          </span>
        </span>
      </label>
      {canEdit ? (
        <FormSaveBar
          label={tc("save")}
          pending={save.isPending}
          testId="save-ad-settings"
          saved={save.isSuccess ? t("saved", { monthly: money(save.data.settings.monthlyCapMinor), campaign: money(save.data.settings.campaignCapMinor) }) : null}
          error={save.error && !save.error.field ? save.error.message : null}
        />
      ) : (
        <p className="text-sm text-slate-500">{t("ownerOnly")}</p>
      )}
    </form>
  );
}
