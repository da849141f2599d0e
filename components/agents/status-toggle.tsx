"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/connections/confirm-dialog";
import { callApi } from "@/lib/api/client";
import { setAgentStatusEndpoint } from "@/lib/agents/contracts";

/** On/off switch of an agent; switching off asks first (its next runs will do nothing). */
export function AgentStatusToggle({
  org,
  agentId,
  name,
  active,
  disabled,
}: {
  org: string;
  agentId: string;
  name: string;
  active: boolean;
  disabled?: boolean;
}) {
  const t = useTranslations("agents.toggle");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (status: "ACTIVE" | "INACTIVE") => callApi(setAgentStatusEndpoint, { params: { org, id: agentId }, body: { status } }),
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
  });
  const cancel = useCallback(() => setConfirming(false), []);
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={active}
        aria-label={t(active ? "deactivateLabel" : "activateLabel", { name })}
        disabled={disabled || change.isPending}
        onClick={() => (active ? setConfirming(true) : change.mutate("ACTIVE"))}
        data-testid="agent-toggle"
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-50 ${active ? "bg-emerald-600" : "bg-slate-300"}`}
      >
        <span className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${active ? "translate-x-5" : "translate-x-0.5"}`} />
      </button>
      {change.error && !confirming ? (
        <span className="text-xs text-red-600" role="alert">
          {change.error.message}
        </span>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t("confirmTitle", { name })}
          body={t("confirmBody")}
          confirmLabel={t("confirm")}
          cancelLabel={t("cancel")}
          pending={change.isPending}
          error={change.error?.message ?? null}
          onConfirm={() => change.mutate("INACTIVE")}
          onCancel={cancel}
        />
      ) : null}
    </>
  );
}
