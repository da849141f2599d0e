"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { EyeOff, Eye, Inbox, MessageSquare, RefreshCw, Send } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { hideCommentEndpoint, listCommentsEndpoint, pollCommentsNowEndpoint, replyToCommentEndpoint, type CommentDto } from "@/lib/inbox/comments/contracts";
import { COMMENT_STATUSES } from "@/lib/inbox/comments/schemas";

type Page = { comments: CommentDto[]; nextCursor: string | null; polling: { activePosts: number; lastCheckAt: string | null } };
type Status = (typeof COMMENT_STATUSES)[number];

export const commentKeys = {
  list: (org: string, status: string) => ["org", org, "inbox", "comments", status] as const,
};

/** Comments under our posts: filter by status, reply with one's own words, hide where the network allows, check now. */
export function CommentsBoard({ org, initial, canEdit }: { org: string; initial: Page; canEdit: boolean }) {
  const t = useTranslations("inboxInsights.comments");
  const ts = useTranslations("domain.commentStatus");
  const format = useFormatter();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status | "">("");
  const q = useInfiniteQuery({
    queryKey: commentKeys.list(org, status),
    queryFn: ({ pageParam }) => callApi(listCommentsEndpoint, { params: { org }, query: { status: status || undefined, cursor: pageParam ?? undefined, take: 30 } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: status === "" ? { pages: [initial], pageParams: [null] } : undefined,
  });
  const poll = useMutation({
    mutationFn: () => callApi(pollCommentsNowEndpoint, { params: { org }, body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["org", org, "inbox", "comments"] }),
  });
  const comments = q.data?.pages.flatMap((p) => p.comments) ?? [];
  const polling = q.data?.pages[0]?.polling ?? initial.polling;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="comments-polling">
          {t("polling", { count: polling.activePosts })}
          {polling.lastCheckAt ? <> · {t("lastCheck", { ago: format.relativeTime(new Date(polling.lastCheckAt)) })}</> : null}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor="comment-status">
            {t("filter")}
          </label>
          <Select id="comment-status" value={status} onChange={(e) => setStatus(e.target.value as Status | "")} className="w-auto" data-testid="comment-status-filter">
            <option value="">{t("all")}</option>
            {COMMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </Select>
          {canEdit ? (
            <Button variant="secondary" onClick={() => poll.mutate()} disabled={poll.isPending} data-testid="comments-poll-now">
              <RefreshCw className={`h-4 w-4 ${poll.isPending ? "animate-spin" : ""}`} aria-hidden />
              {t("checkNow")}
            </Button>
          ) : null}
        </div>
      </div>
      {poll.data ? (
        <p className="text-sm text-slate-600" role="status">
          {t("checked", { posts: poll.data.publications, count: poll.data.newComments })}
        </p>
      ) : null}
      {poll.error ? (
        <p className="text-sm text-red-700" role="alert">
          {poll.error.message}
        </p>
      ) : null}
      {q.isPending ? (
        <p className="text-sm text-slate-500" role="status" data-testid="comments-loading">
          {t("loading")}
        </p>
      ) : q.isError ? (
        <p className="text-sm text-red-700" role="alert">
          {q.error.message}
        </p>
      ) : comments.length === 0 ? (
        <EmptyState icon={<MessageSquare className="h-8 w-8" aria-hidden />} title={t(status ? "emptyFilteredTitle" : "emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" data-testid="comments-list">
            {comments.map((c) => (
              <CommentRow key={c.id} org={org} comment={c} canEdit={canEdit} />
            ))}
          </ul>
        </Card>
      )}
      {q.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => q.fetchNextPage()} disabled={q.isFetchingNextPage}>
            {t("more")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function CommentRow({ org, comment: c, canEdit }: { org: string; comment: CommentDto; canEdit: boolean }) {
  const t = useTranslations("inboxInsights.comments");
  const td = useTranslations("domain");
  const format = useFormatter();
  const qc = useQueryClient();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ["org", org, "inbox", "comments"] });
  const reply = useMutation({
    mutationFn: () => callApi(replyToCommentEndpoint, { params: { org, id: c.id }, body: { text } }),
    onSuccess: () => {
      setText("");
      setOpen(false);
      void refresh();
    },
  });
  const hide = useMutation({ mutationFn: (hidden: boolean) => callApi(hideCommentEndpoint, { params: { org, id: c.id }, body: { hidden } }), onSuccess: () => void refresh() });
  const replyError = reply.error ? reply.error.message : null;
  return (
    <li className="space-y-2 px-4 py-3 text-sm sm:px-5" data-testid="comment-row">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900" data-user-content>
          {c.authorName ?? t("anonymous")}
        </span>
        <PlatformBadge platform={c.platform} />
        <StatusBadge kind="commentStatus" value={c.status} />
        {c.triage ? <Badge tone="violet">{td(`triage.${c.triage}`)}</Badge> : null}
        <span className="ml-auto whitespace-nowrap text-xs text-slate-500">{format.relativeTime(new Date(c.postedAt))}</span>
      </div>
      <p className={`break-words ${c.hidden ? "text-slate-400 line-through" : "text-slate-700"}`} data-user-content>
        {c.text}
      </p>
      {c.postTitle ? (
        <p className="truncate text-xs text-slate-500">
          {t("onPost")}{" "}
          <span data-user-content>
            {c.postUrl ? (
              <a href={c.postUrl} target="_blank" rel="noreferrer" className="underline hover:text-brand-700">
                {c.postTitle}
              </a>
            ) : (
              c.postTitle
            )}
          </span>
        </p>
      ) : null}
      {c.replies.length > 0 ? (
        <ul className="space-y-1 border-l-2 border-brand-100 pl-3">
          {c.replies.map((r) => (
            <li key={r.id} className="text-slate-600">
              <span className="text-xs font-medium text-brand-700">{t("ourReply")}</span>{" "}
              <span className="break-words" data-user-content>
                {r.text}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit || c.conversationId ? (
        <div className="flex flex-wrap gap-2">
          {canEdit ? (
            <Button variant="ghost" className="px-2 py-1" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="comment-reply-toggle">
              <MessageSquare className="h-4 w-4" aria-hidden /> {t("reply")}
            </Button>
          ) : null}
          {c.conversationId ? (
            <Link href={`/${org}/inbox?conversation=${encodeURIComponent(c.conversationId)}`} className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100" data-testid="comment-conversation">
              <Inbox className="h-4 w-4" aria-hidden /> {t("openConversation")}
            </Link>
          ) : null}
          {canEdit && c.canHide ? (
            <Button variant="ghost" className="px-2 py-1" onClick={() => hide.mutate(!c.hidden)} disabled={hide.isPending} data-testid="comment-hide">
              {c.hidden ? <Eye className="h-4 w-4" aria-hidden /> : <EyeOff className="h-4 w-4" aria-hidden />} {t(c.hidden ? "show" : "hide")}
            </Button>
          ) : null}
          {hide.error ? (
            <span className="text-xs text-red-700" role="alert">
              {hide.error.message}
            </span>
          ) : null}
        </div>
      ) : null}
      {open ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            reply.mutate();
          }}
        >
          <label htmlFor={`reply-${c.id}`} className="sr-only">
            {t("replyLabel")}
          </label>
          <textarea
            id={`reply-${c.id}`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={1000}
            rows={2}
            placeholder={t("replyPlaceholder")}
            className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
            data-testid="comment-reply-text"
          />
          {replyError ? (
            <p className="text-xs text-red-700" role="alert">
              {replyError}
            </p>
          ) : null}
          <Button type="submit" disabled={reply.isPending || text.trim() === ""} data-testid="comment-reply-send">
            <Send className="h-4 w-4" aria-hidden /> {t("send")}
          </Button>
        </form>
      ) : null}
    </li>
  );
}
