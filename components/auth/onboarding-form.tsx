"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { createOrganizationAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/input";

export function OnboardingForm() {
  const t = useTranslations("auth");
  const locale = useLocale();
  const [state, action, pending] = useActionState(createOrganizationAction, undefined);
  const fe = state?.fieldErrors ?? {};
  return (
    <Card>
      <CardBody className="space-y-5 p-6 sm:p-8">
        <div>
          <h1 className="text-xl font-semibold">{t("onboardingTitle")}</h1>
          <p className="mt-1 text-sm text-slate-500">{t("onboardingSubtitle")}</p>
        </div>
        <form action={action} className="space-y-4" data-testid="onboarding-form">
          <Field label={t("orgName")} htmlFor="org-name" error={fe.name ?? null}>
            <Input id="org-name" name="name" required placeholder="Atelier Dakar" aria-invalid={Boolean(fe.name)} />
          </Field>
          <Field label={t("orgSlug")} htmlFor="org-slug" error={fe.slug ?? null} hint={t("orgSlugHint")}>
            <Input id="org-slug" name="slug" placeholder="atelier-dakar" aria-invalid={Boolean(fe.slug)} />
          </Field>
          <Field label={t("orgLanguage")} htmlFor="org-locale">
            <Select id="org-locale" name="locale" defaultValue={locale}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </Select>
          </Field>
          <Button type="submit" className="w-full" disabled={pending} data-testid="create-org-submit">
            {t("createOrg")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
