"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";

export function SignUpForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(signUpAction, undefined);
  const fe = state?.fieldErrors ?? {};
  const msg = (f: string) => (fe[f] ? (fe[f] === "email_taken" ? t("errors.email_taken") : fe[f]) : null);
  return (
    <Card>
      <CardBody className="space-y-5 p-6 sm:p-8">
        <div>
          <h1 className="text-xl font-semibold">{t("signUpTitle")}</h1>
          <p className="mt-1 text-sm text-slate-500">{t("signUpSubtitle")}</p>
        </div>
        <form action={action} className="space-y-4" data-testid="sign-up-form" noValidate>
          {state?.error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {state.error === "rate_limited" ? t("errors.rate_limited", { seconds: state.retryAfter ?? 60 }) : t(`errors.${state.error}`)}
            </p>
          ) : null}
          <Field label={t("name")} htmlFor="name" error={msg("name")}>
            <Input id="name" name="name" autoComplete="name" required aria-invalid={Boolean(fe.name)} />
          </Field>
          <Field label={t("email")} htmlFor="email" error={msg("email")}>
            <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={Boolean(fe.email)} />
          </Field>
          <Field label={t("password")} htmlFor="password" error={msg("password")} hint={t("passwordHint")}>
            <Input id="password" name="password" type="password" autoComplete="new-password" minLength={10} required aria-invalid={Boolean(fe.password)} />
          </Field>
          <Button type="submit" className="w-full" disabled={pending} data-testid="sign-up-submit">
            {pending ? t("creating") : t("createAccount")}
          </Button>
        </form>
        <p className="text-center text-sm text-slate-500">
          {t("haveAccount")}{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            {t("signIn")}
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
