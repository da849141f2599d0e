"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState, type KeyboardEvent } from "react";
import { Lightbulb } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { listInputsEndpoint, submitInputEndpoint, type InputStage } from "@/lib/content/ingest/contracts";
import { contentKeys } from "./query-keys";

type Tab = "text" | "url" | "audio" | "image";
type Stage = InputStage;

const TABS: Tab[] = ["text", "url", "audio", "image"];
const STEPS: Stage[] = ["received", "processing", "research", "generating", "generated"];
const LIMIT_MB = { audio: 25, image: 10 } as const;
const ACCEPT = { audio: "audio/mpeg,audio/mp4,audio/x-m4a,audio/wav,audio/webm,audio/ogg", image: "image/png,image/jpeg,image/webp,image/gif" } as const;
const ACTIVE = new Set<Stage>(["received", "processing", "research", "generating"]);

function Progress({ stage, label, stepLabel }: { stage: Stage; label: string; stepLabel: (s: Stage) => string }) {
  if (stage === "failed" || stage === "archived") return <Badge tone={stage === "failed" ? "red" : "gray"}>{stepLabel(stage)}</Badge>;
  const at = STEPS.indexOf(stage);
  return (
    <ol className="flex flex-wrap items-center gap-1 text-xs" aria-label={label}>
      {STEPS.map((s, i) => (
        <li key={s} aria-current={i === at ? "step" : undefined} className={i < at || stage === "generated" ? "rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-700" : i === at ? "rounded bg-brand-50 px-1.5 py-0.5 font-medium text-brand-700" : "px-1.5 py-0.5 text-slate-400"}>
          {stepLabel(s)}
        </li>
      ))}
    </ol>
  );
}

