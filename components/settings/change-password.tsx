"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { changePasswordEndpoint } from "@/lib/auth/contracts";

/** Change one's password: the current one, the new one twice. Every other session ends; this one stays. */
export function ChangePassword() {
  const t = useTranslations("settings.account");
  const [form, setForm] = useState({ currentPassword: "", newPassword: "", confirm: "" });
  const [mismatch, setMismatch] = useState(false);
  const save = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) => callApi(changePasswordEndpoint, { body: v }),
    onSuccess: () => setForm({ currentPassword: "", newPassword: "", confirm: "" }),
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const err = (f: string) => (save.error?.field === f ? save.error.message : null);
  const other = save.error && !["currentPassword", "newPassword"].includes(save.error.field ?? "") ? save.error.message : null;
  return (
    <form
      className="space-y-4"
      data-testid="change-password"
      onSubmit={(e) => {
        e.preventDefault();
        const differ = form.newPassword !== form.confirm;
        setMismatch(differ);
        if (!differ) save.mutate({ currentPassword: form.currentPassword, newPassword: form.newPassword });
      }}
    >
      <h3 className="text-sm font-semibold text-slate-900">{t("changePassword")}</h3>
      <Field label={t("currentPassword")} htmlFor="current-password" error={err("currentPassword")}>
        <Input id="current-password" type="password" autoComplete="current-password" value={form.currentPassword} onChange={set("currentPassword")} required maxLength={200} aria-invalid={Boolean(err("currentPassword"))} />
      </Field>
      <Field label={t("newPassword")} htmlFor="new-password" error={err("newPassword")} hint={t("newPasswordHint")}>
        <Input id="new-password" type="password" autoComplete="new-password" value={form.newPassword} onChange={set("newPassword")} required minLength={10} maxLength={200} aria-invalid={Boolean(err("newPassword"))} />
      </Field>
      <Field label={t("confirmPassword")} htmlFor="confirm-password" error={mismatch ? t("mismatch") : null}>
        <Input id="confirm-password" type="password" autoComplete="new-password" value={form.confirm} onChange={set("confirm")} required maxLength={200} aria-invalid={mismatch} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {t("savePassword")}
        </Button>
        {save.isSuccess ? (
          <p className="text-sm text-emerald-700" role="status" data-testid="password-changed">
            {t("passwordChanged")}
          </p>
        ) : null}
      </div>
      {other ? (
        <p className="text-sm text-red-600" role="alert">
          {other}
        </p>
      ) : null}
    </form>
  );
}
