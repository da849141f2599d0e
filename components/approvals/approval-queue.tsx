"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CheckCircle2, Keyboard } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFetch, type ApiError } from "@/lib/api-client";
import { ApprovalCard } from "./approval-card";
import { DecisionDialog, ShortcutsHelp } from "./dialogs";
import { approvalKeys } from "./query-keys";
import { STATUS_FILTERS, type ApprovalItem, type Decision, type StatusFilter } from "./types";

type Pending = { ids: string[]; decision: Decision } | null;
type DecideInput = { ids: string[]; decision: Decision; note?: string };

/**
 * The approval queue: filter by status, per-platform previews, approve / request changes (note
 * required) / reject (confirmed), multi-select bulk actions (confirmed), keyboard shortcuts
 * (j/k, a, r, x, space, ?), optimistic removal from the pending list with rollback on error.
 */
export function ApprovalQueue({ org, canDecide, initial, focusId }: { org: string; canDecide: boolean; initial: ApprovalItem[]; focusId?: string }) {
  const t = useTranslations("approvals");
  const qc = useQueryClient();
  const [status, setStatus] = useState<StatusFilter>("PENDING");
  const [activeRaw, setActive] = useState(() => Math.max(0, initial.findIndex((x) => x.id === focusId)));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Pending>(null);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const key = approvalKeys.list(org, status);
  const query = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<{ approvals: ApprovalItem[] }>(`/api/orgs/${org}/approvals?status=${status}`).then((r) => r.approvals),
    initialData: status === "PENDING" ? initial : undefined,
  });
  const items = useMemo(() => query.data ?? [], [query.data]);
  const active = Math.max(0, Math.min(activeRaw, items.length - 1));
  useEffect(() => {
    const el = items[active] ? document.getElementById(`approval-${items[active]!.id}`) : null;
    el?.scrollIntoView?.({ block: "nearest" });
  }, [active, items]);

  const decide = useMutation<{ decided: number }, ApiError, DecideInput, { previous?: ApprovalItem[] }>({
    mutationFn: async ({ ids, decision, note }) => {
      if (ids.length === 1) {
        await apiFetch(`/api/orgs/${org}/approvals/${ids[0]}/decision`, { method: "POST", json: { decision, ...(note ? { note } : {}) } });
        return { decided: 1 };
      }
      const res = await apiFetch<{ decided: string[]; conflicts: string[] }>(`/api/orgs/${org}/approvals/bulk`, { method: "POST", json: { ids, decision, ...(note ? { note } : {}) } });
      return { decided: res.decided.length };
    },
    onMutate: async ({ ids }) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<ApprovalItem[]>(key);
      if (status === "PENDING") qc.setQueryData<ApprovalItem[]>(key, (old) => (old ?? []).filter((x) => !ids.includes(x.id)));
      setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
      return { previous };
    },
    onError: (err, _input, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
      setMessage({ tone: "error", text: err.status === 409 ? t("actions.conflict") : t("actions.failed", { message: err.message }) });
    },
    onSuccess: (res) => setMessage({ tone: "ok", text: t("actions.done", { count: res.decided }) }),
    onSettled: () => void qc.invalidateQueries({ queryKey: approvalKeys.all(org) }),
  });

  /** Approve acts at once (undo = nothing to undo before publication: the piece can still be cancelled); changes and reject ask first. */
  const start = useCallback(
    (ids: string[], decision: Decision) => {
      if (!canDecide || ids.length === 0) return;
      if (decision === "APPROVE" && ids.length === 1) decide.mutate({ ids, decision });
      else setDialog({ ids, decision });
    },
    [canDecide, decide],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (dialog || e.metaKey || e.ctrlKey || e.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const current = items[active];
      if (e.key === "?") setHelp((h) => !h);
      else if (e.key === "Escape") setHelp(false);
      else if (e.key === "j") setActive((i) => Math.min(i + 1, Math.max(items.length - 1, 0)));
      else if (e.key === "k") setActive((i) => Math.max(i - 1, 0));
      else if (!current || current.status !== "PENDING") return;
      else if (e.key === "a") start([current.id], "APPROVE");
      else if (e.key === "r") start([current.id], "REQUEST_CHANGES");
      else if (e.key === "x") start([current.id], "REJECT");
      else if (e.key === " " && canDecide) setSelected((s) => (s.has(current.id) ? new Set([...s].filter((id) => id !== current.id)) : new Set([...s, current.id])));
      else return;
      e.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active, items, dialog, start, canDecide]);

  const pendingIds = items.filter((x) => x.status === "PENDING").map((x) => x.id);
  const selection = [...selected].filter((id) => pendingIds.includes(id));
  return (
    <div data-testid="approval-queue" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label={t("queue.title")} className="flex flex-wrap gap-1">
          {STATUS_FILTERS.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={status === s}
              onClick={() => {
                setStatus(s);
                setActive(0);
                setSelected(new Set());
              }}
              className={status === s ? "rounded-md bg-brand-50 px-3 py-1.5 text-sm font-medium text-brand-700" : "rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100"}
            >
              {t(`queue.filters.${s}`)}
            </button>
          ))}
        </div>
        <Button type="button" variant="ghost" onClick={() => setHelp(true)} aria-label={t("shortcuts.open")}>
          <Keyboard className="h-4 w-4" aria-hidden /> ?
        </Button>
      </div>

      {!canDecide ? <p className="text-sm text-slate-500">{t("actions.viewerOnly")}</p> : null}
      {message ? (
        <p role="status" className={message.tone === "ok" ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
          {message.text}
        </p>
      ) : null}

      {canDecide && pendingIds.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" className="h-4 w-4" checked={selection.length === pendingIds.length} onChange={(e) => setSelected(new Set(e.target.checked ? pendingIds : []))} />
            {t("queue.selectAll")}
          </label>
          <span className="text-slate-500">{t("queue.selected", { count: selection.length })}</span>
          <span className="flex-1" />
          <Button type="button" disabled={selection.length === 0 || decide.isPending} onClick={() => setDialog({ ids: selection, decision: "APPROVE" })}>
            {t("actions.bulkApprove")}
          </Button>
          <Button type="button" variant="secondary" disabled={selection.length === 0 || decide.isPending} onClick={() => setDialog({ ids: selection, decision: "REQUEST_CHANGES" })}>
            {t("actions.bulkChanges")}
          </Button>
          <Button type="button" variant="danger" disabled={selection.length === 0 || decide.isPending} onClick={() => setDialog({ ids: selection, decision: "REJECT" })}>
            {t("actions.bulkReject")}
          </Button>
        </div>
      ) : null}

      {query.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          {t("queue.loading")}
        </p>
      ) : query.isError ? (
        <div role="alert" className="flex items-center gap-3 text-sm text-red-700">
          {t("queue.error")}
          <Button type="button" variant="secondary" onClick={() => void query.refetch()}>
            {t("queue.retry")}
          </Button>
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={<CheckCircle2 className="h-6 w-6" aria-hidden />} title={t("queue.emptyTitle")} description={t("queue.emptyDescription")} />
      ) : (
        <ul className="space-y-3" data-testid="approvals-list">
          {items.map((item, i) => (
            <ApprovalCard
              key={item.id}
              item={item}
              active={i === active}
              selected={selected.has(item.id)}
              canDecide={canDecide}
              busy={decide.isPending}
              onFocus={() => setActive(i)}
              onSelect={(checked) => setSelected((s) => (checked ? new Set([...s, item.id]) : new Set([...s].filter((id) => id !== item.id))))}
              onDecide={(d) => start([item.id], d)}
            />
          ))}
        </ul>
      )}

      {dialog ? (
        <DecisionDialog
          count={dialog.ids.length}
          decision={dialog.decision}
          title={items.find((x) => x.id === dialog.ids[0])?.title ?? ""}
          onCancel={() => setDialog(null)}
          onConfirm={(note) => {
            decide.mutate({ ids: dialog.ids, decision: dialog.decision, note });
            setDialog(null);
          }}
        />
      ) : null}
      {help ? <ShortcutsHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
