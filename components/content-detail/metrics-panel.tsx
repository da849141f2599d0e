"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { TrendChart } from "@/components/charts/trend-chart";
import { PlatformBadge, usePlatformLabel } from "@/components/domain/badges";
import { contentMetricsKeys } from "@/components/media/query-keys";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { collectContentMetricsEndpoint, getContentMetricsEndpoint, type MetricPointDto } from "@/lib/analytics/metrics/contracts";
import { callApi } from "@/lib/api/client";

/** Sums the publications' snapshots per capture time (each slot is a 2-hour capture of cumulative figures). */
function merge(series: MetricPointDto[][]): MetricPointDto[] {
  const by = new Map<string, MetricPointDto>();
  for (const points of series)
    for (const p of points) {
      const cur = by.get(p.capturedAt);
      by.set(
        p.capturedAt,
        cur
          ? { ...cur, impressions: cur.impressions + p.impressions, reach: cur.reach + p.reach, engagements: cur.engagements + p.engagements, likes: cur.likes + p.likes, comments: cur.comments + p.comments, shares: cur.shares + p.shares, saves: cur.saves + p.saves, clicks: cur.clicks + p.clicks, engagementScore: cur.engagementScore + p.engagementScore, engagementRate: 0 }
          : { ...p },
      );
    }
  return [...by.values()]
    .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))
    .map((p) => ({ ...p, engagementRate: p.impressions > 0 ? (p.engagements / p.impressions) * 100 : p.reach > 0 ? (p.engagements / p.reach) * 100 : 0 }));
}

/**
 * MKT-108 time series of a piece: chart over time (impressions, engagements), latest rate and score, and a table.
 * "Collect metrics now" (once something is posted) takes this 2-hour slot's snapshot at once, then the chart refreshes.
 */
