"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ListOrdered } from "lucide-react";
import { PlatformBadge } from "@/components/domain/badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { callApi } from "@/lib/api/client";
import { listPublishQueueEndpoint, reschedulePublicationEndpoint, retryPublicationEndpoint, type QueueItemDto } from "@/lib/publishing/contracts";
import { publishingKeys } from "./query-keys";
import { PublicationStatusBadge } from "./status-badge";
import { timelineRawError, useTimelineText } from "./timeline-text";

const LEVEL = { ERROR: "text-red-700", WARN: "text-amber-800", INFO: "text-slate-700", DEBUG: "text-slate-500" } as const;
const DUE_WINDOW_MS = 10 * 60_000;

/** Work in flight: uploading / processing, or scheduled and due in the last 10 minutes (about to be picked up). */
function inFlight(items: QueueItemDto[], now: number): boolean {
  return items.some((i) => i.status === "UPLOADING" || i.status === "PROCESSING" || (i.status === "SCHEDULED" && new Date(i.scheduledAt).getTime() <= now && now - new Date(i.scheduledAt).getTime() < DUE_WINDOW_MS));
}

/**
 * Publish queue per platform: each publication's events in order, refreshed every 3 s while work is in
 * flight. "Publish now" moves a scheduled publication to the current time (the calendar's reschedule).
 */
export function QueueView({ org, canPublish = true }: { org: string; canPublish?: boolean }) {
  const t = useTranslations("publishing.queue");
  const te = useTranslations("publishing.errors");
  const format = useFormatter();
  const timelineText = useTimelineText();
  const qc = useQueryClient();
  const [failures, setFailures] = useState<Record<string, string>>({});
  const q = useQuery({
    queryKey: publishingKeys.queue(org),
    queryFn: () => callApi(listPublishQueueEndpoint, { params: { org } }),
    refetchInterval: (query) => (inFlight(query.state.data?.items ?? [], Date.now()) ? 3_000 : 30_000),
  });
  const clearFailure = (id: string) =>
    setFailures((f) => {
      const next = { ...f };
      delete next[id];
      return next;
    });
  const publishNow = useMutation({
    mutationFn: (id: string) => callApi(reschedulePublicationEndpoint, { params: { org, id }, body: { scheduledAt: new Date().toISOString() } }),
    onMutate: clearFailure,
    onError: (err, id) => setFailures((f) => ({ ...f, [id]: t("publishNowFailed", { message: err.message }) })),
    onSettled: () => qc.invalidateQueries({ queryKey: publishingKeys.all(org) }),
  });
  /** "Réessayer" on a FAILED publication: MKT-107 publishes it again now (409 when it is no longer FAILED). */
  const retry = useMutation({
    mutationFn: (id: string) => callApi(retryPublicationEndpoint, { params: { org, id }, body: {} }),
    onMutate: clearFailure,
    onError: (err, id) => setFailures((f) => ({ ...f, [id]: t("retryFailed", { message: err.message }) })),
    onSettled: () => qc.invalidateQueries({ queryKey: publishingKeys.all(org) }),
  });
  if (q.isPending) return <p role="status" className="text-sm text-slate-500">{t("loading")}</p>;
  if (q.isError) return <div role="alert" className="text-sm text-red-700">{t("error")} <Button variant="secondary" onClick={() => q.refetch()}>{t("retry")}</Button></div>;
  if (q.data.items.length === 0) return <EmptyState icon={<ListOrdered className="h-6 w-6" />} title={t("empty")} description={t("description")} />;
  const platforms = [...new Set(q.data.items.map((i) => i.platform))];
  return (
    <div className="space-y-6" data-testid="publish-queue">
      {platforms.map((platform) => (
        <section key={platform} aria-labelledby={`q-${platform}`} className="space-y-2">
          <h2 id={`q-${platform}`} className="text-sm font-semibold"><PlatformBadge platform={platform} /></h2>
          <ul className="space-y-2">
            {q.data.items.filter((i) => i.platform === platform).map((item) => (
              <li key={item.id} data-testid="queue-item" data-publication-id={item.id} data-status={item.status}>
                <Card className="space-y-2 p-3">
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span data-testid="queue-item-status">
                      <PublicationStatusBadge status={item.status} />
                    </span>
                    <PlatformBadge platform={item.platform} sandbox={item.account.isSandbox} />
                    <span className="text-slate-500">{format.dateTime(new Date(item.scheduledAt), { dateStyle: "medium", timeStyle: "short" })}</span>
                    <span className="text-slate-500">{t("attempts", { attempts: item.attempts, max: item.maxAttempts })}</span>
                    {item.platformPostUrl ? <a className="text-brand-700 underline" href={item.platformPostUrl} target="_blank" rel="noreferrer">{t("open")}</a> : null}
                    {canPublish && item.status === "SCHEDULED" && new Date(item.scheduledAt).getTime() > q.dataUpdatedAt ? (
                      <Button
                        variant="secondary"
                        className="ml-auto px-2.5 py-1 text-xs"
                        disabled={publishNow.isPending && publishNow.variables === item.id}
                        onClick={() => publishNow.mutate(item.id)}
                      >
                        {publishNow.isPending && publishNow.variables === item.id ? t("publishing") : t("publishNow")}
                      </Button>
                    ) : null}
                    {canPublish && item.status === "FAILED" ? (
                      <Button
                        variant="secondary"
                        className="ml-auto px-2.5 py-1 text-xs"
                        data-testid="retry-publication"
                        disabled={retry.isPending && retry.variables === item.id}
                        onClick={() => retry.mutate(item.id)}
                      >
                        {retry.isPending && retry.variables === item.id ? t("retrying") : t("retryPublication")}
                      </Button>
                    ) : null}
                  </div>
                  {failures[item.id] ? <p role="alert" className="text-xs text-red-700">{failures[item.id]}</p> : null}
                  <p className="text-sm text-slate-800">
                    <Link href={`/${org}/content/${item.piece.id}`} className="hover:text-brand-700 hover:underline">
                      {item.piece.title ?? item.piece.excerpt}
                    </Link>
                  </p>
                  <ol className="border-l border-slate-200 pl-3 text-xs">
                    {item.events.map((e) => (
                      <li key={e.id} className={LEVEL[e.level as keyof typeof LEVEL] ?? "text-slate-700"} data-testid="queue-event" data-error-key={e.error?.key}>
                        <time dateTime={e.at} className="mr-2 text-slate-500">{format.dateTime(new Date(e.at), { timeStyle: "medium" })}</time>
                        {e.status ? <span className="mr-1"><PublicationStatusBadge status={e.status} /></span> : null}
                        {timelineText(e)}
                        {timelineRawError(e) ? (
                          <details className="text-slate-500">
                            <summary className="cursor-pointer select-none">{te("details")}</summary>
                            <code className="block break-words font-mono">{timelineRawError(e)}</code>
                          </details>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
