"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import { cancelRunEndpoint, getRunEndpoint, rerunRunEndpoint, type RunDetail, type RunStepDto } from "@/lib/workflows/contracts";
import { JsonBlock } from "./json-block";
import { runtimeKeys } from "./query-keys";
import { formatDuration, RunStatusBadge, StepStatusBadge } from "./run-status-badge";
import { useFunctionName } from "./function-name";

/** One run: header with cancel / re-run, trigger event, output or error, and every step. */
export function RunDetailView({ org, initial, canManage }: { org: string; initial: RunDetail; canManage: boolean }) {
  const t = useTranslations("runtime.run");
  const tr = useTranslations("runtime.runs");
  const tc = useTranslations("common");
  const functionName = useFunctionName();
  const format = useFormatter();
  const router = useRouter();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const run = useQuery({
    queryKey: runtimeKeys.run(org, initial.id),
    queryFn: () => callApi(getRunEndpoint, { params: { org, runId: initial.id } }).then((r) => r.run),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === "QUEUED" || q.state.data?.status === "RUNNING" ? 2_000 : false),
  });
  const cancel = useMutation({
    mutationFn: () => callApi(cancelRunEndpoint, { params: { org, runId: initial.id } }),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: runtimeKeys.run(org, initial.id) });
      void qc.invalidateQueries({ queryKey: runtimeKeys.runs(org) });
    },
  });
  const rerun = useMutation({
    mutationFn: () => callApi(rerunRunEndpoint, { params: { org, runId: initial.id } }),
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: runtimeKeys.runs(org) });
      router.push(`/${org}/runs/${res.runId}`);
    },
  });
  const r = run.data;
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" }) : "—");
  const actionError = cancel.error?.message ?? rerun.error?.message;
  return (
    <div className="space-y-6" data-testid="run-detail">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href={`/${org}/runs`} className="text-sm text-slate-500 hover:text-slate-700">
            ← {t("back")}
          </Link>
          <h1 className="mt-1 flex items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            {functionName(r.functionId, r.functionName)} <RunStatusBadge status={r.status} />
          </h1>
          <p className="mt-1 font-mono text-xs text-slate-500">{t("runId", { id: r.id })}</p>
        </div>
        {canManage ? (
          <div className="flex items-center gap-2">
            {r.canCancel ? (
              confirming ? (
                <>
                  <span className="text-sm text-slate-600">{t("confirmCancel")}</span>
                  <Button variant="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending} data-testid="confirm-cancel-run">
                    {tc("confirm")}
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirming(false)}>
                    {tc("cancel")}
                  </Button>
                </>
              ) : (
                <Button variant="secondary" onClick={() => setConfirming(true)} data-testid="cancel-run">
                  {t("cancel")}
                </Button>
              )
            ) : null}
            {r.canRerun ? (
              <Button onClick={() => rerun.mutate()} disabled={rerun.isPending} data-testid="rerun-run">
                {t("rerun")}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {actionError ? (
        <p className="text-sm text-red-600" role="alert">
          {actionError}
        </p>
      ) : null}

      <dl className="grid grid-cols-2 gap-4 text-sm md:grid-cols-5">
        <Meta label={t("created")} value={when(r.createdAt)} />
        <Meta label={t("ended")} value={when(r.endedAt)} />
        <Meta label={t("attempt")} value={String(r.attempt + 1)} />
        <Meta label={t("triggerEvent")} value={<span className="font-mono text-xs">{r.eventName}</span>} />
        <Meta label={tr("duration")} value={formatDuration(r.durationMs)} />
        {r.rerunOfId ? <Meta label={t("rerunOf")} value={<RunLink org={org} id={r.rerunOfId} />} /> : null}
        {r.parentRunId ? <Meta label={t("parent")} value={<RunLink org={org} id={r.parentRunId} />} /> : null}
        {r.cancelReason ? <Meta label={t("cancelReason")} value={r.cancelReason} /> : null}
      </dl>

      {r.errorDetail && r.status === "FAILED" ? (
        <Card className="border-red-200">
          <CardHeader title={t("error")} />
          <CardBody>
            <p className="text-sm font-medium text-red-700">
              {r.errorDetail.name}: {r.errorDetail.message}
            </p>
            {r.errorDetail.stack ? <pre className="mt-2 max-h-60 overflow-auto text-xs text-slate-500">{r.errorDetail.stack}</pre> : null}
          </CardBody>
        </Card>
      ) : null}
      {r.status === "COMPLETED" ? (
        <Card>
          <CardHeader title={t("output")} />
          <CardBody>
            <JsonBlock value={r.output} testId="run-output" />
          </CardBody>
        </Card>
      ) : null}

      <Card>
        <CardHeader title={t("steps")} />
        {r.steps.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">{t("stepsEmpty")}</p>
          </CardBody>
        ) : (
          <ol className="divide-y divide-slate-100" data-testid="run-steps">
            {r.steps.map((s) => (
              <StepRow key={s.hashedId} step={s} />
            ))}
          </ol>
        )}
      </Card>

      <Card>
        <CardHeader title={r.events ? t("triggerEvents", { count: r.events.length }) : t("triggerEvent")} />
        <CardBody>
          <JsonBlock value={r.events ?? r.event} testId="run-event" />
        </CardBody>
      </Card>

      {r.children.length > 0 ? (
        <Card>
          <CardHeader title={t("children")} />
          <ul className="divide-y divide-slate-100">
            {r.children.map((c) => (
              <li key={c.id} className="flex items-center justify-between px-5 py-3 text-sm">
                <RunLink org={org} id={c.id} label={c.functionId} />
                <RunStatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function Meta({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{value}</dd>
    </div>
  );
}

function RunLink({ org, id, label }: { org: string; id: string; label?: string }) {
  return (
    <Link href={`/${org}/runs/${id}`} className={buttonClass("ghost", "px-0 py-0 font-mono text-xs text-brand-700 hover:bg-transparent")}>
      {label ?? id}
    </Link>
  );
}

function StepRow({ step }: { step: RunStepDto }) {
  const t = useTranslations("runtime.run");
  const tops = useTranslations("runtime.ops");
  const [open, setOpen] = useState(step.status === "FAILED");
  return (
    <li data-testid="run-step">
      <button className="flex w-full items-center gap-3 px-5 py-3 text-left text-sm hover:bg-slate-50" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? <ChevronDown className="h-4 w-4 text-slate-400" /> : <ChevronRight className="h-4 w-4 text-slate-400" />}
        <span className="min-w-0 flex-1">
          <span className="font-medium text-slate-900">{step.name ?? step.stepId ?? step.hashedId.slice(0, 8)}</span>
          <span className="ml-2 text-xs text-slate-500">{tops.has(step.op) ? tops(step.op) : step.op}</span>
        </span>
        {step.retries.length > 0 ? <span className="text-xs text-amber-700">{t("retries", { count: step.retries.length })}</span> : null}
        <span className="w-20 text-right text-xs tabular-nums text-slate-500">{formatDuration(step.durationMs)}</span>
        <StepStatusBadge status={step.status} />
      </button>
      {open ? (
        <div className="grid grid-cols-1 gap-4 bg-slate-50/50 px-5 pb-4 md:grid-cols-2">
          <div>
            <p className="mb-1 text-xs font-medium uppercase text-slate-500">{t("input")}</p>
            <JsonBlock value={step.input ?? null} />
          </div>
          <div>
            <p className="mb-1 text-xs font-medium uppercase text-slate-500">{step.error ? t("error") : t("stepOutput")}</p>
            {step.error ? (
              <p className="text-sm text-red-700">{`${step.error.name ?? "Error"}: ${step.error.message ?? ""}`}</p>
            ) : (
              <JsonBlock value={step.output} />
            )}
          </div>
          {step.retries.length > 0 ? (
            <ul className="space-y-1 text-xs text-slate-600 md:col-span-2">
              {step.retries.map((rt, i) => (
                <li key={i}>
                  <span className="font-medium">{t("attemptN", { n: rt.attempt + 1 })}</span> · {new Date(rt.at).toLocaleString()} ·{" "}
                  <span className="text-red-700">{rt.error.message}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