export function MetricsPanel({ org, contentPieceId, canCollect = true }: { org: string; contentPieceId: string; canCollect?: boolean }) {
  const t = useTranslations("metrics");
  const tc = useTranslations("common");
  const format = useFormatter();
  const platformLabel = usePlatformLabel();
  const selectId = useId();
  const [publicationId, setPublicationId] = useState<string>("all");
  const q = useQuery({
    queryKey: contentMetricsKeys.metrics(org, contentPieceId),
    queryFn: () => callApi(getContentMetricsEndpoint, { params: { org, id: contentPieceId } }).then((r) => r.metrics),
    refetchInterval: 5 * 60_000,
  });
  const qc = useQueryClient();
  const [collectMessage, setCollectMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const collect = useMutation({
    mutationFn: () => callApi(collectContentMetricsEndpoint, { params: { org, id: contentPieceId }, body: {} }),
    onMutate: () => setCollectMessage(null),
    onSuccess: ({ collected }) =>
      setCollectMessage(
        collected.failed.length > 0
          ? { tone: "error", text: `${t("collected", { count: collected.publicationIds.length })} ${t("collectPartial", { count: collected.failed.length })}` }
          : { tone: "ok", text: t("collected", { count: collected.publicationIds.length }) },
      ),
    onError: (err) => setCollectMessage({ tone: "error", text: t("collectFailed", { message: err.message }) }),
    onSettled: () => qc.invalidateQueries({ queryKey: contentMetricsKeys.metrics(org, contentPieceId) }),
  });
  const pubs = useMemo(() => q.data?.publications ?? [], [q.data]);
  const points = useMemo(() => merge((publicationId === "all" ? pubs : pubs.filter((p) => p.publicationId === publicationId)).map((p) => p.points)), [pubs, publicationId]);
  const latest = points.at(-1);
  const posted = pubs.some((p) => p.postedAt);
  const pct = (v: number) => `${format.number(v, { maximumFractionDigits: 2 })} %`;
  return (
    <Card data-testid="metrics-panel">
      <CardHeader
        title={t("chartTitle")}
        description={t("chartHint")}
        action={
          <div className="flex flex-wrap items-center justify-end gap-2">
            {canCollect && posted ? (
              <Button variant="secondary" disabled={collect.isPending} onClick={() => collect.mutate()} data-testid="metrics-collect">
                {collect.isPending ? t("collecting") : t("collectNow")}
              </Button>
            ) : null}
            {pubs.length > 1 ? (
              <div className="flex min-w-0 items-center gap-2 text-sm">
                <label htmlFor={selectId} className="text-slate-500">
                  {t("publicationFilter")}
                </label>
                <select id={selectId} value={publicationId} onChange={(e) => setPublicationId(e.target.value)} className="min-w-0 max-w-full rounded-md border border-slate-300 px-2 py-1 text-sm">
                  <option value="all">{t("allPublications")}</option>
                  {pubs.map((p) => (
                    <option key={p.publicationId} value={p.publicationId}>
                      {platformLabel(p.platform)} {p.postedAt ? format.dateTime(new Date(p.postedAt), { dateStyle: "short" }) : ""}
                    </option>
                  ))}
                </select>
              </div>
            ) : pubs[0] ? (
              <PlatformBadge platform={pubs[0].platform} />
            ) : null}
          </div>
        }
      />
      <CardBody>
        {collectMessage ? (
          <p role="status" className={collectMessage.tone === "ok" ? "mb-3 text-sm text-emerald-700" : "mb-3 text-sm text-red-700"}>
            {collectMessage.text}
          </p>
        ) : null}
        {q.isPending ? (
          <p className="text-sm text-slate-500" aria-busy="true">
            {t("chartLoading")}
          </p>
        ) : q.isError ? (
          <div className="flex items-center gap-3 text-sm text-red-700" role="alert">
            {t("chartError")}
            <Button variant="ghost" onClick={() => void q.refetch()}>
              {tc("retry")}
            </Button>
          </div>
        ) : points.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="metrics-empty">
            {t("chartEmpty")}
          </p>
        ) : (
          <div className="space-y-5">
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="metrics-latest">
              <Stat label={t("impressions")} value={format.number(latest!.impressions)} />
              <Stat label={t("engagementRate")} value={pct(latest!.engagementRate)} hint={t("rateHint")} />
              <Stat label={t("engagementScore")} value={format.number(latest!.engagementScore)} hint={t("scoreHint")} />
            </div>
            <div data-testid="metrics-chart">
              <TrendChart
                data={points.map((p) => ({ day: p.capturedAt, impressions: p.impressions, engagements: p.engagements }))}
                series={[
                  { key: "impressions", label: t("series.impressions"), color: "#2563eb" },
                  { key: "engagements", label: t("series.engagements"), color: "#db2777" },
                ]}
              />
            </div>
            <details className="text-sm">
              <summary className="cursor-pointer text-slate-600">{t("latest")}</summary>
              <table className="table-list mt-2 w-full text-left text-xs" data-testid="metrics-table">
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1 font-medium">{t("table.time")}</th>
                    <th className="py-1 text-right font-medium">{t("table.impressions")}</th>
                    <th className="py-1 text-right font-medium">{t("table.engagements")}</th>
                    <th className="py-1 text-right font-medium">{t("table.rate")}</th>
                    <th className="py-1 text-right font-medium">{t("table.score")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 tabular-nums">
                  {points
                    .slice(-12)
                    .reverse()
                    .map((p) => (
                      <tr key={p.capturedAt}>
                        <td data-label={t("table.time")} className="py-1">{format.dateTime(new Date(p.capturedAt), { dateStyle: "short", timeStyle: "short" })}</td>
                        <td data-label={t("table.impressions")} className="py-1 text-right">{format.number(p.impressions)}</td>
                        <td data-label={t("table.engagements")} className="py-1 text-right">{format.number(p.engagements)}</td>
                        <td data-label={t("table.rate")} className="py-1 text-right">{pct(p.engagementRate)}</td>
                        <td data-label={t("table.score")} className="py-1 text-right">{format.number(p.engagementScore)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </details>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
