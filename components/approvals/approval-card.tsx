"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { StatusBadge } from "@/components/domain/badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { ApprovalItem, Decision } from "./types";

/** One request of the queue: per-platform previews (tabs), image, and the three decisions. */
export function ApprovalCard(props: {
  item: ApprovalItem;
  active: boolean;
  selected: boolean;
  canDecide: boolean;
  busy: boolean;
  onSelect: (checked: boolean) => void;
  onFocus: () => void;
  onDecide: (decision: Decision) => void;
}) {
  const { item } = props;
  const t = useTranslations("approvals");
  const format = useFormatter();
  const [platform, setPlatform] = useState(item.previews[0]?.platform ?? null);
  const preview = item.previews.find((p) => p.platform === platform) ?? item.previews[0];
  const pending = item.status === "PENDING";
  return (
    <li
      id={`approval-${item.id}`}
      data-testid="approval-item"
      aria-current={props.active ? "true" : undefined}
      onClick={props.onFocus}
      className={cn("rounded-lg border bg-white p-4 shadow-sm transition-colors", props.active ? "border-brand-500 ring-2 ring-brand-200" : "border-slate-200")}
    >
      <div className="flex flex-wrap items-start gap-3">
        {pending && props.canDecide ? (
          <input type="checkbox" className="mt-1 h-4 w-4" checked={props.selected} onChange={(e) => props.onSelect(e.target.checked)} aria-label={t("queue.select", { title: item.title })} />
        ) : null}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <p className="font-medium text-slate-900">{item.title}</p>
            {item.piece ? <Badge tone="gray">{t("queue.revision", { revision: item.piece.revision })}</Badge> : null}
            {item.priority === "HIGH" || item.priority === "URGENT" ? <Badge tone="red">{item.priority}</Badge> : null}
            {item.reminderCount > 0 ? <Badge tone="amber">{t("queue.reminders", { count: item.reminderCount })}</Badge> : null}
            <StatusBadge kind="approvalStatus" value={item.status} />
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {item.piece?.brandName ? `${item.piece.brandName} · ` : ""}
            {t("queue.createdAgo", { when: format.relativeTime(new Date(item.createdAt)) })}
          </p>
          {item.decisionNote && !pending ? <p className="mt-1 text-sm text-slate-600">{t("queue.decidedNote", { note: item.decisionNote })}</p> : null}
        </div>
      </div>

      <div className="mt-3 grid gap-4 md:grid-cols-[1fr_200px]">
        <div>
          {item.previews.length > 0 ? (
            <>
              <div role="tablist" aria-label="platforms" className="mb-2 flex flex-wrap gap-1">
                {item.previews.map((p) => (
                  <button
                    key={p.platform}
                    role="tab"
                    type="button"
                    aria-selected={p.platform === preview?.platform}
                    onClick={(e) => {
                      e.stopPropagation();
                      setPlatform(p.platform);
                    }}
                    className={cn("rounded-md px-2 py-1 text-xs font-medium", p.platform === preview?.platform ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100")}
                  >
                    {p.platform}
                    {p.primary ? " ★" : ""}
                  </button>
                ))}
              </div>
              {preview ? (
                <div role="tabpanel" data-testid="approval-preview" className="rounded-md bg-slate-50 p-3">
                  <p className="whitespace-pre-wrap text-sm text-slate-800">{preview.text}</p>
                  <p className="mt-2 text-xs text-slate-500">
                    {t("queue.chars", { length: preview.length, max: preview.maxTextLength })}
                    {preview.primary ? ` · ${t("queue.primary")}` : ""}
                    {preview.adjusted ? ` · ${t("queue.adjusted")}` : ""}
                  </p>
                </div>
              ) : null}
            </>
          ) : item.piece ? (
            <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm text-slate-800">{item.piece.body}</p>
          ) : (
            <p className="text-sm text-slate-500">{item.summary ?? t("queue.noPreview")}</p>
          )}
        </div>
        {item.image ? (
          // eslint-disable-next-line @next/next/no-img-element -- signed, expiring URL from our storage
          <img src={item.image.url} alt={item.image.altText ?? t("queue.imageAlt")} className="h-auto w-full rounded-md border border-slate-200 object-cover" />
        ) : null}
      </div>

      {pending && props.canDecide ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button type="button" disabled={props.busy} onClick={(e) => (e.stopPropagation(), props.onDecide("APPROVE"))}>
            {t("actions.approve")} <kbd className="text-xs opacity-70">a</kbd>
          </Button>
          <Button type="button" variant="secondary" disabled={props.busy} onClick={(e) => (e.stopPropagation(), props.onDecide("REQUEST_CHANGES"))}>
            {t("actions.requestChanges")} <kbd className="text-xs opacity-70">r</kbd>
          </Button>
          <Button type="button" variant="danger" disabled={props.busy} onClick={(e) => (e.stopPropagation(), props.onDecide("REJECT"))}>
            {t("actions.reject")} <kbd className="text-xs opacity-70">x</kbd>
          </Button>
        </div>
      ) : null}
    </li>
  );
}
