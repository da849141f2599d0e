"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import { getMediaEndpoint } from "@/lib/media/contracts";
import { formatBytes } from "./format";
import { GateList } from "./gate-list";
import { mediaKeys } from "./query-keys";

/** The selected asset: what the prober found, the checks per platform, and delete (with confirmation). */
export function MediaDetailPanel({ org, id, canEdit, onClose, onDelete, deleting }: { org: string; id: string; canEdit: boolean; onClose: () => void; onDelete: (id: string) => void; deleting: boolean }) {
  const t = useTranslations("media");
  const tc = useTranslations("common");
  const format = useFormatter();
  const [confirming, setConfirming] = useState(false);
  const q = useQuery({ queryKey: mediaKeys.detail(org, id), queryFn: () => callApi(getMediaEndpoint, { params: { org, id } }).then((r) => r.asset) });
  const a = q.data;
  const row = (label: string, value: string | null) =>
    value ? (
      <div className="flex justify-between gap-3 py-1">
        <dt className="text-slate-500">{label}</dt>
        <dd className="truncate text-right font-medium text-slate-800">{value}</dd>
      </div>
    ) : null;
  return (
    <Card className="h-fit" data-testid="media-detail">
      <CardHeader
        title={a?.fileName ?? t("details")}
        action={
          <button type="button" onClick={onClose} className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label={t("close")}>
            <X className="h-4 w-4" aria-hidden />
          </button>
        }
      />
      <CardBody className="space-y-4 text-sm">
        {q.isPending ? (
          <p className="text-slate-500">{tc("loading")}</p>
        ) : q.isError || !a ? (
          <p className="text-red-700" role="alert">
            {tc("errorGeneric")}
          </p>
        ) : (
          <>
            {a.kind === "VIDEO" ? (
              <video src={a.url} controls preload="metadata" className="w-full rounded bg-black" poster={a.thumbnailUrl ?? undefined} />
            ) : a.kind === "IMAGE" ? (
              // eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URL
              <img src={a.url} alt={a.altText ?? a.fileName ?? ""} className="max-h-64 w-full rounded bg-slate-50 object-contain" />
            ) : null}
            <section>
              <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">{t("probe.title")}</h3>
              <dl className="divide-y divide-slate-100" data-testid="media-probe">
                {row(t("probe.type"), a.mimeType)}
                {row(t("probe.size"), formatBytes(a.sizeBytes))}
                {row(t("probe.dimensions"), a.width && a.height ? `${a.width} × ${a.height}` : null)}
                {row(t("probe.duration"), a.durationMs !== null ? t("probe.seconds", { value: format.number(a.durationMs / 1000, { maximumFractionDigits: 1 }) }) : null)}
                {row(t("probe.codec"), a.codec)}
                {row(t("probe.bitrate"), a.bitrateKbps ? t("probe.kbps", { value: format.number(a.bitrateKbps) }) : null)}
                {row(t("probe.frameRate"), a.frameRate ? t("probe.fps", { value: format.number(a.frameRate, { maximumFractionDigits: 2 }) }) : null)}
                {row(t("probe.uploadedAt"), format.dateTime(new Date(a.createdAt), { dateStyle: "medium", timeStyle: "short" }))}
              </dl>
              <p className="mt-1 break-all font-mono text-[11px] text-slate-400" title={t("probe.checksum")}>
                SHA-256 {a.checksumSha256}
              </p>
            </section>
            <section>
              <h3 className="text-xs font-semibold uppercase text-slate-500">{t("gatesTitle")}</h3>
              <p className="mb-2 text-xs text-slate-500">{t("gatesHint")}</p>
              <GateList gates={a.gates} />
            </section>
            {a.usedBy.length ? <p className="text-xs text-slate-500">{t("usedBy", { count: a.usedBy.length })}</p> : null}
            <div className="flex flex-wrap items-center gap-2">
              <a href={a.url} target="_blank" rel="noreferrer" className="text-sm font-medium text-brand-700 hover:underline">
                {t("open")}
              </a>
              {canEdit ? (
                confirming ? (
                  <div className="flex w-full flex-wrap items-center gap-2" role="alertdialog" aria-label={t("confirmDelete")}>
                    <span className="text-slate-700">{t("confirmDelete")}</span>
                    <Button variant="danger" onClick={() => onDelete(a.id)} disabled={deleting} data-testid="confirm-delete-media">
                      {tc("confirm")}
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirming(false)}>
                      {tc("cancel")}
                    </Button>
                  </div>
                ) : (
                  <Button variant="secondary" className="ml-auto" onClick={() => setConfirming(true)} data-testid="delete-media">
                    {t("delete")}
                  </Button>
                )
              ) : null}
            </div>
          </>
        )}
      </CardBody>
    </Card>
  );
}
