"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { Decision } from "./types";

function Modal({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>("textarea, button")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      previous?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={onClose}>
      <div ref={ref} role="dialog" aria-modal="true" aria-label={label} className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl" onClick={(e) => e.stopPropagation()}>
        {children}
      </div>
    </div>
  );
}

/** Confirmation for reject and bulk actions; the note is required for "request changes". */
export function DecisionDialog(props: { count: number; decision: Decision; title: string; onCancel: () => void; onConfirm: (note?: string) => void }) {
  const t = useTranslations("approvals.actions");
  const [note, setNote] = useState("");
  const label = props.decision === "APPROVE" ? t("approve") : props.decision === "REJECT" ? t("reject") : t("requestChanges");
  const heading = props.count > 1 || props.decision !== "REJECT" ? t("confirmBulk", { decision: label, count: props.count }) : t("confirmReject", { title: props.title });
  const needsNote = props.decision === "REQUEST_CHANGES";
  const disabled = needsNote && note.trim().length === 0;
  return (
    <Modal label={heading} onClose={props.onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!disabled) props.onConfirm(note.trim() || undefined);
        }}
      >
        <h2 className="text-base font-semibold text-slate-900">{heading}</h2>
        {props.decision !== "APPROVE" ? (
          <label className="mt-3 block text-sm text-slate-700">
            {needsNote ? t("noteLabel") : t("rejectNoteLabel")}
            <textarea
              className="mt-1 block w-full rounded-md border border-slate-300 p-2 text-sm"
              rows={4}
              maxLength={2000}
              required={needsNote}
              placeholder={t("notePlaceholder")}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant={props.decision === "REJECT" ? "danger" : "primary"} disabled={disabled}>
            {t("confirm")}
          </Button>
        </div>
      </form>
    </Modal>
  );
}

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const t = useTranslations("approvals.shortcuts");
  return (
    <Modal label={t("title")} onClose={onClose}>
      <h2 className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <ul className="mt-3 space-y-1 text-sm text-slate-700">
        {(["move", "approve", "changes", "reject", "select", "help"] as const).map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
      <div className="mt-4 flex justify-end">
        <Button type="button" variant="secondary" onClick={onClose}>
          {t("close")}
        </Button>
      </div>
    </Modal>
  );
}
