"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { listAgentExecutionsEndpoint, listAgentLogsEndpoint, type AgentExecutionDto } from "@/lib/agents/contracts";
import { EXECUTION_STATUSES, LOG_LEVELS } from "@/lib/agents/schemas";
import { agentKeys } from "./query-keys";

type Tone = "green" | "red" | "amber" | "gray" | "blue";
const TONE: Record<string, Tone> = { SUCCESS: "green", ERROR: "red", TIMEOUT: "red", RUNNING: "blue", PENDING: "gray", CANCELLED: "gray", SKIPPED: "amber" };

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  const t = useTranslations("agents.executions");
  if (pages <= 1) return null;
  return (
    <div className="mt-3 flex items-center justify-between gap-2 text-sm">
      <Button type="button" variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("previous")}
      </Button>
      <span className="text-slate-500">{t("page", { page, pages })}</span>
      <Button type="button" variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid="executions-next">
        {t("next")}
      </Button>
    </div>
  );
}

/** Loading, error or empty state of a list query; null when there are rows to show. */
function ListState({
  pending,
  error,
  empty,
  loadingLabel,
  emptyLabel,
  testId,
}: {
  pending: boolean;
  error: Error | null;
  empty: boolean;
  loadingLabel: string;
  emptyLabel: string;
  testId: string;
}) {
  if (pending)
    return (
      <p className="mt-3 text-sm text-slate-500" role="status" data-testid={`${testId}-loading`}>
        {loadingLabel}
      </p>
    );
  if (error)
    return (
      <p className="mt-3 text-sm text-red-600" role="alert">
        {error.message}
      </p>
    );
  if (empty)
    return (
      <p className="mt-3 text-sm text-slate-500" data-testid={`${testId}-empty`}>
        {emptyLabel}
      </p>
    );
  return null;
}

function ExecutionRow({ e }: { e: AgentExecutionDto }) {
  const t = useTranslations("agents.executions");
  const format = useFormatter();
  const failed = e.status === "ERROR" || e.status === "TIMEOUT";
  return (
    <li className="py-2" data-testid="execution-row" data-status={e.status}>
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500">
          <Badge tone={TONE[e.status] ?? "gray"}>{t(`status.${e.status}`)}</Badge>
          <time className="text-sm text-slate-700" dateTime={e.startedAt}>
            {format.dateTime(new Date(e.startedAt), { dateStyle: "short", timeStyle: "medium" })}
          </time>
          <span className="text-xs text-slate-500">
            {/^(cron|TZ=|[\d*])/.test(e.trigger ?? "")
              ? t("triggerCron")
              : e.trigger === "agents/run.requested"
                ? t("triggerManual")
                : e.source === "external"
                  ? t("triggerExternal")
                  : t("triggerEvent")}
          </span>
          {e.durationMs !== null ? <span className="text-xs tabular-nums text-slate-500">{t("duration", { seconds: e.durationMs / 1000 })}</span> : null}
          {e.tokensUsed > 0 ? <span className="text-xs tabular-nums text-slate-500">{t("tokens", { count: e.tokensUsed })}</span> : null}
          <span className="ml-auto text-xs text-indigo-700 group-open:hidden">{failed ? t("showError") : t("details")}</span>
        </summary>
        <div className="mt-2 space-y-1 rounded-md bg-slate-50 p-3 text-sm" data-testid="execution-detail">
          {failed ? (
            <div role="group" aria-label={t("error")} data-testid="execution-error">
              <p className="font-medium text-red-700">{t("error")}</p>
              {e.failedStep ? <p className="text-xs text-slate-600">{t("failedStep", { step: e.failedStep })}</p> : null}
              <pre className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-red-800" data-user-content>
                {e.errorMessage ?? t("noMessage")}
              </pre>
            </div>
          ) : null}
          {e.status === "SKIPPED" ? <p className="text-slate-700">{t("skippedInactive")}</p> : null}
          <p className="text-xs text-slate-600">{t("steps", { count: e.stepCount })}</p>
          {e.credits > 0 ? (
            <p className="text-xs text-slate-600">
              {t("cost", { amount: format.number(e.credits / 10_000, { style: "currency", currency: "EUR", maximumFractionDigits: 4 }) })}
            </p>
          ) : null}
          {e.entityType ? <p className="text-xs text-slate-600">{t("entity", { type: e.entityType, id: e.entityId ?? "" })}</p> : null}
          {e.trigger ? (
            <p className="break-all font-mono text-xs text-slate-500" data-user-content>
              {e.trigger}
            </p>
          ) : null}
        </div>
      </details>
    </li>
  );
}

