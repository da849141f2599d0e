"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { signInWithEmailLink, signInWithGoogle, signInWithPassword, type FormState } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";

function ErrorBox({ state }: { state: FormState }) {
  const t = useTranslations("auth");
  if (!state?.error) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="auth-error">
      {state.error === "rate_limited" ? t("errors.rate_limited", { seconds: state.retryAfter ?? 60 }) : t(`errors.${state.error}`)}
    </p>
  );
}

export function SignInForm({ callbackUrl, google, checkEmail, demo }: { callbackUrl: string; google: boolean; checkEmail: boolean; demo: { email: string; password: string } | null }) {
  const t = useTranslations("auth");
  const [mode, setMode] = useState<"password" | "link">("password");
  const [pwState, pwAction, pwPending] = useActionState(signInWithPassword, undefined);
  const [linkState, linkAction, linkPending] = useActionState(signInWithEmailLink, undefined);
  const linkSent = checkEmail || linkState?.sent;

  return (
    <Card>
      <CardBody className="space-y-5 p-6 sm:p-8">
        <div>
          <h1 className="text-xl font-semibold">{t("signInTitle")}</h1>
          <p className="mt-1 text-sm text-slate-500">{t("signInSubtitle")}</p>
        </div>
        <div role="tablist" className="grid grid-cols-2 rounded-lg bg-slate-100 p-1 text-sm">
          {(["password", "link"] as const).map((m) => (
            <button
              key={m}
              role="tab"
              type="button"
              aria-selected={mode === m}
              onClick={() => setMode(m)}
              className={mode === m ? "rounded-md bg-white py-1.5 font-medium shadow-sm" : "py-1.5 text-slate-600"}
            >
              {t(m === "password" ? "tabPassword" : "tabLink")}
            </button>
          ))}
        </div>
        {mode === "password" ? (
          <form action={pwAction} className="space-y-4" data-testid="password-form">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <ErrorBox state={pwState} />
            <Field label={t("email")} htmlFor="email">
              <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={demo?.email} />
            </Field>
            <Field label={t("password")} htmlFor="password">
              <Input id="password" name="password" type="password" autoComplete="current-password" required defaultValue={demo?.password} />
            </Field>
            <Button type="submit" className="w-full" disabled={pwPending} data-testid="sign-in-submit">
              {pwPending ? t("signingIn") : t("signIn")}
            </Button>
          </form>
        ) : linkSent ? (
          <div className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="link-sent">
            {t("linkSent")}
          </div>
        ) : (
          <form action={linkAction} className="space-y-4">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <ErrorBox state={linkState} />
            <Field label={t("email")} htmlFor="link-email" error={linkState?.fieldErrors?.email ? t("errors.invalid_email") : null}>
              <Input id="link-email" name="email" type="email" autoComplete="email" required />
            </Field>
            <Button type="submit" className="w-full" disabled={linkPending}>
              {t("sendLink")}
            </Button>
          </form>
        )}
        {google ? (
          <form action={signInWithGoogle}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="secondary" className="w-full">
              {t("google")}
            </Button>
          </form>
        ) : null}
        {demo ? (
          <p className="rounded-md bg-brand-50 px-3 py-2 text-xs text-brand-700" data-testid="demo-hint">
            {t("demoHint", { email: demo.email, password: demo.password })}
          </p>
        ) : null}
        <p className="text-center text-sm text-slate-500">
          {t("noAccount")}{" "}
          <Link href="/sign-up" className="font-medium text-brand-700 hover:underline" data-testid="sign-up-link">
            {t("createAccount")}
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
