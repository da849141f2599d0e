"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDownRight, ArrowUpRight, Download, Loader2, RefreshCw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { TrendChart } from "@/components/charts/trend-chart";
import { ConfirmDialog } from "@/components/connections/confirm-dialog";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/input";
import {
  exportAnalyticsEndpoint,
  getAnalyticsBackfillEndpoint,
  getAnalyticsReportEndpoint,
  requestAnalyticsBackfillEndpoint,
  type AnalyticsTotalsDto,
} from "@/lib/analytics/daily/contracts";
import { ANALYTICS_MAX_DAYS, deltaPercent, shiftDate as addDays, spanDays, type AnalyticsNetwork } from "@/lib/analytics/daily/schemas";
import { callApi, endpointUrl } from "@/lib/api/client";
import { cn } from "@/lib/utils";
import { analyticsKeys } from "./query-keys";

type Preset = 7 | 30 | 90 | "custom";
const PRESETS = [7, 30, 90] as const;

/**
 * The Analytics page (MKT-402): a range of the organisation's local dates (7 / 30 / 90 days ending
 * yesterday, or custom), brand and network filters, totals with the change against the previous
 * period of the same length, daily charts, the posts of the period (paged), CSV export of the rows
 * and "Recompute the period" (backfill) with its progress.
 */
