"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CheckCircle2, Keyboard } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { callApi } from "@/lib/api/client";
import { decideApprovalEndpoint, decideApprovalsBulkEndpoint, listApprovalsEndpoint, type QueueFacets } from "@/lib/approvals/contracts";
import { ApprovalCard } from "./approval-card";
import { DecisionDialog, ShortcutsHelp } from "./dialogs";
import { QueueFiltersBar, QueuePager } from "./queue-controls";
import { approvalKeys } from "./query-keys";
import { STATUS_FILTERS, type ApprovalItem, type ApprovalPage, type Decision, type QueueCursor, type QueueFilters, type StatusFilter } from "./types";

type Pending = { ids: string[]; decision: Decision } | null;
type DecideInput = { ids: string[]; decision: Decision; note?: string };
/** The bulk endpoint takes at most 100 ids per call: a larger selection (across pages) goes in chunks. */
const BULK_CHUNK = 100;

/**
 * The approval queue at volume (issue 9): one page at a time (keyset, the server's cursors), totals
 * per tab, filters and search, `?focus=` opening the page of any item, per-network previews,
 * approve / request changes (note required) / reject (confirmed), a selection kept across pages for
 * bulk decisions (confirmed), keyboard shortcuts (j/k, a, r, x, space, ?), optimistic removal from
 * the pending page with rollback on error.
 */
export function ApprovalQueue({ org, canDecide, initial, initialFilters, facets, focusId }: { org: string; canDecide: boolean; initial: ApprovalPage; initialFilters: QueueFilters; facets: QueueFacets; focusId?: string }) {
  const t = useTranslations("approvals");
  const qc = useQueryClient();
  const [filters, setFilters] = useState<QueueFilters>(initialFilters);
  const [cursor, setCursor] = useState<QueueCursor>(focusId ? { focus: focusId } : {});
  const [activeRaw, setActive] = useState(() => Math.max(0, initial.approvals.findIndex((x) => x.id === focusId)));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<Pending>(null);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [initialKey] = useState(() => JSON.stringify(approvalKeys.list(org, initialFilters, focusId ? { focus: focusId } : {})));
  const status = (filters.status ?? "PENDING") as StatusFilter;
  const key = approvalKeys.list(org, filters, cursor);
  const query = useQuery({
    queryKey: key,
    queryFn: () => callApi(listApprovalsEndpoint, { params: { org }, query: { ...filters, ...cursor } }),
    initialData: JSON.stringify(key) === initialKey ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const page = query.data;
  const items = useMemo(() => page?.approvals ?? [], [page]);
  const active = Math.max(0, Math.min(activeRaw, items.length - 1));
  useEffect(() => {
    const el = items[active] ? document.getElementById(`approval-${items[active]!.id}`) : null;
    el?.scrollIntoView?.({ block: "nearest" });
  }, [active, items]);

  const go = useCallback((next: QueueCursor) => {
    setCursor(next);
    setActive(0);
  }, []);
  const applyFilters = useCallback((next: QueueFilters) => {
    setFilters(next);
    setCursor({});
    setActive(0);
    setSelected(new Set());
  }, []);

  const decide = useMutation({
    mutationFn: async ({ ids, decision, note }: DecideInput) => {
      if (ids.length === 1) {
        // The versions on screen: if someone edited one since, the server refuses (409) instead of deciding on unseen text.
        const shown = items.find((x) => x.id === ids[0])?.networks.map((n) => n.revisionId);
        await callApi(decideApprovalEndpoint, { params: { org, id: ids[0]! }, body: { decision, ...(note ? { note } : {}), ...(shown?.length ? { revisionIds: shown } : {}) } });
        return { decided: 1 };
      }
      let decided = 0;
      for (let i = 0; i < ids.length; i += BULK_CHUNK) {
        const res = await callApi(decideApprovalsBulkEndpoint, { params: { org }, body: { ids: ids.slice(i, i + BULK_CHUNK), decision, ...(note ? { note } : {}) } });
        decided += res.decided.length;
      }
      return { decided };
    },
    onMutate: async ({ ids }): Promise<{ previous?: ApprovalPage }> => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<ApprovalPage>(key);
      if (status === "PENDING") qc.setQueryData<ApprovalPage>(key, (old) => (old ? { ...old, approvals: old.approvals.filter((x) => !ids.includes(x.id)) } : old));
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
  const selection = [...selected];
  const pageAllSelected = pendingIds.length > 0 && pendingIds.every((id) => selected.has(id));
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
              data-testid={`approval-tab-${s}`}
              onClick={() => applyFilters({ ...filters, status: s })}
              className={status === s ? "rounded-md bg-brand-50 px-3 py-1.5 text-sm font-medium text-brand-700" : "rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100"}
            >
              {t(`queue.filters.${s}`)}
              {page ? <span className="ml-1 tabular-nums text-slate-500">({page.totals[s] ?? 0})</span> : null}
            </button>
          ))}
        </div>
        <Button type="button" variant="ghost" onClick={() => setHelp(true)} aria-label={t("shortcuts.open")}>
          <Keyboard className="h-4 w-4" aria-hidden /> ?
        </Button>
      </div>

      <QueueFiltersBar filters={filters} facets={facets} onChange={applyFilters} />

      {!canDecide ? <p className="text-sm text-slate-500">{t("actions.viewerOnly")}</p> : null}
      {message ? (
        <p role="status" className={message.tone === "ok" ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
          {message.text}
        </p>
      ) : null}
      {page?.focus && !page.focus.found ? (
        <p role="status" className="text-sm text-amber-800" data-testid="approval-focus-missing">
          {t("queue.focusMissing")}
        </p>
      ) : null}

      {canDecide && (pendingIds.length > 0 || selection.length > 0) ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="approval-bulk">
          <label className="inline-flex items-center gap-2">
            <input
              type="checkbox"
              className="h-4 w-4"
              checked={pageAllSelected}
              disabled={pendingIds.length === 0}
              onChange={(e) => setSelected((s) => (e.target.checked ? new Set([...s, ...pendingIds]) : new Set([...s].filter((id) => !pendingIds.includes(id)))))}
            />
            {t("queue.selectAll")}
          </label>
          <span className="text-slate-500" data-testid="approval-selected">
            {t("queue.selected", { count: selection.length })}
          </span>
          {selection.length > 0 ? (
            <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => setSelected(new Set())}>
              {t("queue.clearSelection")}
            </Button>
          ) : null}
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
      ) : query.isError && !page ? (
        <LoadError onRetry={() => void query.refetch()} />
      ) : items.length === 0 && page?.page.total === 0 ? (
        <EmptyState icon={<CheckCircle2 className="h-6 w-6" aria-hidden />} title={t("queue.emptyTitle")} description={t("queue.emptyDescription")} />
      ) : (
        <>
          {query.isError ? <LoadError onRetry={() => void query.refetch()} /> : null}
          <ul className="space-y-3" data-testid="approvals-list" aria-busy={query.isFetching}>
            {items.map((item, i) => (
              <ApprovalCard
                org={org}
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
          {page ? <QueuePager page={page.page} count={items.length} busy={query.isFetching} onGo={go} /> : null}
        </>
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

/** The page could not be loaded (the previous page stays on screen when there is one). */
function LoadError({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations("approvals.queue");
  return (
    <div role="alert" className="flex items-center gap-3 text-sm text-red-700">
      {t("error")}
      <Button type="button" variant="secondary" onClick={onRetry}>
        {t("retry")}
      </Button>
    </div>
  );
}

export type { ApprovalItem };
