"use client";

import { useMutation } from "@tanstack/react-query";
import { Reply } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { simulateLeadReplyEndpoint } from "@/lib/leads/contracts";

/**
 * Without an email vendor: the person writes what the lead answers; it goes through the offline inbox and
 * the signed inbound webhook (MKT-304), and the page refreshes when the reply is read (live events).
 */
export function SimulateReply({ org, leadId }: { org: string; leadId: string }) {
  const t = useTranslations("leads.detail.simulate");
  const router = useRouter();
  const [text, setText] = useState("");
  const send = useMutation({
    mutationFn: () => callApi(simulateLeadReplyEndpoint, { params: { org, id: leadId }, body: { text } }),
    onSuccess: () => {
      setText("");
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <Field label={t("label")} htmlFor="simulated-reply">
        <textarea
          id="simulated-reply"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("placeholder")}
          rows={3}
          maxLength={5000}
          data-testid="simulated-reply"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={send.isPending || text.trim() === ""} data-testid="send-simulated-reply">
          <Reply className="h-4 w-4" aria-hidden /> {t("send")}
        </Button>
        {send.isSuccess ? (
          <span className="text-sm text-emerald-700" role="status">
            {t("sent")}
          </span>
        ) : null}
        {send.error ? (
          <span className="text-sm text-red-600" role="alert">
            {send.error.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