/** An agent's executions: paged, by status; a failed run opens on its error. */
export function AgentExecutionsView({ org, agentId }: { org: string; agentId: string }) {
  const t = useTranslations("agents.executions");
  const [status, setStatus] = useState<string>("");
  const [page, setPage] = useState(1);
  const filters = { ...(status ? { status } : {}), page };
  const q = useQuery({
    queryKey: agentKeys.executions(org, agentId, filters),
    queryFn: () =>
      callApi(listAgentExecutionsEndpoint, {
        params: { org, id: agentId },
        query: { status: (status || undefined) as (typeof EXECUTION_STATUSES)[number] | undefined, page },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="exec-status" className="text-sm text-slate-600">
          {t("filter")}
        </label>
        <Select
          id="exec-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
          className="w-auto"
          data-testid="executions-status"
        >
          <option value="">{t("all")}</option>
          {EXECUTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
        {q.data ? <span className="text-xs text-slate-500">{t("total", { count: q.data.total })}</span> : null}
      </div>
      <ListState
        pending={q.isPending}
        error={q.error}
        empty={q.data?.executions.length === 0}
        loadingLabel={t("loading")}
        emptyLabel={status ? t("emptyFiltered") : t("empty")}
        testId="executions"
      />
      {q.data && q.data.executions.length > 0 ? (
        <>
          <ul className="mt-2 divide-y divide-slate-100">
            {q.data.executions.map((e) => (
              <ExecutionRow key={e.id} e={e} />
            ))}
          </ul>
          <Pager page={q.data.page} pages={q.data.pages} onPage={setPage} />
        </>
      ) : null}
    </div>
  );
}

/** An agent's log lines: by level, searched. */
export function AgentLogsView({ org, agentId }: { org: string; agentId: string }) {
  const t = useTranslations("agents.logs");
  const format = useFormatter();
  const [level, setLevel] = useState("");
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: agentKeys.logs(org, agentId, { level, q: search, page }),
    queryFn: () =>
      callApi(listAgentLogsEndpoint, {
        params: { org, id: agentId },
        query: { level: (level || undefined) as (typeof LOG_LEVELS)[number] | undefined, q: search || undefined, page },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <form
        className="flex flex-wrap items-center gap-2"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(text.trim());
          setPage(1);
        }}
      >
        <label htmlFor="log-level" className="sr-only">
          {t("level")}
        </label>
        <Select id="log-level" value={level} onChange={(e) => (setLevel(e.target.value), setPage(1))} className="w-auto">
          <option value="">{t("allLevels")}</option>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`levels.${l}`)}
            </option>
          ))}
        </Select>
        <label htmlFor="log-q" className="sr-only">
          {t("search")}
        </label>
        <input
          id="log-q"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("search")}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <Button type="submit" variant="secondary">
          {t("go")}
        </Button>
      </form>
      <ListState pending={q.isPending} error={q.error} empty={q.data?.logs.length === 0} loadingLabel={t("loading")} emptyLabel={t("empty")} testId="logs" />
      {q.data && q.data.logs.length > 0 ? (
        <ul className="mt-2 divide-y divide-slate-100 font-mono text-xs" data-testid="agent-logs">
          {q.data.logs.map((l) => (
            <li key={l.id} className="flex gap-2 py-1.5">
              <time className="shrink-0 text-slate-500" dateTime={l.createdAt}>
                {format.dateTime(new Date(l.createdAt), { dateStyle: "short", timeStyle: "medium" })}
              </time>
              <span className={`shrink-0 ${l.level === "ERROR" ? "text-red-700" : l.level === "WARN" ? "text-amber-700" : "text-slate-600"}`}>
                {t(`levels.${l.level}`)}
              </span>
              <span className="min-w-0 break-words text-slate-800" data-user-content>
                {l.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {q.data ? <Pager page={q.data.page} pages={q.data.pages} onPage={setPage} /> : null}
    </div>
  );
}
