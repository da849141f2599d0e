"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { PlatformBadge } from "@/components/domain/badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import {
  addInboxNoteEndpoint,
  createSavedReplyEndpoint,
  getConversationEndpoint,
  listConversationsEndpoint,
  listSavedRepliesEndpoint,
  replyToConversationEndpoint,
  updateConversationEndpoint,
  type ConversationSummaryDto,
} from "@/lib/inbox/contracts";
import { INBOX_FILTERS, INBOX_STATUSES, type InboxFilter } from "@/lib/inbox/schemas";

/** TanStack Query keys of the inbox (prefix ["org", org, "inbox"], refreshed by the live `inbox.updated`). */
export const inboxKeys = {
  all: (org: string) => ["org", org, "inbox"] as const,
  list: (org: string, filter: string, q: string) => ["org", org, "inbox", "conversations", filter, q] as const,
  detail: (org: string, id: string) => ["org", org, "inbox", "conversation", id] as const,
  saved: (org: string) => ["org", org, "inbox", "saved-replies"] as const,
};

const TRIAGE_TONE = { AUTO_REPLY: "green", ESCALATE: "amber", IGNORE: "gray" } as const;

/** The social inbox: conversations filtered and searched (a topic chip opens it searched, a comment its commenter's conversation), one open at a time with its reply box, assignment, status and notes. */
export function InboxView({ org, canEdit, initialQuery = "", initialOpen = null }: { org: string; canEdit: boolean; initialQuery?: string; initialOpen?: string | null }) {
  const t = useTranslations("inbox");
  const [filter, setFilter] = useState<InboxFilter | "">("");
  const [q, setQ] = useState(initialQuery);
  const [open, setOpen] = useState<string | null>(initialOpen);
  const list = useInfiniteQuery({
    queryKey: inboxKeys.list(org, filter, q),
    queryFn: ({ pageParam }) => callApi(listConversationsEndpoint, { params: { org }, query: { filter: filter || undefined, q: q || undefined, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.conversations) ?? [];
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <div className={`space-y-3 ${open ? "hidden lg:block" : ""}`}>
        <div className="flex flex-wrap gap-1" role="group" aria-label={t("filters.label")}>
          {(["", ...INBOX_FILTERS] as const).map((f) => (
            <button
              key={f || "all"}
              type="button"
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
              data-testid={`inbox-filter-${f || "all"}`}
              className={`rounded-full border px-3 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${filter === f ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-200 text-slate-600"}`}
            >
              {t(`filters.${f || "all"}`)}
            </button>
          ))}
        </div>
        <label className="block text-sm">
          <span className="sr-only">{t("search")}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("searchPlaceholder")} className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm" data-testid="inbox-search" />
        </label>
        <Card>
          {list.isPending ? (
            <p className="p-4 text-sm text-slate-500" role="status">{t("loading")}</p>
          ) : rows.length === 0 ? (
            <p className="p-4 text-sm text-slate-500" data-testid="inbox-empty">{t("empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="inbox-list">
              {rows.map((c) => (
                <ConversationRow key={c.id} c={c} active={c.id === open} onOpen={() => setOpen(c.id)} />
              ))}
            </ul>
          )}
          {list.hasNextPage ? (
            <div className="p-3">
              <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {t("loadMore")}
              </Button>
            </div>
          ) : null}
        </Card>
      </div>
      <div className={open ? "" : "hidden lg:block"}>
        {open ? <ConversationPane key={open} org={org} id={open} canEdit={canEdit} onBack={() => setOpen(null)} /> : <Card><p className="p-6 text-sm text-slate-500">{t("pick")}</p></Card>}
      </div>
    </div>
  );
}

function ConversationRow({ c, active, onOpen }: { c: ConversationSummaryDto; active: boolean; onOpen: () => void }) {
  const t = useTranslations("inbox");
  const format = useFormatter();
  return (
    <li>
      <button type="button" onClick={onOpen} aria-current={active ? "true" : undefined} className={`flex w-full flex-col gap-1 px-4 py-3 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${active ? "bg-brand-50" : "hover:bg-slate-50"}`} data-testid="inbox-row">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium" data-user-content>{c.contactName ?? c.contactHandle ?? "—"}</span>
          <PlatformBadge platform={c.platform} />
          {c.triage ? <Badge tone={TRIAGE_TONE[c.triage]}>{t(`triage.${c.triage}`)}</Badge> : null}
          {/* Escalated twice (triage and status) says it once. */}
          {c.status === "ESCALATED" && c.triage === "ESCALATE" ? null : <Badge>{t(`status.${c.status}`)}</Badge>}
          {c.unreadCount > 0 ? <Badge tone="blue">{t("unread", { count: c.unreadCount })}</Badge> : null}
        </span>
        <span className="line-clamp-2 text-slate-600" data-user-content>{c.preview}</span>
        {c.lastMessageAt ? <span className="text-xs text-slate-500">{format.relativeTime(new Date(c.lastMessageAt))}</span> : null}
      </button>
    </li>
  );
}

function ConversationPane({ org, id, canEdit, onBack }: { org: string; id: string; canEdit: boolean; onBack: () => void }) {
  const t = useTranslations("inbox");
  const format = useFormatter();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: inboxKeys.detail(org, id), queryFn: () => callApi(getConversationEndpoint, { params: { org, id } }) });
  // Reading it marked it read: the list's unread badge follows.
  const readAt = detail.dataUpdatedAt;
  useEffect(() => {
    if (readAt) void qc.invalidateQueries({ queryKey: [...inboxKeys.all(org), "conversations"] });
  }, [qc, org, readAt]);
  const saved = useQuery({ queryKey: inboxKeys.saved(org), queryFn: () => callApi(listSavedRepliesEndpoint, { params: { org } }) });
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const [commentId, setCommentId] = useState<string | null>(null);
  const [template, setTemplate] = useState({ name: "", language: "fr" });
  const refresh = () => qc.invalidateQueries({ queryKey: inboxKeys.all(org) });
  const reply = useMutation({
    mutationFn: (v: { useTemplate: boolean }) =>
      callApi(replyToConversationEndpoint, {
        params: { org, id },
        body: { text, ...(commentId ? { commentId } : {}), ...(v.useTemplate ? { template: { name: template.name.trim(), language: template.language.trim() } } : {}) },
      }),
    onSuccess: () => {
      setText("");
      setCommentId(null);
      void refresh();
    },
  });
  const update = useMutation({ mutationFn: (body: { status?: "OPEN" | "PENDING" | "CLOSED"; assignedToId?: string | null }) => callApi(updateConversationEndpoint, { params: { org, id }, body }), onSuccess: refresh });
  const addNote = useMutation({ mutationFn: () => callApi(addInboxNoteEndpoint, { params: { org, id }, body: { text: note } }), onSuccess: () => { setNote(""); void refresh(); } });
  const saveReply = useMutation({ mutationFn: (title: string) => callApi(createSavedReplyEndpoint, { params: { org }, body: { title, text } }), onSuccess: () => qc.invalidateQueries({ queryKey: inboxKeys.saved(org) }) });
  if (detail.isPending) return <Card><p className="p-6 text-sm text-slate-500" role="status">{t("loading")}</p></Card>;
  if (detail.isError) return <Card><p className="p-6 text-sm text-red-700" role="alert">{detail.error.message}</p></Card>;
  const { conversation: c, items, notes, members } = detail.data;
  const windowOpen = !!c.windowExpiresAt && new Date(c.windowExpiresAt).getTime() > detail.dataUpdatedAt;
  const target = commentId ? items.find((i) => i.id === commentId) : null;
  // Outside the 24-hour window a direct message needs an approved template (WhatsApp) or cannot be sent (Instagram, Messenger).
  const windowed = c.platform === "WHATSAPP" || c.platform === "INSTAGRAM" || c.platform === "FACEBOOK";
  const needsTemplate = !commentId && c.dm && windowed && !windowOpen && c.platform === "WHATSAPP";
  const blocked = !commentId && c.dm && windowed && !windowOpen && c.platform !== "WHATSAPP";
  const canSend = canEdit && text.trim().length > 0 && (commentId || c.dm) && !blocked && (!needsTemplate || template.name.trim().length > 0) && !reply.isPending;
  const send = () => reply.mutate({ useTemplate: needsTemplate });
  return (
    <Card>
      <div className="space-y-4 p-4" data-testid="inbox-conversation" data-status={c.status}>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" className="lg:hidden" onClick={onBack}>{t("back")}</Button>
          <h2 className="text-base font-semibold" data-user-content>{c.contactName ?? c.contactHandle ?? "—"}</h2>
          <PlatformBadge platform={c.platform} />
          {c.triage ? <Badge tone={TRIAGE_TONE[c.triage]}>{t(`triage.${c.triage}`)}</Badge> : null}
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          <label className="flex items-center gap-2">
            {t("status.label")}
            <select value={c.status} disabled={!canEdit} onChange={(e) => update.mutate({ status: e.target.value as "OPEN" })} className="rounded-md border border-slate-300 px-2 py-1" data-testid="inbox-status">
              {/* Escalated is the triage's doing, shown as it is; a person moves it on to open, pending or closed. */}
              {c.status === "ESCALATED" ? <option value="ESCALATED" disabled>{t("status.ESCALATED")}</option> : null}
              {INBOX_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </label>
          <label className="flex items-center gap-2">
            {t("assignee")}
            <select value={c.assignedToId ?? ""} disabled={!canEdit} onChange={(e) => update.mutate({ assignedToId: e.target.value || null })} className="rounded-md border border-slate-300 px-2 py-1" data-testid="inbox-assignee">
              <option value="">{t("nobody")}</option>
              {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          </label>
        </div>
        {c.dm ? <p className="text-xs text-slate-500">{windowOpen ? t("windowOpen", { at: format.dateTime(new Date(c.windowExpiresAt!), { dateStyle: "short", timeStyle: "short" }) }) : t("windowClosed", { platform: c.platform })}</p> : null}
        <ol className="space-y-3" data-testid="inbox-timeline">
          {items.map((i) => (
            <li key={i.id} className={`rounded-md border p-3 text-sm ${i.direction === "OUTBOUND" ? "ml-6 border-brand-100 bg-brand-50" : "mr-6 border-slate-200"}`} data-testid="inbox-item" data-direction={i.direction}>
              <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <span>{i.authorName ?? t(`author.${i.author}`)}</span>
                <Badge>{t(i.kind)}</Badge>
                {i.triage ? <Badge tone={TRIAGE_TONE[i.triage]}>{t(`triage.${i.triage}`)}{i.triageConfidence !== null ? ` ${Math.round(i.triageConfidence * 100)} %` : ""}</Badge> : null}
                <span>{format.relativeTime(new Date(i.at))}</span>
                {i.direction === "OUTBOUND" ? <span data-testid="inbox-item-status">{t(`delivery.${i.status}`)}</span> : null}
              </div>
              <p className="whitespace-pre-wrap" data-user-content>{i.text}</p>
              {i.triageReason ? <p className="mt-1 text-xs text-slate-500">{t("reason", { reason: i.triageReason })}</p> : null}
              {canEdit && i.suggestedReply && i.direction === "INBOUND" ? (
                <button type="button" className="mt-1 text-xs text-brand-700 underline" onClick={() => setText(i.suggestedReply ?? "")}>{t("useSuggestion")}</button>
              ) : null}
              {canEdit && i.kind === "comment" && i.direction === "INBOUND" ? (
                <button type="button" className="ml-3 mt-1 text-xs text-brand-700 underline" onClick={() => setCommentId(i.id)}>{t("reply.answerComment")}</button>
              ) : null}
            </li>
          ))}
        </ol>
        {canEdit ? (
          <form
            className="space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (canSend) send();
            }}
          >
            {target ? (
              <p className="text-xs text-slate-600">
                {t("reply.toComment", { text: (target.text ?? "").slice(0, 80) })}{" "}
                <button type="button" className="underline" onClick={() => setCommentId(null)}>{t("reply.cancelComment")}</button>
              </p>
            ) : !c.dm ? (
              <p className="text-xs text-slate-600">{t("reply.noDm")}</p>
            ) : null}
            {saved.data && saved.data.savedReplies.length > 0 ? (
              <label className="block text-sm">
                <span className="sr-only">{t("saved.pick")}</span>
                <select value="" onChange={(e) => setText(saved.data.savedReplies.find((s) => s.id === e.target.value)?.text ?? text)} className="w-full rounded-md border border-slate-300 px-2 py-1" data-testid="inbox-saved-replies">
                  <option value="">{t("saved.pick")}</option>
                  {saved.data.savedReplies.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
                </select>
              </label>
            ) : null}
            {needsTemplate ? (
              <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_8rem]" data-testid="inbox-template">
                <label className="block text-sm">
                  <span className="mb-1 block text-xs font-medium text-slate-600">{t("reply.template")}</span>
                  <input value={template.name} onChange={(e) => setTemplate({ ...template, name: e.target.value })} maxLength={512} placeholder={t("reply.templatePlaceholder")} className="w-full rounded-md border border-slate-300 px-3 py-2" data-testid="inbox-template-name" />
                </label>
                <label className="block text-sm">
                  <span className="mb-1 block text-xs font-medium text-slate-600">{t("reply.templateLanguage")}</span>
                  <input value={template.language} onChange={(e) => setTemplate({ ...template, language: e.target.value })} maxLength={15} className="w-full rounded-md border border-slate-300 px-3 py-2" data-testid="inbox-template-language" />
                </label>
              </div>
            ) : null}
            <label className="block text-sm">
              <span className="sr-only">{t("reply.label")}</span>
              <textarea
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && canSend) send();
                }}
                rows={3}
                maxLength={2000}
                placeholder={needsTemplate ? t("reply.templateText") : t("reply.placeholder")}
                disabled={blocked}
                className="w-full rounded-md border border-slate-300 px-3 py-2"
                data-testid="inbox-reply-text"
              />
            </label>
            {reply.error ? <p className="text-sm text-red-700" role="alert">{reply.error.message}</p> : null}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={!canSend} data-testid="inbox-reply-send">{reply.isPending ? t("reply.sending") : t("reply.send")}</Button>
              <Button
                type="button"
                variant="secondary"
                disabled={!text.trim() || saveReply.isPending}
                onClick={() => {
                  const title = window.prompt(t("saved.title"));
                  if (title?.trim()) saveReply.mutate(title.trim().slice(0, 80));
                }}
              >
                {t("saved.save")}
              </Button>
              {reply.isSuccess ? <span className="self-center text-sm text-green-700" role="status">{t("reply.sent")}</span> : null}
            </div>
          </form>
        ) : null}
        <section aria-labelledby="inbox-notes" className="space-y-2 border-t border-slate-100 pt-3">
          <h3 id="inbox-notes" className="text-sm font-semibold">{t("notes.title")}</h3>
          <p className="text-xs text-slate-500">{t("notes.hint")}</p>
          {notes.length === 0 ? <p className="text-sm text-slate-500">{t("notes.empty")}</p> : (
            <ul className="space-y-1 text-sm" data-testid="inbox-notes">
              {notes.map((n) => <li key={n.id}><span className="text-slate-500">{n.authorName ?? "—"} · {format.relativeTime(new Date(n.createdAt))}: </span><span data-user-content>{n.text}</span></li>)}
            </ul>
          )}
          {canEdit ? (
            <form className="flex flex-col gap-2 sm:flex-row" onSubmit={(e) => { e.preventDefault(); if (note.trim()) addNote.mutate(); }}>
              <label className="flex-1 text-sm">
                <span className="sr-only">{t("notes.placeholder")}</span>
                <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder={t("notes.placeholder")} className="w-full rounded-md border border-slate-300 px-3 py-2" data-testid="inbox-note-text" />
              </label>
              <Button type="submit" variant="secondary" disabled={!note.trim() || addNote.isPending}>{t("notes.add")}</Button>
            </form>
          ) : null}
        </section>
      </div>
    </Card>
  );
}
