"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { ListOrdered } from "lucide-react";
import { PlatformBadge } from "@/components/domain/badges";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { apiFetch } from "@/lib/api-client";
import type { QueueItemDto } from "@/lib/publishing/list-publish-queue";
import { publishingKeys } from "./query-keys";
import { PublicationStatusBadge } from "./status-badge";

const LEVEL = { ERROR: "text-red-700", WARN: "text-amber-800", INFO: "text-slate-700", DEBUG: "text-slate-500" } as const;

/** Publish queue per platform: each publication's events in order, refreshed while work is in flight. */
export function QueueView({ org }: { org: string }) {
  const t = useTranslations("publishing.queue");
  const format = useFormatter();
  const q = useQuery({
    queryKey: publishingKeys.queue(org),
    queryFn: () => apiFetch<{ items: QueueItemDto[] }>(`/api/orgs/${org}/publications/queue`),
    refetchInterval: (query) => (query.state.data?.items.some((i) => ["UPLOADING", "PROCESSING"].includes(i.status)) ? 3_000 : 30_000),
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
              <li key={item.id}>
                <Card className="space-y-2 p-3">
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <PublicationStatusBadge status={item.status} />
                    <PlatformBadge platform={item.platform} sandbox={item.account.isSandbox} />
                    <span className="text-slate-500">{format.dateTime(new Date(item.scheduledAt), { dateStyle: "medium", timeStyle: "short" })}</span>
                    <span className="text-slate-500">{t("attempts", { attempts: item.attempts, max: item.maxAttempts })}</span>
                    {item.platformPostUrl ? <a className="text-brand-700 underline" href={item.platformPostUrl} target="_blank" rel="noreferrer">{t("open")}</a> : null}
                  </div>
                  <p className="text-sm text-slate-800">{item.piece.title ?? item.piece.excerpt}</p>
                  <ol className="border-l border-slate-200 pl-3 text-xs">
                    {item.events.map((e) => (
                      <li key={e.id} className={LEVEL[e.level as keyof typeof LEVEL] ?? "text-slate-700"}>
                        <time dateTime={e.at} className="mr-2 text-slate-500">{format.dateTime(new Date(e.at), { timeStyle: "medium" })}</time>
                        {e.status ? <span className="mr-1"><PublicationStatusBadge status={e.status} /></span> : null}
                        {e.message}
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
