"use client";

import { useMutation } from "@tanstack/react-query";
import { ExternalLink, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/connections/confirm-dialog";
import { PlatformBadge } from "@/components/domain/badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { ApiError, callApi } from "@/lib/api/client";
import { addTrendNoteEndpoint, deleteTrendNoteEndpoint, type TrendNoteDto } from "@/lib/warroom/trends/contracts";

const PLATFORMS = ["INSTAGRAM", "TIKTOK", "LINKEDIN", "FACEBOOK", "X"] as const;
const KEEP = ["", "7", "30", "90"] as const;

/** The team's notes on the radar: add one (title, details, source, network, link, how long to keep it), delete one after a confirmation. */
export function TrendNotes({ org, notes, canEdit }: { org: string; notes: TrendNoteDto[]; canEdit: boolean }) {
  const t = useTranslations("trends");
  const tp = useTranslations("domain.platforms");
  const format = useFormatter();
  const router = useRouter();
  const [form, setForm] = useState({ title: "", note: "", source: "TEAM_NOTE" as "TEAM_NOTE" | "CREATIVE_CENTER", platform: "", url: "", keep: "" });
  const [deleting, setDeleting] = useState<TrendNoteDto | null>(null);
  const add = useMutation({
    mutationFn: () =>
      callApi(addTrendNoteEndpoint, {
        params: { org },
        body: {
          title: form.title,
          note: form.note || undefined,
          source: form.source,
          platform: (form.platform || undefined) as (typeof PLATFORMS)[number] | undefined,
          url: form.url || undefined,
          expiresInDays: form.keep ? Number(form.keep) : undefined,
        },
      }),
    onSuccess: () => {
      setForm({ title: "", note: "", source: "TEAM_NOTE", platform: "", url: "", keep: "" });
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => callApi(deleteTrendNoteEndpoint, { params: { org, id } }),
    onSuccess: () => {
      setDeleting(null);
      router.refresh();
    },
  });
  const cancel = useCallback(() => setDeleting(null), []);
  const fieldError = (f: string) => (add.error instanceof ApiError && add.error.field === f ? add.error.message : null);
  const otherError = add.error && !(add.error instanceof ApiError && add.error.field && ["title", "note", "url", "platform", "source", "expiresInDays"].includes(add.error.field)) ? add.error.message : null;
  return (
    <div className="space-y-5">
      {notes.length === 0 ? (
        <p className="text-sm text-slate-500">{t("notesEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="trend-notes">
          {notes.map((n) => (
            <li key={n.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="trend-note">
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={n.source === "CREATIVE_CENTER" ? "violet" : "blue"}>{t(`source.${n.source}`)}</Badge>
                  {n.platform ? <PlatformBadge platform={n.platform} /> : null}
                  <span className="break-words text-sm font-medium text-slate-900" data-user-content>
                    {n.title}
                  </span>
                </div>
                {n.note ? (
                  <p className="break-words text-sm text-slate-600" data-user-content>
                    {n.note}
                  </p>
                ) : null}
                <p className="text-xs text-slate-500">
                  {format.relativeTime(new Date(n.createdAt))}
                  {n.createdBy ? <> · {t("by", { name: n.createdBy })}</> : null}
                  {n.expiresAt ? <> · {t("expires", { date: format.dateTime(new Date(n.expiresAt), { dateStyle: "medium" }) })}</> : null}
                  {n.url ? (
                    <>
                      {" · "}
                      <a href={n.url} target="_blank" rel="noopener noreferrer nofollow" className="inline-flex items-center gap-1 text-brand-700 hover:underline">
                        {t("open")} <ExternalLink className="h-3 w-3" aria-hidden />
                      </a>
                    </>
                  ) : null}
                </p>
              </div>
              {canEdit ? (
                <Button variant="ghost" onClick={() => setDeleting(n)} aria-label={`${t("delete")} : ${n.title}`} data-testid={`trend-note-delete-${n.id}`}>
                  <Trash2 className="h-4 w-4" aria-hidden /> <span className="sr-only sm:not-sr-only">{t("delete")}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form
          className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4 md:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          data-testid="trend-note-form"
        >
          <div className="md:col-span-2">
            <Field label={t("form.title")} htmlFor="trend-title" error={fieldError("title")}>
              <Input id="trend-title" required minLength={2} maxLength={160} value={form.title} placeholder={t("form.titlePlaceholder")} onChange={(e) => setForm({ ...form, title: e.target.value })} />
            </Field>
          </div>
          <div className="md:col-span-2">
            <Field label={t("form.note")} htmlFor="trend-note" error={fieldError("note")}>
              <Input id="trend-note" maxLength={2000} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
            </Field>
          </div>
          <Field label={t("form.source")} htmlFor="trend-source">
            <Select id="trend-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value as typeof form.source })}>
              <option value="TEAM_NOTE">{t("source.TEAM_NOTE")}</option>
              <option value="CREATIVE_CENTER">{t("source.CREATIVE_CENTER")}</option>
            </Select>
          </Field>
          <Field label={t("form.platform")} htmlFor="trend-platform">
            <Select id="trend-platform" value={form.platform} onChange={(e) => setForm({ ...form, platform: e.target.value })}>
              <option value="">{t("form.anyPlatform")}</option>
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {tp(p)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("form.url")} htmlFor="trend-url" error={fieldError("url")}>
            <Input id="trend-url" type="url" inputMode="url" value={form.url} placeholder="https://" onChange={(e) => setForm({ ...form, url: e.target.value })} />
          </Field>
          <Field label={t("form.expires")} htmlFor="trend-keep">
            <Select id="trend-keep" value={form.keep} onChange={(e) => setForm({ ...form, keep: e.target.value })}>
              {KEEP.map((k) => (
                <option key={k} value={k}>
                  {k ? t("form.expiresDays", { days: Number(k) }) : t("form.expiresNever")}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex flex-wrap items-center gap-3 md:col-span-2">
            <Button type="submit" disabled={add.isPending || form.title.trim().length < 2} data-testid="trend-note-submit">
              {t("form.submit")}
            </Button>
            {add.isSuccess && !add.isPending ? <span className="text-sm text-emerald-700">{t("form.added")}</span> : null}
            {otherError ? (
              <span className="text-sm text-red-600" role="alert">
                {otherError}
              </span>
            ) : null}
          </div>
        </form>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t("deleteTitle")}
          body={t("deleteBody", { title: deleting.title })}
          confirmLabel={t("delete")}
          cancelLabel={t("cancel")}
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate(deleting.id)}
          onCancel={cancel}
        />
      ) : null}
    </div>
  );
}
