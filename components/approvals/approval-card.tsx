"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { callApi } from "@/lib/api/client";
import { editRevisionEndpoint, type NetworkVersionDto } from "@/lib/approvals/contracts";
import { PLATFORM_RULES, type RulePlatform } from "@/lib/content/platform-rules";
import { approvalKeys } from "./query-keys";
import { StatusBadge } from "@/components/domain/badges";
import { NetworkPreview } from "@/components/composer/network-preview";
import { AdCampaignPreview } from "@/components/ads/ad-campaign-preview";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { ApprovalItem, Decision } from "./types";

/**
 * One request of the queue: one tab per network with exactly what that network will receive (text,
 * media, first comment, time), each editable inline (an edit is a new revision, the one an approval
 * covers), and the three decisions.
 */
export function ApprovalCard(props: {
  org: string;
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
  const tPriority = useTranslations("domain.approvalPriority");
  const [platform, setPlatform] = useState(item.networks[0]?.platform ?? null);
  const network = item.networks.find((p) => p.platform === platform) ?? item.networks[0];
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
            {item.priority === "HIGH" || item.priority === "URGENT" ? <Badge tone="red">{tPriority.has(item.priority) ? tPriority(item.priority) : item.priority}</Badge> : null}
            {item.reminderCount > 0 ? <Badge tone="amber">{t("queue.reminders", { count: item.reminderCount })}</Badge> : null}
            <StatusBadge kind="approvalStatus" value={item.status} />
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {item.piece?.brandName ? `${item.piece.brandName} · ` : ""}
            {t("queue.createdAgo", { when: format.relativeTime(new Date(item.createdAt)) })}
            {item.piece ? (
              <>
                {" · "}
                <Link href={`/${props.org}/content/${item.piece.id}`} className="text-brand-700 underline" data-testid="approval-open-content" onClick={(e) => e.stopPropagation()}>
                  {t("queue.openContent")}
                </Link>
              </>
            ) : null}
          </p>
          {item.decisionNote && !pending ? <p className="mt-1 text-sm text-slate-600">{t("queue.decidedNote", { note: item.decisionNote })}</p> : null}
        </div>
      </div>

      <div className="mt-3 grid gap-4 md:grid-cols-[1fr_200px]">
        <div>
          {item.campaign ? (
            <AdCampaignPreview org={props.org} campaign={item.campaign} />
          ) : item.networks.length > 0 ? (
            <>
              <div role="tablist" aria-label={t("queue.networks")} className="mb-2 flex flex-wrap gap-1">
                {item.networks.map((n) => (
                  <button
                    key={n.platform}
                    role="tab"
                    type="button"
                    id={`tab-${item.id}-${n.platform}`}
                    data-platform={n.platform}
                    aria-selected={n.platform === network?.platform}
                    onClick={(e) => {
                      e.stopPropagation();
                      setPlatform(n.platform);
                    }}
                    className={cn("rounded-md px-2 py-1 text-xs font-medium", n.platform === network?.platform ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100")}
                  >
                    {PLATFORM_RULES[n.platform as RulePlatform]?.name ?? n.platform}
                    {n.primary ? " ★" : ""}
                  </button>
                ))}
              </div>
              {network ? <NetworkVersionPanel key={network.revisionId} org={props.org} requestId={item.id} version={network} editable={pending && props.canDecide} /> : null}
            </>
          ) : item.piece ? (
            <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm text-slate-800">{item.piece.body}</p>
          ) : (
            <p className="text-sm text-slate-500">{item.summary ?? t("queue.noPreview")}</p>
          )}
        </div>
        {item.image && item.networks.length === 0 ? (
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

/** One network's exact version; "Modifier" edits text and first comment inline (saved as a new revision). */
function NetworkVersionPanel(props: { org: string; requestId: string; version: NetworkVersionDto; editable: boolean }) {
  const { version: v } = props;
  const t = useTranslations("approvals");
  const format = useFormatter();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [preview, setPreview] = useState(false);
  const [text, setText] = useState(v.text);
  const [firstComment, setFirstComment] = useState(v.firstComment ?? "");
  const rule = PLATFORM_RULES[v.platform as RulePlatform];
  const save = useMutation({
    mutationFn: () =>
      callApi(editRevisionEndpoint, {
        params: { org: props.org, id: props.requestId, platform: v.platform },
        body: { text, ...(rule?.firstComment ? { firstComment: firstComment.trim() || null } : {}) },
      }),
    onSuccess: () => {
      setEditing(false);
      void qc.invalidateQueries({ queryKey: approvalKeys.all(props.org) });
    },
  });
  const max = v.maxTextLength;
  return (
    <div role="tabpanel" aria-labelledby={`tab-${props.requestId}-${v.platform}`} data-testid="approval-network" data-platform={v.platform} data-revision-id={v.revisionId} className="rounded-md bg-slate-50 p-3" onClick={(e) => e.stopPropagation()}>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
          className="space-y-2"
        >
          <label className="block text-xs font-medium text-slate-700">
            {t("queue.editText", { network: rule?.name ?? v.platform })}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm" aria-invalid={text.length > max} />
          </label>
          <p className={cn("text-xs", text.length > max ? "text-red-600" : "text-slate-500")}>{t("queue.chars", { length: text.length, max })}</p>
          {rule?.firstComment ? (
            <label className="block text-xs font-medium text-slate-700">
              {t("queue.firstComment")}
              <input value={firstComment} onChange={(e) => setFirstComment(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm" />
            </label>
          ) : null}
          {save.error ? <p role="alert" className="text-xs text-red-600">{save.error.message}</p> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending || text.length > max}>
              {t("queue.saveVersion")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => (setEditing(false), setText(v.text), setFirstComment(v.firstComment ?? ""))}>
              {t("actions.cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <p data-testid="approval-network-text" data-user-content className="whitespace-pre-wrap text-sm text-slate-800">
            {v.text}
          </p>
          {v.firstComment ? (
            <p className="mt-2 text-xs text-slate-600">
              {t("queue.firstComment")} : <span data-user-content>{v.firstComment}</span>
            </p>
          ) : null}
        </>
      )}
      {v.media.length > 0 ? (
        <div className="mt-2 flex flex-wrap gap-2">
          {v.media.map((m) => (
            // eslint-disable-next-line @next/next/no-img-element -- signed, expiring URL from our storage
            <img key={m.id} src={m.url} alt={m.altText ?? t("queue.imageAlt")} data-testid="approval-network-media" data-asset-id={m.id} className="h-32 w-auto rounded-md border border-slate-200 object-cover" />
          ))}
        </div>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">
        {t("queue.chars", { length: v.length, max })} · {t("queue.scheduledFor", { at: format.dateTime(new Date(v.scheduledAt), { dateStyle: "medium", timeStyle: "short" }) })} ·{" "}
        {t("queue.versionBy", { number: v.number, author: v.author })}
        {v.primary ? ` · ${t("queue.primary")}` : ""}
      </p>
      {preview && !editing ? <NetworkPreview className="mt-2" platform={v.platform} text={v.text} media={v.media} firstComment={v.firstComment} /> : null}
      <div className="mt-2 flex flex-wrap gap-2">
        {props.editable && !editing ? (
          <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
            {t("queue.edit", { network: rule?.name ?? v.platform })}
          </Button>
        ) : null}
        {!editing ? (
          <Button type="button" variant="ghost" aria-expanded={preview} onClick={() => setPreview((p) => !p)} data-testid="approval-preview-toggle">
            {t(preview ? "queue.hidePreview" : "queue.showPreview", { network: rule?.name ?? v.platform })}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
