"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/client";
import { redeemApprovalTokenEndpoint } from "@/lib/approvals/contracts";
import type { Decision } from "./types";

/** The confirmation step of an email link: POSTs the token (and the note) once the person clicks. */
export function ConfirmDecisionForm({ token, action }: { token: string; action: Decision }) {
  const t = useTranslations("approvals.email");
  const [note, setNote] = useState("");
  const needsNote = action === "REQUEST_CHANGES";
  const redeem = useMutation({
    mutationFn: () => callApi(redeemApprovalTokenEndpoint, { body: { token, ...(note.trim() ? { note: note.trim() } : {}) } }),
  });
  if (redeem.isSuccess) return <p role="status" className="text-sm text-emerald-700">{t("success")}</p>;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        redeem.mutate();
      }}
    >
      {action !== "APPROVE" ? (
        <label className="block text-sm text-slate-700">
          {needsNote ? t("noteRequired") : t("noteLabel")}
          <textarea className="mt-1 block w-full rounded-md border border-slate-300 p-2 text-sm" rows={4} maxLength={2000} required={needsNote} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      ) : null}
      {redeem.error ? <p role="alert" className="text-sm text-red-700">{redeem.error.message}</p> : null}
      <Button type="submit" variant={action === "REJECT" ? "danger" : "primary"} disabled={redeem.isPending || (needsNote && !note.trim())}>
        {redeem.isPending ? t("submitting") : t("submit", { action: t(`action.${action}`) })}
      </Button>
    </form>
  );
}
