"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Film, ImageOff, Music, Upload } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { callApi, uploadApi } from "@/lib/api/client";
import { deleteMediaEndpoint, listMediaEndpoint, uploadMediaEndpoint, type MediaAssetDto } from "@/lib/media/contracts";
import { formatBytes, formatDuration } from "./format";
import { MediaDetailPanel } from "./media-detail-panel";
import { mediaKeys } from "./query-keys";

type Filter = "ALL" | "IMAGE" | "VIDEO";
type UploadState = { name: string; percent: number } | null;
type Notice = { tone: "ok" | "error"; text: string } | null;

/** POST multipart with upload progress (fetch cannot report it): resolves with the JSON body or rejects with the API message. */
export function MediaLibrary({ org, canEdit, initial }: { org: string; canEdit: boolean; initial: MediaAssetDto[] }) {
  const t = useTranslations("media");
  const tc = useTranslations("common");
  const format = useFormatter();
  const qc = useQueryClient();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [filter, setFilter] = useState<Filter>("ALL");
  const [selected, setSelected] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadState>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [altText, setAltText] = useState("");

  const list = useQuery({
    queryKey: mediaKeys.list(org, filter),
    queryFn: () => callApi(listMediaEndpoint, { params: { org }, query: filter === "ALL" ? {} : { kind: filter } }).then((r) => r.media),
    initialData: filter === "ALL" ? initial : undefined,
  });

  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      if (altText.trim()) form.set("altText", altText.trim());
      form.set("file", file, file.name);
      setProgress({ name: file.name, percent: 0 });
      return uploadApi(uploadMediaEndpoint, { params: { org }, body: form }, (percent) => setProgress({ name: file.name, percent }));
    },
    onSuccess: (res, file) => {
      setNotice({ tone: "ok", text: t(res.duplicate ? "duplicate" : "uploaded", { name: file.name }) });
      setSelected(res.asset.id);
      setAltText("");
      void qc.invalidateQueries({ queryKey: mediaKeys.all(org) });
    },
    onError: (err) => setNotice({ tone: "error", text: t("uploadFailed", { message: err.message }) }),
    onSettled: () => {
      setProgress(null);
      if (fileRef.current) fileRef.current.value = "";
    },
  });

  const del = useMutation({
    mutationFn: (id: string) => callApi(deleteMediaEndpoint, { params: { org, id } }),
    onSuccess: () => {
      setNotice({ tone: "ok", text: t("deleted") });
      setSelected(null);
      void qc.invalidateQueries({ queryKey: mediaKeys.all(org) });
    },
    onError: (err) => setNotice({ tone: "error", text: t("deleteFailed", { message: err.message }) }),
  });

  const items = list.data ?? [];
  return (
    <div className="space-y-5" data-testid="media-library">
      {canEdit ? (
        <Card className="flex flex-wrap items-end gap-4 px-5 py-4">
          <div className="min-w-60 flex-1">
            <label htmlFor={`${inputId}-alt`} className="text-xs font-medium text-slate-600">
              {t("altText")}
            </label>
            <input id={`${inputId}-alt`} value={altText} maxLength={500} onChange={(e) => setAltText(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
            <p className="mt-1 text-xs text-slate-500">{t("uploadHint")}</p>
          </div>
          <input
            ref={fileRef}
            id={inputId}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif,video/mp4,video/quicktime,video/webm"
            className="sr-only"
            data-testid="media-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
            }}
          />
          <label htmlFor={inputId} className={`inline-flex cursor-pointer items-center gap-2 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-within:ring-2 ${upload.isPending ? "pointer-events-none opacity-50" : ""}`} tabIndex={0} onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), fileRef.current?.click())} role="button">
            <Upload className="h-4 w-4" aria-hidden />
            {t("upload")}
          </label>
        </Card>
      ) : null}

      <div aria-live="polite" className="min-h-5 text-sm">
        {progress ? (
          <div data-testid="media-upload-progress">
            <p className="text-slate-600">{t("uploading", { name: progress.name, percent: progress.percent })}</p>
            <div className="mt-1 h-1.5 w-full max-w-md overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress.percent}>
              <div className="h-full bg-brand-600 transition-all" style={{ width: `${progress.percent}%` }} />
            </div>
          </div>
        ) : notice ? (
          <p className={notice.tone === "ok" ? "text-emerald-700" : "text-red-700"} data-testid="media-notice">
            {notice.text}
          </p>
        ) : null}
      </div>

      <div role="tablist" aria-label={t("title")} className="flex gap-2">
        {(["ALL", "IMAGE", "VIDEO"] as const).map((f) => (
          <button key={f} role="tab" aria-selected={filter === f} onClick={() => setFilter(f)} className={`rounded-full px-3 py-1 text-sm ${filter === f ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}>
            {t(f === "ALL" ? "filterAll" : f === "IMAGE" ? "filterImages" : "filterVideos")}
          </button>
        ))}
      </div>

      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div>
          {list.isPending ? (
            <p className="text-sm text-slate-500">{tc("loading")}</p>
          ) : list.isError ? (
            <div className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-700" role="alert">
              {t("loadError")}{" "}
              <Button variant="ghost" onClick={() => void list.refetch()}>
                {tc("retry")}
              </Button>
            </div>
          ) : items.length === 0 ? (
            <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
          ) : (
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4" data-testid="media-grid">
              {items.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    onClick={() => setSelected(m.id)}
                    aria-pressed={selected === m.id}
                    className={`w-full overflow-hidden rounded-lg border bg-white text-left shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${selected === m.id ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200 hover:border-slate-300"}`}
                    data-testid="media-item"
                  >
                    <Thumbnail asset={m} label={t("noThumbnail")} />
                    <div className="space-y-1 px-3 py-2">
                      <p className="truncate text-sm font-medium text-slate-900">{m.fileName ?? m.id}</p>
                      <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                        <Badge tone={m.kind === "VIDEO" ? "violet" : "blue"}>{t(`kind.${m.kind}`)}</Badge>
                        {m.width && m.height ? `${m.width}×${m.height}` : null}
                        {m.durationMs ? ` · ${formatDuration(m.durationMs)}` : null}
                        {` · ${formatBytes(m.sizeBytes)}`}
                      </p>
                      <p className="text-xs text-slate-400">{format.dateTime(new Date(m.createdAt), { dateStyle: "medium" })}</p>
                    </div>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {selected ? <MediaDetailPanel org={org} id={selected} canEdit={canEdit} onClose={() => setSelected(null)} onDelete={(id) => del.mutate(id)} deleting={del.isPending} /> : null}
      </div>
    </div>
  );
}

function Thumbnail({ asset, label }: { asset: MediaAssetDto; label: string }) {
  const [failed, setFailed] = useState(false);
  if (asset.thumbnailUrl && !failed) {
    // eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URLs: next/image would cache them
    return <img src={asset.thumbnailUrl} alt={asset.altText ?? asset.fileName ?? ""} className="aspect-square w-full bg-slate-100 object-cover" loading="lazy" onError={() => setFailed(true)} />;
  }
  const Icon = asset.kind === "VIDEO" ? Film : asset.kind === "AUDIO" ? Music : ImageOff;
  return (
    <div className="flex aspect-square w-full flex-col items-center justify-center gap-1 bg-slate-100 text-xs text-slate-400">
      <Icon className="h-8 w-8" aria-hidden />
      {label}
    </div>
  );
}
