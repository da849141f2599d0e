"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TZDate } from "@date-fns/tz";
import { format as fmt } from "date-fns";
import Link from "next/link";
import { useFormatter, useTimeZone, useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import { Check, ImagePlus, Sparkles, Upload } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ApiError, callApi, uploadApi } from "@/lib/api/client";
import { composePostEndpoint, composerAssistEndpoint, type ComposedPostDto, type ComposerDraft } from "@/lib/content/compose/contracts";
import { PLATFORM_RULES } from "@/lib/content/platform-rules";
import { listMediaEndpoint, uploadMediaEndpoint } from "@/lib/media/contracts";
import { listConnectionsEndpoint } from "@/lib/oauth/contracts";
import { publishingKeys } from "@/components/publishing/query-keys";
import { mediaKeys } from "@/components/media/query-keys";
import { cn } from "@/lib/utils";
import { PREVIEW_PLATFORMS, type PreviewPlatform } from "./network-preview";
import { NetworkPreviews } from "./network-previews";

type When = "schedule" | "now";
type Assist = "rewrite" | "shorten" | "hashtags";

/**
 * The composer (seed 003 PostComposer, issue 9): text, accounts per network, media from the library
 * or uploaded, first comment, a time in the display time zone or "now", a live character counter per
 * chosen network (limits from the platform-rules table), AI assist, and a preview per network. The
 * server applies the approval rule: an owner or admin's own post is scheduled at once, anyone else's
 * goes to the approval queue; a network's refusal comes back naming the rule and the field.
 */
