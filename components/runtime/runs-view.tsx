"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { Workflow } from "lucide-react";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { listRunsEndpoint, RUN_STATUSES, type RunListItem } from "@/lib/workflows/contracts";
import { runtimeKeys } from "./query-keys";
import { formatDuration, RunStatusBadge } from "./run-status-badge";
import { useFunctionName } from "./function-name";

type Filters = { function?: string; status?: string; from?: string; to?: string; cursor?: string };

/** URL keeps ISO instants; the datetime-local inputs show and take the browser's local time. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (v: string): string | undefined => (v ? new Date(v).toISOString() : undefined);
type Page = { runs: RunListItem[]; nextCursor: string | null };

/** The Runs list: filters in the URL (shareable), refreshed every few seconds while runs are active. */
export function RunsView({ org, filters, functions, initial }: { org: string; filters: Filters; functions: { id: string; name: string }[]; initial: Page }) {
  const t = useTranslations("runtime.runs");
  const ts = useTranslations("runtime.statuses");
  const functionName = useFunctionName();
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const router = useRouter();
  const pathname = usePathname();
  const [draft, setDraft] = useState<Filters>(filters);
  const runs = useQuery({
    queryKey: runtimeKeys.runList(org, filters),
    queryFn: () => callApi(listRunsEndpoint, { params: { org }, query: { ...filters, status: filters.status as RunListItem["status"] | undefined } }),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === "QUEUED" || r.status === "RUNNING") ? 3_000 : 15_000),
  });
  const go = (next: Filters) => {
    const qs = new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => !!e[1]));
    router.push(`${pathname}${qs.size ? `?${qs.toString()}` : ""}`);
  };
  const list = runs.data.runs;
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        data-testid="runs-filters"
        onSubmit={(e) => {
          e.preventDefault();
          go({ ...draft, cursor: undefined });
        }}
      >
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("function")}</span>
          <Select value={draft.function ?? ""} onChange={(e) => setDraft({ ...draft, function: e.target.value || undefined })} name="function">
            <option value="">{t("allFunctions")}</option>
            {functions.map((f) => (
              <option key={f.id} value={f.id}>
                {functionName(f.id, f.name)}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("status")}</span>
          <Select value={draft.status ?? ""} onChange={(e) => setDraft({ ...draft, status: e.target.value || undefined })} name="status">
            <option value="">{t("allStatuses")}</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </Select>
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("from")}</span>
          <Input
            type="datetime-local"
            value={toLocalInput(draft.from)}
            onChange={(e) => setDraft({ ...draft, from: fromLocalInput(e.target.value) })}
            name="from"
          />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("to")}</span>
          <Input type="datetime-local" value={toLocalInput(draft.to)} onChange={(e) => setDraft({ ...draft, to: fromLocalInput(e.target.value) })} name="to" />
        </label>
        <Button type="submit">{t("apply")}</Button>
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            setDraft({});
            go({});
          }}
        >
          {t("reset")}
        </Button>
      </form>

      {list.length === 0 ? (
        <EmptyState icon={<Workflow className="h-8 w-8" />} title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="table-list w-full text-left text-sm" data-testid="runs-table">
            <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-5 py-3 font-medium">{t("function")}</th>
                <th className="px-5 py-3 font-medium">{t("status")}</th>
                <th className="px-5 py-3 font-medium">{t("event")}</th>
                <th className="px-5 py-3 font-medium">{t("started")}</th>
                <th className="px-5 py-3 text-right font-medium">{t("duration")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50" data-testid="run-row">
                  <td data-label={t("function")} className="px-5 py-3">
                    <Link href={`/${org}/runs/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {functionName(r.functionId, r.functionName)}
                    </Link>
                    {r.error ? <p className="line-clamp-1 text-xs text-red-600">{r.error}</p> : null}
                  </td>
                  <td data-label={t("status")} className="px-5 py-3">
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td data-label={t("event")} className="px-5 py-3 font-mono text-xs text-slate-600">{r.eventName}</td>
                  <td data-label={t("started")} className="px-5 py-3 text-slate-500" title={format.dateTime(new Date(r.createdAt), { dateStyle: "medium", timeStyle: "medium" })}>
                    {format.relativeTime(new Date(r.createdAt), now)}
                  </td>
                  <td data-label={t("duration")} className="px-5 py-3 text-right tabular-nums text-slate-600">{formatDuration(r.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <div className="flex justify-end gap-2">
        {filters.cursor ? (
          <Link
            className={buttonClass("ghost")}
            href={`${pathname}?${new URLSearchParams(Object.entries({ ...filters, cursor: undefined }).filter((e): e is [string, string] => !!e[1])).toString()}`}
          >
            {t("newest")}
          </Link>
        ) : null}
        {runs.data.nextCursor ? (
          <Button variant="secondary" onClick={() => go({ ...filters, cursor: runs.data.nextCursor! })}>
            {t("older")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
