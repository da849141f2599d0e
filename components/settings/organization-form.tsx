"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { updateOrganizationEndpoint } from "@/lib/orgs/contracts";
import type { UpdateOrganizationInput } from "@/lib/orgs/schemas";

type Org = { name: string; locale: string; timezone: string; currency: string };
const ZONES = ["Europe/Paris", "Africa/Dakar", "Africa/Abidjan", "Africa/Douala", "Africa/Casablanca", "Africa/Lagos", "Europe/Brussels", "America/Montreal", "UTC"];
const CURRENCIES = ["EUR", "XOF", "XAF", "MAD", "USD", "CAD", "CHF", "GBP"];

export function OrganizationForm({ org, slug }: { org: Org; slug: string }) {
  const t = useTranslations("settings.general");
  const tc = useTranslations("common");
  const router = useRouter();
  const [form, setForm] = useState(org);
  // The selects offer only the schema's values (the server checks them again).
  const save = useMutation({
    mutationFn: (values: Org) => callApi(updateOrganizationEndpoint, { params: { org: slug }, body: values as UpdateOrganizationInput }),
    onSuccess: () => router.refresh(),
  });
  const set = (k: keyof Org) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const err = (f: string) => (save.error?.field === f ? save.error.message : null);
  return (
    <form
      className="space-y-4"
      data-testid="organization-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form);
      }}
    >
      <Field label={t("name")} htmlFor="org-name" error={err("name")}>
        <Input id="org-name" value={form.name} onChange={set("name")} required />
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field label={t("language")} htmlFor="org-locale">
          <Select id="org-locale" value={form.locale} onChange={set("locale")}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </Select>
        </Field>
        <Field label={t("timezone")} htmlFor="org-tz" error={err("timezone")}>
          <Select id="org-tz" value={form.timezone} onChange={set("timezone")}>
            {[...new Set([form.timezone, ...ZONES])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("currency")} htmlFor="org-currency">
          <Select id="org-currency" value={form.currency} onChange={set("currency")}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending} data-testid="save-organization">
          {tc("save")}
        </Button>
        {save.isSuccess ? <span className="text-sm text-emerald-700">{t("saved")}</span> : null}
        {save.error && !save.error.field ? <span className="text-sm text-red-600">{save.error.message}</span> : null}
      </div>
    </form>
  );
}
