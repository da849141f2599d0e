"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A modal confirmation on the native <dialog>: focus stays inside, Escape cancels, focus returns to the opener. */
export function ConfirmDialog(props: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onCancel } = props;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const onClose = () => onCancel();
    dialog.addEventListener("cancel", onClose);
    return () => {
      dialog.removeEventListener("cancel", onClose);
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, [onCancel]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-dialog-title"
      className="m-auto w-full max-w-md rounded-lg bg-white p-5 shadow-xl backdrop:bg-slate-900/40"
      data-testid="confirm-dialog"
    >
      <h2 id="confirm-dialog-title" className="text-base font-semibold text-slate-900">
        {props.title}
      </h2>
      <div className="mt-2 text-sm text-slate-600">{props.body}</div>
      {props.error ? (
        <p className="mt-3 text-sm text-red-600" role="alert">
          {props.error}
        </p>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={props.onCancel} autoFocus>
          {props.cancelLabel}
        </Button>
        <Button variant="danger" onClick={props.onConfirm} disabled={props.pending} data-testid="confirm-disconnect">
          {props.confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
