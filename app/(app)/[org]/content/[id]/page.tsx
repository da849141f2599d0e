import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AmplifyButton } from "@/components/ads/amplify-button";
import { MetricsPanel } from "@/components/content-detail/metrics-panel";
import { SignalBox } from "@/components/content-detail/signal-box";
import { NetworkPreviews } from "@/components/composer/network-previews";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { RetryPublicationButton } from "@/components/publishing/retry-publication-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { getContentDetail } from "@/lib/content/detail/get-content-detail";
import { listInsightsUsed } from "@/lib/content/detail/list-insights-used";
import { isAppError } from "@/lib/errors";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.content"))("title") };
}

export default async function ContentDetailPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org);
  const piece = await getContentDetail({ organizationId: ctx.organizationId, contentPieceId: id }).catch((err) => {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  });
  const [t, tp, te, tplatform, format, insightsUsed, td] = await Promise.all([
    getTranslations("metrics"),
    getTranslations("pages.content"),
    getTranslations("publishing.errors"),
    getTranslations("domain.platforms"),
    getFormatter(),
    listInsightsUsed({ organizationId: ctx.organizationId, contentPieceId: id }),
    getTranslations("domain"),
  ]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-6" data-testid="page-content-detail">
      <div>
        <Link href={`/${ctx.slug}/content`} className="text-sm text-slate-500 hover:text-slate-700">
          ← {t("back")}
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
          {piece.title ?? piece.body.slice(0, 80)} <StatusBadge kind="pieceStatus" value={piece.status} />
          {piece.aiGenerated ? <Badge tone="violet">{tp("ai")}</Badge> : null}
          {!piece.aiGenerated && !piece.parent && hasRole(ctx.role, POLICY.editContent) ? (
            <Link href={`/${ctx.slug}/content/compose?contentId=${piece.id}`} className="text-sm font-medium text-brand-700 hover:underline" data-testid="content-edit-in-composer">
              {tp("editInComposer")}
            </Link>
          ) : null}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          {piece.brandName} · {when(piece.createdAt)}
          {piece.parent ? (
            <>
              {" · "}
              {t("variantOf")}{" "}
              <Link href={`/${ctx.slug}/content/${piece.parent.id}`} className="text-brand-700 hover:underline">
                {piece.parent.title ?? piece.parent.id}
              </Link>
            </>
          ) : null}
        </p>
      </div>

      {hasRole(ctx.role, POLICY.editContent) && (piece.status === "PUBLISHED" || piece.publications.some((p) => p.contentPieceId === piece.id && p.status === "POSTED")) ? (
        <AmplifyButton org={ctx.slug} contentPieceId={piece.id} />
      ) : null}

      <MetricsPanel org={ctx.slug} contentPieceId={piece.id} canCollect={hasRole(ctx.role, POLICY.editContent)} />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <Card>
            <CardHeader title={t("variants")} />
            <CardBody className="space-y-4" data-testid="content-variants">
              {piece.variants.map((v) => (
                <article key={v.id} className={`rounded-md border px-4 py-3 ${v.id === piece.id ? "border-brand-600" : "border-slate-100"}`}>
                  <header className="mb-1 flex items-center gap-2 text-xs">
                    {v.platform ? <PlatformBadge platform={v.platform} /> : null}
                    {v.isMaster ? <Badge>{t("master")}</Badge> : null}
                    <StatusBadge kind="pieceStatus" value={v.status} />
                    {v.id !== piece.id ? (
                      <Link href={`/${ctx.slug}/content/${v.id}`} className="ml-auto text-brand-700 hover:underline">
                        →
                      </Link>
                    ) : null}
                  </header>
                  {v.title ? <h2 className="font-medium text-slate-900">{v.title}</h2> : null}
                  <p className="whitespace-pre-line text-sm text-slate-700">{v.body}</p>
                  {v.hashtags.length ? <p className="mt-1 text-xs text-brand-700">{v.hashtags.join(" ")}</p> : null}
                  {v.callToAction ? <p className="mt-1 text-xs font-medium text-slate-600">{v.callToAction}</p> : null}
                </article>
              ))}
              {piece.variants.length <= 1 ? <p className="text-sm text-slate-500">{t("noVariants")}</p> : null}
            </CardBody>
          </Card>
          {piece.versions.length > 0 ? (
            <Card>
              <CardHeader title={tp("previews")} description={tp("previewsHint")} />
              <CardBody>
                <NetworkPreviews items={piece.versions.map((v) => ({ platform: v.platform, text: v.text, media: v.media, firstComment: v.firstComment }))} />
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader title={t("media")} />
            <CardBody>
              {piece.media.length === 0 ? (
                <p className="text-sm text-slate-500">{t("noMedia")}</p>
              ) : (
                <div className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="content-media">
                  {piece.media.map((m) =>
                    m.kind === "VIDEO" ? (
                      <video key={m.id} src={m.url} controls preload="metadata" poster={m.thumbnailUrl ?? undefined} className="w-full rounded bg-black" />
                    ) : (
                      // eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URL
                      <img key={m.id} src={m.thumbnailUrl ?? m.url} alt={m.altText ?? ""} className="w-full rounded bg-slate-100 object-cover" />
                    ),
                  )}
                </div>
              )}
            </CardBody>
          </Card>
        </div>
        <div className="space-y-6">
          <SignalBox signals={piece.signals} />
          {piece.aiGenerated ? (
            <Card data-testid="content-insights-used">
              <CardHeader title={tp("insightsUsed")} description={tp("insightsUsedHint")} />
              <CardBody>
                {insightsUsed.length === 0 ? (
                  <p className="text-sm text-slate-500">{tp("insightsUsedNone")}</p>
                ) : (
                  <ul className="space-y-3 text-sm">
                    {insightsUsed.map((i) => (
                      <li key={i.id}>
                        <p className="font-medium text-slate-900" data-user-content>
                          {i.title}
                        </p>
                        <p className="text-xs text-slate-500">
                          {td(`insightType.${i.type}`)} · {td(`insightStatus.${i.status}`)} · {tp("insightConfidence", { value: format.number(i.confidence, { style: "percent", maximumFractionDigits: 0 }) })}
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader title={t("publications")} />
            <CardBody>
              {piece.publications.length === 0 ? (
                <p className="text-sm text-slate-500">{t("noPublications")}</p>
              ) : (
                <ul className="space-y-3 text-sm" data-testid="content-publications">
                  {piece.publications.map((p) => (
                    <li key={p.id} className="space-y-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <PlatformBadge platform={p.platform} sandbox={p.isSandbox} />
                        <StatusBadge kind="publicationStatus" value={p.status} />
                        {p.status === "FAILED" && hasRole(ctx.role, POLICY.editContent) ? <RetryPublicationButton org={ctx.slug} publicationId={p.id} /> : null}
                      </div>
                      <p className="text-xs text-slate-500">
                        {p.accountName} · {p.postedAt ? t("postedAt", { date: when(p.postedAt) }) : t("scheduledFor", { date: when(p.scheduledAt) })}
                      </p>
                      {p.url ? (
                        <a href={p.url} target="_blank" rel="noreferrer" className="text-xs text-brand-700 hover:underline">
                          {t("viewPost")}
                        </a>
                      ) : null}
                      {p.error ? (
                        <div className="text-xs" data-testid="publication-error" data-error-key={p.error.key}>
                          <p className="text-red-700">{te(p.error.key, { platform: tplatform(p.platform), max: p.error.values.max ?? 0 })}</p>
                          {p.errorMessage ? (
                            <details className="mt-0.5 text-slate-500">
                              <summary className="cursor-pointer select-none">{te("details")}</summary>
                              <code className="block break-words font-mono">{p.errorMessage}</code>
                            </details>
                          ) : null}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
