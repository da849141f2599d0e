import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ResearchNowButton } from "@/components/ads/research-now-button";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { competitorAdFiltersSchema, listCompetitorAds } from "@/lib/ads/list-competitor-ads";

export async function generateMetadata() {
  return { title: (await getTranslations("pages.competitors"))("title") };
}

const PLACEMENTS = ["FACEBOOK", "INSTAGRAM", "MESSENGER", "AUDIENCE_NETWORK"] as const;

/** One filter of the address-driven form: a labelled select. */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <label className="flex flex-col text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * MKT-201: the watched competitors' ads (Meta Ad Library), newest first, the ones the last daily run
 * found first marked "new"; filters in the address (a plain GET form); the AI's reading per brand.
 */
export default async function CompetitorsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const filters = competitorAdFiltersSchema.parse(raw);
  const [view, t] = await Promise.all([listCompetitorAds({ organizationId: ctx.organizationId, filters }), getTranslations("pages.competitors")]);
  const placementName = (p: string) => (t.has(`placements.${p}`) ? t(`placements.${p}`) : p);
  const competitors = view.competitors.filter((c) => !filters.brand || c.brandId === filters.brand);
  return (
    <div data-testid="page-competitors" className="space-y-4">
      <Link href={`/${ctx.slug}/campaigns`} className="text-sm text-slate-500 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          hasRole(ctx.role, POLICY.editContent) && view.competitors.length > 0 ? (
            <ResearchNowButton org={ctx.slug} research={view.research} lastRunAt={view.lastRun?.researchedAt ?? null} newAds={view.lastRun?.brands.reduce((n, b) => n + b.newAds, 0) ?? 0} />
          ) : null
        }
      />

      {view.lastRun ? (
        <section aria-labelledby="competitor-summary-title" className="space-y-3" data-testid="competitor-summary">
          <h2 id="competitor-summary-title" className="text-sm font-semibold text-slate-700">
            {t("summaryTitle", { at: new Date(view.lastRun.researchedAt) })}
            {view.lastRun.sandbox ? (
              <Badge tone="violet" className="ml-2">
                {t("sandbox")}
              </Badge>
            ) : null}
          </h2>
          {view.lastRun.brands.map((b) => (
            <Card key={b.brandId}>
              <CardBody className="space-y-3 text-sm">
                <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  <span data-user-content>{b.brandName}</span>
                  <Badge tone="gray">{t("adsCount", { count: b.ads })}</Badge>
                  {b.newAds > 0 ? <Badge tone="green">{t("newCount", { count: b.newAds })}</Badge> : null}
                </p>
                {b.insight ? (
                  <>
                    <p className="whitespace-pre-line text-slate-800" data-testid="competitor-insight">
                      {b.insight.summary}
                    </p>
                    <dl className="grid gap-3 sm:grid-cols-3">
                      {(["angles", "offers", "formats"] as const).map((k) => (
                        <div key={k}>
                          <dt className="text-xs font-semibold uppercase text-slate-500">{t(k)}</dt>
                          <dd>
                            <ul className="mt-1 list-disc space-y-0.5 pl-4 text-slate-800">
                              {b.insight![k].map((x, i) => (
                                <li key={i}>{x}</li>
                              ))}
                            </ul>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </>
                ) : (
                  <p className="text-slate-500">{t("noInsight")}</p>
                )}
                <p className="text-xs text-slate-500">
                  {t("placementsLine", {
                    list:
                      Object.entries(b.placements)
                        .map(([k, n]) => `${k.split("+").map(placementName).join(" + ")} (${n})`)
                        .join(" · ") || "—",
                  })}
                </p>
                {b.competitors.some((c) => c.error) ? (
                  <ul className="space-y-1 text-xs text-red-700" data-testid="competitor-errors">
                    {b.competitors
                      .filter((c) => c.error)
                      .map((c) => (
                        <li key={c.competitorId}>{t("queryFailed", { name: c.name, error: c.error! })}</li>
                      ))}
                  </ul>
                ) : null}
              </CardBody>
            </Card>
          ))}
        </section>
      ) : null}

      <form method="get" className="flex flex-wrap items-end gap-2" aria-label={t("filters")} data-testid="competitor-filters">
        <FilterSelect name="brand" label={t("brand")} value={filters.brand ?? ""} options={[{ value: "", label: t("all") }, ...view.brands.map((b) => ({ value: b.id, label: b.name }))]} />
        <FilterSelect name="competitor" label={t("competitor")} value={filters.competitor ?? ""} options={[{ value: "", label: t("all") }, ...competitors.map((c) => ({ value: c.id, label: c.name }))]} />
        <FilterSelect name="placement" label={t("placement")} value={filters.placement ?? ""} options={[{ value: "", label: t("all") }, ...PLACEMENTS.map((p) => ({ value: p, label: placementName(p) }))]} />
        <FilterSelect name="status" label={t("status")} value={filters.status} options={[{ value: "active", label: t("statusActive") }, { value: "all", label: t("statusAll") }]} />
        <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="new" value="1" defaultChecked={!!filters.new} className="h-4 w-4" />
          {t("onlyNew")}
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("apply")}
        </button>
      </form>

      {view.ads.length === 0 ? (
        <EmptyState
          title={t(view.competitors.length ? "emptyTitle" : "noCompetitorsTitle")}
          description={t(view.competitors.length ? "emptyBody" : "noCompetitorsBody")}
          action={
            <Link href={`/${ctx.slug}/settings/brands`} className={buttonClass("primary")}>
              {t("manageCompetitors")}
            </Link>
          }
        />
      ) : (
        <>
          <p className="text-xs text-slate-500">{t("showing", { shown: view.ads.length, total: view.total })}</p>
          <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="competitor-ads">
            {view.ads.map((a) => (
              <li key={a.id} data-testid="competitor-ad" data-new={a.isNew ? "true" : undefined}>
                <Card className={a.isNew ? "h-full border-emerald-300 ring-1 ring-emerald-200" : "h-full"}>
                  <CardBody className="flex h-full flex-col gap-2 text-sm">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900" data-user-content>
                        {a.competitorName}
                      </span>
                      {a.isNew ? <Badge tone="green">{t("new")}</Badge> : null}
                      {!a.isActive ? <Badge tone="gray">{t("stopped")}</Badge> : null}
                    </p>
                    {a.body ? (
                      <p className="whitespace-pre-line break-words text-slate-800" data-user-content>
                        {a.body}
                      </p>
                    ) : null}
                    {a.linkTitle ? (
                      <p className="text-xs font-semibold text-brand-700" data-user-content>
                        {a.linkTitle}
                      </p>
                    ) : null}
                    {a.angle || a.format ? (
                      <p className="flex flex-wrap gap-1">
                        {a.angle ? <Badge tone="amber">{t("angleValue", { value: a.angle })}</Badge> : null}
                        {a.format ? <Badge tone="gray">{t("formatValue", { value: a.format })}</Badge> : null}
                      </p>
                    ) : null}
                    <p className="mt-auto text-xs text-slate-500">
                      {[a.placements.map(placementName).join(" + "), a.startedAt ? t("since", { at: new Date(a.startedAt) }) : "", a.duplicates > 0 ? t("duplicates", { count: a.duplicates }) : ""].filter(Boolean).join(" · ")}
                    </p>
                    <p className="text-xs text-slate-400">
                      {a.pageName ? <span data-user-content>{a.pageName} · </span> : null}
                      {a.snapshotUrl ? (
                        <a href={a.snapshotUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
                          {t("openInLibrary", { id: a.externalId })}
                        </a>
                      ) : (
                        t("archiveId", { id: a.externalId })
                      )}
                    </p>
                  </CardBody>
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