export function SubmitIdeaPanel({ org, canSubmit }: { org: string; canSubmit: boolean }) {
  const t = useTranslations("ingest");
  const format = useFormatter();
  const qc = useQueryClient();
  const [tab, setTab] = useState<Tab>("text");
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ text: null, url: null, audio: null, image: null });
  const [fileKey, setFileKey] = useState(0);

  const inputs = useQuery({
    queryKey: contentKeys.inputs(org),
    queryFn: () => callApi(listInputsEndpoint, { params: { org }, query: { take: 10 } }),
    // Poll while an input is moving through processing -> research -> generation.
    refetchInterval: (q) => (q.state.data?.inputs.some((i) => ACTIVE.has(i.stage)) ? 3000 : false),
  });

  const submit = useMutation({
    mutationFn: () => {
      const headers = { "idempotency-key": crypto.randomUUID() };
      if (tab === "text") return callApi(submitInputEndpoint, { params: { org }, headers, body: { type: "text", text } });
      if (tab === "url") return callApi(submitInputEndpoint, { params: { org }, headers, body: { type: "url", url, ...(note.trim() ? { note } : {}) } });
      const form = new FormData();
      form.set("type", tab);
      if (note.trim()) form.set("note", note);
      if (file) form.set("file", file);
      return callApi(submitInputEndpoint, { params: { org }, headers, body: form });
    },
    onSuccess: (res) => {
      setNotice(res.duplicate ? t("duplicate") : t("submitted"));
      setText("");
      setUrl("");
      setNote("");
      setFile(null);
      setFileKey((k) => k + 1);
      void qc.invalidateQueries({ queryKey: contentKeys.inputs(org) });
    },
  });

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const next = e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] : e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length] : e.key === "Home" ? TABS[0] : e.key === "End" ? TABS[TABS.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const pickFile = (f: File | null, kind: "audio" | "image") => {
    setFileError(f && f.size > LIMIT_MB[kind] * 1024 * 1024 ? t("fileTooLarge", { limit: LIMIT_MB[kind] }) : null);
    setFile(f);
  };

  const ready = tab === "text" ? text.trim().length > 0 : tab === "url" ? url.trim().length > 0 : !!file && !fileError;
  const err = submit.error;
  const fieldError = (field: string) => (err && (err.field === field || (field === "text" && !err.field)) ? err.message : null);
  const list = inputs.data?.inputs ?? [];

  return (
    <div className="mb-6 grid gap-6 lg:grid-cols-2" data-testid="submit-idea">
      {canSubmit ? (
        <Card>
          <CardHeader title={t("title")} description={t("description")} />
          <CardBody>
            <div role="tablist" aria-label={t("title")} className="mb-4 flex gap-1 border-b border-slate-100">
              {TABS.map((k) => (
                <button
                  key={k}
                  ref={(el) => {
                    tabRefs.current[k] = el;
                  }}
                  type="button"
                  role="tab"
                  id={`idea-tab-${k}`}
                  aria-selected={tab === k}
                  aria-controls="idea-panel"
                  tabIndex={tab === k ? 0 : -1}
                  onKeyDown={onTabKey}
                  onClick={() => {
                    setTab(k);
                    setFile(null);
                    setFileError(null);
                    submit.reset();
                  }}
                  className={tab === k ? "-mb-px border-b-2 border-brand-600 px-3 py-2 text-sm font-medium text-brand-700" : "px-3 py-2 text-sm text-slate-600 hover:text-slate-900"}
                >
                  {t(`tabs.${k}`)}
                </button>
              ))}
            </div>
            <form
              id="idea-panel"
              role="tabpanel"
              aria-labelledby={`idea-tab-${tab}`}
              className="space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                setNotice(null);
                submit.mutate();
              }}
            >
              {tab === "text" ? (
                <Field label={t("fields.text")} htmlFor="idea-text" error={fieldError("text")}>
                  <textarea
                    id="idea-text"
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder={t("fields.textPlaceholder")}
                    rows={4}
                    maxLength={20000}
                    className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
                  />
                </Field>
              ) : null}
              {tab === "url" ? (
                <Field label={t("fields.url")} htmlFor="idea-url" error={fieldError("url")}>
                  <Input id="idea-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t("fields.urlPlaceholder")} />
                </Field>
              ) : null}
              {tab === "audio" || tab === "image" ? (
                <Field label={t(`fields.${tab}`)} htmlFor="idea-file" error={fileError ?? fieldError("file")} hint={t(`fields.${tab}Hint`)}>
                  <Input key={fileKey} id="idea-file" type="file" accept={ACCEPT[tab]} onChange={(e) => pickFile(e.target.files?.[0] ?? null, tab)} />
                </Field>
              ) : null}
              {tab !== "text" ? (
                <Field label={tab === "image" ? t("fields.caption") : t("fields.note")} htmlFor="idea-note">
                  <Input id="idea-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
                </Field>
              ) : null}
              {err && !["text", "url", "file"].includes(err.field ?? "") ? (
                <p role="alert" className="text-sm text-red-600">
                  {err.message}
                </p>
              ) : null}
              <div className="flex items-center gap-3">
                <Button type="submit" disabled={!ready || submit.isPending} data-testid="submit-idea-button">
                  {submit.isPending ? t("submitting") : t("submit")}
                </Button>
                {notice ? (
                  <p role="status" className="text-sm text-emerald-700">
                    {notice}
                  </p>
                ) : null}
              </div>
            </form>
          </CardBody>
        </Card>
      ) : null}
      <Card className={canSubmit ? undefined : "lg:col-span-2"}>
        <CardHeader title={t("recentTitle")} />
        <CardBody>
          {inputs.isPending ? (
            <p className="text-sm text-slate-500" role="status">
              {t("loading")}
            </p>
          ) : inputs.isError ? (
            <div role="alert" className="flex items-center gap-3 text-sm text-red-600">
              {t("loadError")}
              <Button type="button" variant="secondary" onClick={() => void inputs.refetch()}>
                {t("retry")}
              </Button>
            </div>
          ) : list.length === 0 ? (
            <EmptyState icon={<Lightbulb className="h-5 w-5" />} title={t("recentTitle")} description={t("recentEmpty")} />
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="idea-list" aria-live="polite">
              {list.map((i) => (
                <li key={i.id} className="space-y-1.5 py-3">
                  <div className="flex items-center justify-between gap-2">
                    <p className="line-clamp-1 text-sm font-medium text-slate-900">
                      <Badge tone="blue">{t(`types.${i.type}`)}</Badge> {i.topic ?? i.summary ?? i.excerpt ?? i.url ?? "—"}
                    </p>
                    <time className="shrink-0 text-xs text-slate-500" dateTime={i.createdAt}>
                      {format.dateTime(new Date(i.createdAt), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}
                    </time>
                  </div>
                  <Progress stage={i.stage} label={t("progressLabel")} stepLabel={(s) => t(`stages.${s}`)} />
                  {i.stage === "generated" ? <p className="text-xs text-slate-500">{t("pieces", { count: i.pieceCount })}</p> : null}
                  {i.stage === "failed" && i.errorMessage ? <p className="text-xs text-red-600">{i.errorMessage}</p> : null}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