export function PostComposer(props: { org: string; selfApproves: boolean; draft: ComposerDraft | null; initialAt: string | null }) {
  const { org } = props;
  const t = useTranslations("composer");
  const format = useFormatter();
  const tz = useTimeZone() ?? "Europe/Paris";
  const qc = useQueryClient();
  const ids = { text: useId(), comment: useId(), at: useId(), file: useId() };
  const fileRef = useRef<HTMLInputElement>(null);
  const toLocalInput = (iso: string) => fmt(new TZDate(new Date(iso).getTime(), tz), "yyyy-MM-dd'T'HH:mm");
  const fromLocalInput = (v: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
    return m ? new Date(new TZDate(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, 0, tz).getTime()) : null;
  };

  const [text, setText] = useState(props.draft?.text ?? "");
  const [accountIds, setAccountIds] = useState<string[]>(props.draft?.accountIds ?? []);
  const [mediaIds, setMediaIds] = useState<string[]>(props.draft?.mediaAssetIds ?? []);
  const [firstComment, setFirstComment] = useState(props.draft?.firstComment ?? "");
  const [when, setWhen] = useState<When>("schedule");
  const [at, setAt] = useState(() => toLocalInput(props.initialAt ?? new Date(Date.now() + 3_600_000).toISOString()));
  const [undo, setUndo] = useState<string | null>(null);
  const [result, setResult] = useState<ComposedPostDto | null>(null);
  const [uploadPct, setUploadPct] = useState<number | null>(null);

  const accounts = useQuery({ queryKey: ["connections", org], queryFn: () => callApi(listConnectionsEndpoint, { params: { org } }) });
  const media = useQuery({ queryKey: mediaKeys.list(org, "ALL"), queryFn: () => callApi(listMediaEndpoint, { params: { org } }).then((r) => r.media) });

  const publishable = useMemo(
    () => (accounts.data?.accounts ?? []).filter((a) => (PREVIEW_PLATFORMS as readonly string[]).includes(a.platform.toUpperCase())),
    [accounts.data],
  );
  const chosen = publishable.filter((a) => accountIds.includes(a.id));
  const networks = PREVIEW_PLATFORMS.filter((p) => chosen.some((a) => a.platform.toUpperCase() === p));
  const selectedMedia = mediaIds.map((id) => media.data?.find((m) => m.id === id)).filter((m): m is NonNullable<typeof m> => !!m);
  const trimmed = text.trim();
  const overOn = networks.filter((p) => trimmed.length > PLATFORM_RULES[p].text.max);

  const submit = useMutation({
    mutationFn: () => {
      const scheduledAt = when === "schedule" ? fromLocalInput(at) : null;
      return callApi(composePostEndpoint, {
        params: { org },
        body: {
          text,
          accountIds,
          mediaAssetIds: mediaIds,
          firstComment: firstComment.trim() || null,
          ...(when === "now" ? { publishNow: true } : { scheduledAt: scheduledAt ? scheduledAt.toISOString() : "" }),
          ...(props.draft ? { contentId: props.draft.contentId } : {}),
        },
      });
    },
    onSuccess: (res) => {
      setResult(res);
      void qc.invalidateQueries({ queryKey: publishingKeys.all(org) });
    },
  });
  const assist = useMutation({
    mutationFn: (action: Assist) => callApi(composerAssistEndpoint, { params: { org }, body: { action, text, ...(networks[0] ? { platform: shortestNetwork(networks) } : {}) } }),
    onSuccess: (res, action) => {
      setUndo(text);
      if (action === "hashtags") {
        const tags = res.hashtags.map((h) => `#${h}`).filter((h) => !text.includes(h));
        setText(tags.length ? `${text.trimEnd()}\n\n${tags.join(" ")}` : text);
      } else setText(res.text);
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set("file", file, file.name);
      setUploadPct(0);
      return uploadApi(uploadMediaEndpoint, { params: { org }, body: form }, setUploadPct);
    },
    onSuccess: (res) => {
      setMediaIds((ids) => (ids.includes(res.asset.id) ? ids : [...ids, res.asset.id]));
      void qc.invalidateQueries({ queryKey: mediaKeys.all(org) });
    },
    onSettled: () => {
      setUploadPct(null);
      if (fileRef.current) fileRef.current.value = "";
    },
  });

  const error = submit.error instanceof ApiError ? submit.error : null;
  const errorOn = (field: string) => (error?.field === field || error?.field?.startsWith(`${field}.`) ? error.message : null);
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  if (result) {
    const scheduled = result.outcome === "scheduled";
    const first = result.publications[0]?.scheduledAt;
    return (
      <Card data-testid="composer-result" data-outcome={result.outcome}>
        <CardBody className="space-y-3">
          <p role="status" className="flex items-center gap-2 text-sm font-medium text-slate-900">
            <Check className="h-4 w-4 text-emerald-600" aria-hidden />
            {scheduled
              ? when === "now" || !first
                ? t("result.publishing")
                : t("result.scheduled", { count: result.publications.length, date: format.dateTime(new Date(first), { dateStyle: "full", timeStyle: "short" }) })
              : t("result.pending")}
          </p>
          <div className="flex flex-wrap gap-2">
            <Link href={scheduled ? `/${org}/content/calendar` : `/${org}/approvals?focus=${result.approvalRequestId}`} className="text-sm font-medium text-brand-700 hover:underline">
              {scheduled ? t("result.toCalendar") : t("result.toApprovals")}
            </Link>
            <Link href={`/${org}/content/${result.contentId}`} className="text-sm font-medium text-brand-700 hover:underline">
              {t("result.toContent")}
            </Link>
            <Button variant="secondary" onClick={() => (setResult(null), setText(""), setMediaIds([]), setFirstComment(""), submit.reset())}>
              {t("result.another")}
            </Button>
          </div>
        </CardBody>
      </Card>
    );
  }

  return (
    <form
      className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]"
      data-testid="post-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <div className="min-w-0 space-y-6">
        <Card>
          <CardHeader title={t("accounts.title")} description={t("accounts.description")} />
          <CardBody>
            {accounts.isPending ? <p role="status" className="text-sm text-slate-500">{t("loading")}</p> : null}
            {accounts.isError ? (
              <p role="alert" className="text-sm text-red-700">
                {t("accounts.error")} <Button type="button" variant="secondary" onClick={() => accounts.refetch()}>{t("retry")}</Button>
              </p>
            ) : null}
            {accounts.data && publishable.length === 0 ? (
              <p className="text-sm text-slate-600">
                {t("accounts.none")}{" "}
                <Link href={`/${org}/settings/connections`} className="font-medium text-brand-700 hover:underline">{t("accounts.connect")}</Link>
              </p>
            ) : null}
            <fieldset className="space-y-3" aria-invalid={!!errorOn("accountIds")}>
              <legend className="sr-only">{t("accounts.title")}</legend>
              {PREVIEW_PLATFORMS.filter((p) => publishable.some((a) => a.platform.toUpperCase() === p)).map((p) => (
                <div key={p}>
                  <p className="mb-1 text-xs font-semibold text-slate-500">{PLATFORM_RULES[p].name}</p>
                  <div className="flex flex-wrap gap-2">
                    {publishable
                      .filter((a) => a.platform.toUpperCase() === p)
                      .map((a) => {
                        const active = a.status === "ACTIVE";
                        return (
                          <label key={a.id} className={cn("flex min-w-0 max-w-full cursor-pointer items-center gap-2 rounded-md border px-2.5 py-1.5 text-sm", accountIds.includes(a.id) ? "border-brand-500 bg-brand-50" : "border-slate-300", !active && "cursor-not-allowed opacity-60")}>
                            <input type="checkbox" checked={accountIds.includes(a.id)} disabled={!active} onChange={() => setAccountIds((l) => toggle(l, a.id))} data-testid="composer-account" data-platform={p} />
                            <span className="truncate">{a.name}</span>
                            {!active ? <span className="text-xs text-slate-500">{t("accounts.notConnected")}</span> : null}
                          </label>
                        );
                      })}
                  </div>
                </div>
              ))}
            </fieldset>
            {errorOn("accountIds") ? <p role="alert" className="mt-2 text-sm text-red-600">{errorOn("accountIds")}</p> : null}
          </CardBody>
        </Card>

        <Card>
          <CardHeader title={t("text.title")} />
          <CardBody className="space-y-3">
            <label htmlFor={ids.text} className="sr-only">{t("text.label")}</label>
            <textarea
              id={ids.text}
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={9}
              placeholder={t("text.placeholder")}
              className="block w-full rounded-md border border-slate-300 p-3 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500"
              aria-invalid={overOn.length > 0 || !!errorOn("text")}
              aria-describedby={`${ids.text}-counters`}
              data-testid="composer-text"
            />
            <ul id={`${ids.text}-counters`} className="flex flex-wrap gap-2 text-xs" aria-live="polite" data-testid="composer-counters">
              {networks.length === 0 ? <li className="text-slate-500">{t("text.pickAccounts", { length: trimmed.length })}</li> : null}
              {networks.map((p) => {
                const max = PLATFORM_RULES[p].text.max;
                const over = trimmed.length > max;
                return (
                  <li key={p} data-platform={p} data-over={over ? "true" : "false"} className={cn("rounded-full px-2 py-0.5", over ? "bg-red-100 font-medium text-red-800" : "bg-slate-100 text-slate-700")}>
                    {t("text.counter", { network: PLATFORM_RULES[p].name, length: trimmed.length, max })}
                  </li>
                );
              })}
            </ul>
            {errorOn("text") ? <p role="alert" className="text-sm text-red-600">{errorOn("text")}</p> : null}
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("assist.label")}>
              <Sparkles className="h-4 w-4 text-violet-600" aria-hidden />
              {(["rewrite", "shorten", "hashtags"] as const).map((a) => (
                <Button key={a} type="button" variant="secondary" disabled={!trimmed || assist.isPending} onClick={() => assist.mutate(a)} data-testid={`composer-assist-${a}`}>
                  {t(`assist.${a}`)}
                </Button>
              ))}
              {undo !== null ? (
                <Button type="button" variant="ghost" onClick={() => (setText(undo), setUndo(null))}>
                  {t("assist.undo")}
                </Button>
              ) : null}
              {assist.isPending ? <span role="status" className="text-xs text-slate-500">{t("assist.working")}</span> : null}
              {assist.error ? <span role="alert" className="text-xs text-red-600">{assist.error.message}</span> : null}
            </div>
          </CardBody>
        </Card>

        <Card>
          <CardHeader title={t("media.title")} description={t("media.description")} />
          <CardBody className="space-y-3">
            {media.isPending ? <p role="status" className="text-sm text-slate-500">{t("loading")}</p> : null}
            {media.isError ? <p role="alert" className="text-sm text-red-700">{t("media.error")}</p> : null}
            {media.data && media.data.filter((m) => m.kind === "IMAGE" || m.kind === "VIDEO").length === 0 ? <p className="text-sm text-slate-500">{t("media.empty")}</p> : null}
            <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5" data-testid="composer-library">
              {(media.data ?? [])
                .filter((m) => (m.kind === "IMAGE" || m.kind === "VIDEO") && m.status === "READY")
                .map((m) => {
                  const on = mediaIds.includes(m.id);
                  return (
                    <li key={m.id}>
                      <button
                        type="button"
                        aria-pressed={on}
                        onClick={() => setMediaIds((l) => toggle(l, m.id))}
                        className={cn("relative block aspect-square w-full overflow-hidden rounded-md border-2 bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500", on ? "border-brand-600" : "border-transparent")}
                        aria-label={t("media.pick", { name: m.fileName ?? m.id })}
                        data-testid="composer-media"
                        data-asset-id={m.id}
                      >
                        {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URL */}
                        <img src={m.thumbnailUrl ?? m.url} alt="" className="h-full w-full object-cover" />
                        {on ? <span className="absolute right-1 top-1 rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white">{mediaIds.indexOf(m.id) + 1}</span> : null}
                      </button>
                    </li>
                  );
                })}
            </ul>
            <div className="flex flex-wrap items-center gap-2">
              <input ref={fileRef} id={ids.file} type="file" accept="image/*,video/*" className="sr-only" onChange={(e) => e.target.files?.[0] && upload.mutate(e.target.files[0])} />
              <label htmlFor={ids.file} className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-within:ring-2 focus-within:ring-brand-500">
                <Upload className="h-4 w-4" aria-hidden /> {t("media.upload")}
              </label>
              <Link href={`/${org}/content/media`} className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline">
                <ImagePlus className="h-4 w-4" aria-hidden /> {t("media.library")}
              </Link>
              {uploadPct !== null ? <span role="status" className="text-xs text-slate-500">{t("media.uploading", { percent: uploadPct })}</span> : null}
              {upload.error ? <span role="alert" className="text-xs text-red-600">{upload.error.message}</span> : null}
            </div>
            {errorOn("mediaAssetIds") ? <p role="alert" className="text-sm text-red-600" data-testid="composer-media-error">{errorOn("mediaAssetIds")}</p> : null}
          </CardBody>
        </Card>

        <Card>
          <CardHeader title={t("when.title")} />
          <CardBody className="space-y-4">
            <div>
              <label htmlFor={ids.comment} className="block text-sm font-medium text-slate-700">{t("firstComment.label")}</label>
              <input id={ids.comment} value={firstComment} onChange={(e) => setFirstComment(e.target.value)} maxLength={2200} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm" data-testid="composer-first-comment" />
              <p className="mt-1 text-xs text-slate-500">{t("firstComment.hint")}</p>
              {errorOn("firstComment") ? <p role="alert" className="text-sm text-red-600">{errorOn("firstComment")}</p> : null}
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-700">{t("when.label")}</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="when" checked={when === "schedule"} onChange={() => setWhen("schedule")} data-testid="composer-when-schedule" /> {t("when.schedule")}
              </label>
              {when === "schedule" ? (
                <div className="ml-6">
                  <label htmlFor={ids.at} className="sr-only">{t("when.at")}</label>
                  <input id={ids.at} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" aria-invalid={!!errorOn("scheduledAt")} data-testid="composer-at" />
                  <p className="mt-1 text-xs text-slate-500">{t("when.zone", { zone: tz })}</p>
                  {errorOn("scheduledAt") ? <p role="alert" className="text-sm text-red-600">{errorOn("scheduledAt")}</p> : null}
                </div>
              ) : null}
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="when" checked={when === "now"} onChange={() => setWhen("now")} data-testid="composer-when-now" /> {t("when.now")}
              </label>
            </fieldset>
          </CardBody>
        </Card>

        <div className="space-y-2">
          {error && !["accountIds", "text", "mediaAssetIds", "firstComment", "scheduledAt"].some((f) => errorOn(f)) ? (
            <p role="alert" className="text-sm text-red-600">{error.message}</p>
          ) : null}
          {submit.error && !error ? <p role="alert" className="text-sm text-red-600">{t("error")}</p> : null}
          <p className="text-sm text-slate-600">{props.selfApproves ? t("rule.direct") : t("rule.approval")}</p>
          <Button type="submit" disabled={submit.isPending || accountIds.length === 0 || overOn.length > 0} data-testid="composer-submit">
            {submit.isPending ? t("submitting") : props.selfApproves ? (when === "now" ? t("submit.publishNow") : t("submit.schedule")) : t("submit.requestApproval")}
          </Button>
        </div>
      </div>

      <aside className="min-w-0 space-y-3" aria-label={t("preview.title")}>
        <h2 className="text-sm font-semibold text-slate-900">{t("preview.title")}</h2>
        <NetworkPreviews
          items={networks.map((p) => ({
            platform: p,
            text,
            media: selectedMedia.map((m) => ({ id: m.id, url: m.url, kind: m.kind, altText: m.altText })),
            accountName: chosen.find((a) => a.platform.toUpperCase() === p)?.name,
            firstComment,
          }))}
        />
      </aside>
    </form>
  );
}

/** The network with the smallest text limit among those chosen (what AI assist must fit). */
function shortestNetwork(networks: PreviewPlatform[]): PreviewPlatform {
  return networks.reduce((a, b) => (PLATFORM_RULES[b].text.max < PLATFORM_RULES[a].text.max ? b : a));
}