export function AnalyticsView({ org, yesterday, canRecompute }: { org: string; yesterday: string; canRecompute: boolean }) {
  const t = useTranslations("analytics");
  const td = useTranslations("domain.platforms");
  const format = useFormatter();
  const qc = useQueryClient();
  const [preset, setPreset] = useState<Preset>(30);
  const [range, setRange] = useState({ from: addDays(yesterday, -29), to: yesterday });
  const [custom, setCustom] = useState(range);
  const [brand, setBrand] = useState<string>("");
  const [network, setNetwork] = useState<string>("");
  const [page, setPage] = useState(1);
  const [confirming, setConfirming] = useState(false);

  const query = { from: range.from, to: range.to, brand: brand || undefined, network: (network || undefined) as AnalyticsNetwork | undefined, page };
  const report = useQuery({
    queryKey: analyticsKeys.report(org, query),
    queryFn: () => callApi(getAnalyticsReportEndpoint, { params: { org }, query }),
    placeholderData: keepPreviousData,
  });
  const backfill = useQuery({
    queryKey: analyticsKeys.backfill(org),
    queryFn: () => callApi(getAnalyticsBackfillEndpoint, { params: { org } }),
    refetchInterval: (q) => (q.state.data?.backfill?.status === "RUNNING" ? 2_000 : false),
  });
  const running = backfill.data?.backfill?.status === "RUNNING";
  // When a recomputation ends, the figures it rewrote are read again.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      void qc.invalidateQueries({ queryKey: analyticsKeys.all(org) });
    }
  }, [running, qc, org]);
  const recompute = useMutation({
    mutationFn: () => callApi(requestAnalyticsBackfillEndpoint, { params: { org }, body: { from: range.from, to: range.to } }),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: analyticsKeys.backfill(org) });
    },
  });

  const choosePreset = (p: Preset) => {
    setPreset(p);
    setPage(1);
    if (p !== "custom") setRange({ from: addDays(yesterday, -(p - 1)), to: yesterday });
  };
  const customValid = custom.from <= custom.to && spanDays(custom.from, custom.to) <= ANALYTICS_MAX_DAYS;
  const data = report.data;
  const totals = data?.totals;
  const prev = data?.previousTotals;
  const money = (minor: number) => format.number(minor / 100, { style: "currency", currency: data?.currency ?? "EUR", maximumFractionDigits: 0 });
  const dateLabel = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const empty = data && data.days.every((d) => d.impressions + d.engagements + d.adSpendMinor + d.leadsNew + d.conversions + d.postsPublished === 0);
  const pages = data ? Math.max(1, Math.ceil(data.posts.total / data.posts.pageSize)) : 1;
  const kpis: { key: string; label: string; value: (x: AnalyticsTotalsDto) => number | null; show: (v: number) => string }[] = [
    { key: "impressions", label: t("kpi.impressions"), value: (x) => x.impressions, show: (v) => format.number(v, { notation: "compact" }) },
    { key: "engagements", label: t("kpi.engagements"), value: (x) => x.engagements, show: (v) => format.number(v, { notation: "compact" }) },
    {
      key: "engagementRate",
      label: t("kpi.engagementRate"),
      value: (x) => x.engagementRate,
      show: (v) => format.number(v / 100, { style: "percent", maximumFractionDigits: 1 }),
    },
    { key: "posts", label: t("kpi.posts"), value: (x) => x.postsPublished, show: (v) => format.number(v) },
    { key: "adSpend", label: t("kpi.adSpend"), value: (x) => x.adSpendMinor, show: money },
    { key: "roas", label: t("kpi.roas"), value: (x) => x.roas, show: (v) => `${format.number(v, { maximumFractionDigits: 2 })}×` },
    { key: "leadsNew", label: t("kpi.leadsNew"), value: (x) => x.leadsNew, show: (v) => format.number(v) },
    { key: "conversions", label: t("kpi.conversions"), value: (x) => x.conversions, show: (v) => format.number(v) },
  ];

  return (
    <div className="space-y-6" data-testid="analytics-view">
      <Card>
        <CardBody className="flex flex-col gap-4 lg:flex-row lg:flex-wrap lg:items-end lg:justify-between">
          <fieldset className="min-w-0">
            <legend className="mb-1.5 text-sm font-medium text-slate-700">{t("range.label")}</legend>
            <div className="flex flex-wrap gap-2" role="group">
              {PRESETS.map((p) => (
                <Button
                  key={p}
                  type="button"
                  variant={preset === p ? "primary" : "secondary"}
                  aria-pressed={preset === p}
                  onClick={() => choosePreset(p)}
                  data-testid={`analytics-preset-${p}`}
                >
                  {t(`range.last${p}`)}
                </Button>
              ))}
              <Button
                type="button"
                variant={preset === "custom" ? "primary" : "secondary"}
                aria-pressed={preset === "custom"}
                onClick={() => choosePreset("custom")}
                data-testid="analytics-preset-custom"
              >
                {t("range.custom")}
              </Button>
            </div>
            {preset === "custom" ? (
              <form
                className="mt-3 flex flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!customValid) return;
                  setRange(custom);
                  setPage(1);
                }}
              >
                <label className="text-xs text-slate-600">
                  {t("range.from")}
                  <Input
                    type="date"
                    value={custom.from}
                    max={yesterday}
                    onChange={(e) => setCustom({ ...custom, from: e.target.value })}
                    data-testid="analytics-from"
                  />
                </label>
                <label className="text-xs text-slate-600">
                  {t("range.to")}
                  <Input
                    type="date"
                    value={custom.to}
                    max={yesterday}
                    onChange={(e) => setCustom({ ...custom, to: e.target.value })}
                    data-testid="analytics-to"
                  />
                </label>
                <Button type="submit" variant="secondary" disabled={!customValid}>
                  {t("range.apply")}
                </Button>
              </form>
            ) : null}
          </fieldset>
          <div className="grid grid-cols-2 gap-2 sm:flex sm:items-end">
            <label className="text-xs text-slate-600">
              {t("filters.brand")}
              <Select
                value={brand}
                onChange={(e) => {
                  setBrand(e.target.value);
                  setPage(1);
                }}
                data-testid="analytics-brand"
              >
                <option value="">{t("filters.allBrands")}</option>
                {data?.brands.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </Select>
            </label>
            <label className="text-xs text-slate-600">
              {t("filters.network")}
              <Select
                value={network}
                onChange={(e) => {
                  setNetwork(e.target.value);
                  setPage(1);
                }}
                data-testid="analytics-network"
              >
                <option value="">{t("filters.allNetworks")}</option>
                {data?.networks.map((n) => (
                  <option key={n} value={n}>
                    {n === "NONE" ? t("filters.noNetwork") : td(n)}
                  </option>
                ))}
              </Select>
            </label>
          </div>
          <div className="flex flex-wrap gap-2">
            <a
              href={endpointUrl(exportAnalyticsEndpoint, {
                params: { org },
                query: { from: range.from, to: range.to, brand: brand || undefined, network: network || undefined },
              })}
              className={buttonClass("secondary")}
              download
              data-testid="analytics-export"
            >
              <Download className="h-4 w-4" aria-hidden />
              {t("exportCsv")}
            </a>
            {canRecompute ? (
              <Button
                type="button"
                variant="secondary"
                disabled={running || recompute.isPending}
                onClick={() => setConfirming(true)}
                data-testid="analytics-recompute"
              >
                {running ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <RefreshCw className="h-4 w-4" aria-hidden />}
                {t("backfill.button")}
              </Button>
            ) : null}
          </div>
        </CardBody>
        <BackfillStatus backfill={backfill.data?.backfill ?? null} dateLabel={dateLabel} />
      </Card>

      {confirming ? (
        <ConfirmDialog
          title={t("backfill.button")}
          body={t("backfill.confirm", { days: spanDays(range.from, range.to) })}
          confirmLabel={t("backfill.start")}
          cancelLabel={t("backfill.cancel")}
          pending={recompute.isPending}
          error={recompute.error?.message ?? null}
          onConfirm={() => recompute.mutate()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}

      {report.isPending ? (
        <div
          className="flex items-center gap-2 rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-500"
          role="status"
          data-testid="analytics-loading"
        >
          <Loader2 className="h-4 w-4 animate-spin" aria-hidden />
          {t("loading")}
        </div>
      ) : report.isError ? (
        <div className="rounded-xl border border-red-200 bg-red-50 p-6 text-sm text-red-700" role="alert" data-testid="analytics-error">
          <p>{report.error.message || t("error")}</p>
          <Button type="button" variant="secondary" className="mt-3" onClick={() => void report.refetch()}>
            {t("retry")}
          </Button>
        </div>
      ) : empty ? (
        <EmptyState title={`${dateLabel(range.from)} – ${dateLabel(range.to)}`} description={t("emptyRange")} />
      ) : data && totals && prev ? (
        <div className={cn("space-y-6", report.isFetching && "opacity-70")} aria-busy={report.isFetching}>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="analytics-kpis">
            {kpis.map((k) => {
              const now = k.value(totals);
              const before = k.value(prev);
              const delta = deltaPercent(now, before);
              const better = k.key === "adSpend" ? null : delta !== null && delta >= 0;
              return (
                <Card key={k.key} className="px-4 py-3" data-testid={`analytics-kpi-${k.key}`}>
                  <p className="text-xs font-medium text-slate-500">{k.label}</p>
                  <p className="mt-1 text-xl font-semibold tabular-nums text-slate-900 sm:text-2xl">{now === null ? "—" : k.show(now)}</p>
                  <p
                    className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500"
                    title={t("kpi.vsPrevious", { from: dateLabel(data.previous.from), to: dateLabel(data.previous.to) })}
                  >
                    {delta === null ? (
                      t("kpi.noPrevious")
                    ) : (
                      <span
                        className={cn(
                          "inline-flex items-center font-medium",
                          better === null ? "text-slate-700" : better ? "text-emerald-700" : "text-red-700",
                        )}
                        data-testid={`analytics-delta-${k.key}`}
                      >
                        {delta >= 0 ? <ArrowUpRight className="h-3 w-3" aria-hidden /> : <ArrowDownRight className="h-3 w-3" aria-hidden />}
                        {format.number(delta / 100, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" })}
                      </span>
                    )}
                  </p>
                </Card>
              );
            })}
          </div>
          <p className="text-xs text-slate-500" data-testid="analytics-range">
            {t("range.shown", { from: dateLabel(data.from), to: dateLabel(data.to) })} ·{" "}
            {t("kpi.vsPrevious", { from: dateLabel(data.previous.from), to: dateLabel(data.previous.to) })}
          </p>

          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card className="lg:col-span-2">
              <CardHeader title={t("charts.reach")} />
              <CardBody>
                <TrendChart
                  data={data.days}
                  series={[
                    { key: "impressions", label: t("kpi.impressions"), color: "#2f6fed" },
                    { key: "engagements", label: t("kpi.engagements"), color: "#10b981" },
                  ]}
                />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title={t("charts.leads")} />
              <CardBody>
                <TrendChart
                  data={data.days}
                  height={200}
                  series={[
                    { key: "leadsNew", label: t("leadsNew"), color: "#8b5cf6" },
                    { key: "conversions", label: t("conversions"), color: "#10b981" },
                  ]}
                />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title={t("charts.spend")} />
              <CardBody>
                <TrendChart
                  data={data.days}
                  height={200}
                  currency={data.currency}
                  series={[
                    { key: "adSpendMinor", label: t("spend"), color: "#ef4444" },
                    { key: "adRevenueMinor", label: t("revenue"), color: "#10b981" },
                  ]}
                />
              </CardBody>
            </Card>
          </div>

          <Card data-testid="analytics-posts">
            <CardHeader title={t("posts.title")} />
            <CardBody className="p-0">
              {data.posts.items.length === 0 ? (
                <p className="p-4 text-sm text-slate-500">{t("posts.empty")}</p>
              ) : (
                <div className="overflow-x-auto">
                  <table className="w-full min-w-[36rem] text-sm">
                    <thead className="bg-slate-50 text-left text-xs text-slate-500">
                      <tr>
                        <th className="px-4 py-2 font-medium">{t("posts.post")}</th>
                        <th className="px-4 py-2 font-medium">{t("posts.network")}</th>
                        <th className="px-4 py-2 font-medium">{t("posts.postedAt")}</th>
                        <th className="px-4 py-2 text-right font-medium">{t("posts.impressions")}</th>
                        <th className="px-4 py-2 text-right font-medium">{t("posts.engagements")}</th>
                        <th className="px-4 py-2 text-right font-medium">{t("posts.rate")}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {data.posts.items.map((p) => (
                        <tr key={p.publicationId}>
                          <td className="max-w-[16rem] truncate px-4 py-2" data-user-content>
                            <a href={`/${org}/content/${p.contentPieceId}`} className="text-slate-900 hover:underline">
                              {p.title}
                            </a>
                          </td>
                          <td className="px-4 py-2 text-slate-600">{td(p.platform)}</td>
                          <td className="whitespace-nowrap px-4 py-2 text-slate-600">
                            {p.postedAt ? format.dateTime(new Date(p.postedAt), { day: "numeric", month: "short" }) : "—"}
                          </td>
                          <td className="px-4 py-2 text-right tabular-nums">{format.number(p.impressions)}</td>
                          <td className="px-4 py-2 text-right tabular-nums">{format.number(p.engagements)}</td>
                          <td className="px-4 py-2 text-right tabular-nums">
                            {p.engagementRate === null ? "—" : format.number(p.engagementRate / 100, { style: "percent", maximumFractionDigits: 1 })}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {pages > 1 ? (
                <nav className="flex items-center justify-between gap-2 border-t border-slate-100 px-4 py-2 text-sm" aria-label={t("posts.title")}>
                  <Button type="button" variant="ghost" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    {t("posts.previous")}
                  </Button>
                  <span className="text-slate-500">{t("posts.page", { page, pages })}</span>
                  <Button type="button" variant="ghost" disabled={page >= pages} onClick={() => setPage(page + 1)} data-testid="analytics-posts-next">
                    {t("posts.next")}
                  </Button>
                </nav>
              ) : null}
            </CardBody>
          </Card>
          {data.lastComputedAt ? (
            <p className="text-xs text-slate-500">
              {t("lastComputed", { at: format.dateTime(new Date(data.lastComputedAt), { dateStyle: "medium", timeStyle: "short" }) })}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function BackfillStatus({
  backfill,
  dateLabel,
}: {
  backfill: { status: string; daysDone: number; daysTotal: number; from: string; to: string } | null;
  dateLabel: (d: string) => string;
}) {
  const t = useTranslations("analytics.backfill");
  if (!backfill) return null;
  const pct = backfill.daysTotal ? Math.round((backfill.daysDone / backfill.daysTotal) * 100) : 0;
  return (
    <div className="border-t border-slate-100 px-4 py-2 text-xs" role="status" aria-live="polite" data-testid="analytics-backfill" data-state={backfill.status}>
      {backfill.status === "RUNNING" ? (
        <div className="space-y-1">
          <p className="text-slate-600">{t("running", { done: backfill.daysDone, total: backfill.daysTotal })}</p>
          <div className="h-1.5 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <div className="h-full bg-brand-500 transition-all" style={{ width: `${pct}%` }} />
          </div>
        </div>
      ) : backfill.status === "FAILED" ? (
        <p className="text-red-700">{t("failed")}</p>
      ) : (
        <p className="text-emerald-700">{t("done", { from: dateLabel(backfill.from), to: dateLabel(backfill.to) })}</p>
      )}
    </div>
  );
}
