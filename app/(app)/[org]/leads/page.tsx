import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/domain/badges";
import { FailedSubmissions } from "@/components/leads/failed-submissions";
import { StuckReplies } from "@/components/leads/stuck-replies";
import { PipelineBoard } from "@/components/leads/pipeline-board";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageNav } from "@/components/ui/page-nav";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listLeadSubmissions } from "@/lib/leads/capture/submissions";
import { listStuckReplies } from "@/lib/leads/replies/stuck-replies";
import { listLeadBoard } from "@/lib/leads/list-board";
import { listLeads } from "@/lib/leads/list-leads";
import { LEAD_FILTER_OPTIONS, leadFiltersSchema, type LeadFilters } from "@/lib/leads/schemas";

const STAGES = ["NEW", "SCORED", "NURTURING", "REPLIED", "BOOKED", "OPPORTUNITY", "CONVERTED"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("sections.leads"))("title") };
}

type Search = Record<string, string | string[] | undefined>;

/** The URL of this page with these filters (empty ones left out). */
function hrefOf(slug: string, f: Partial<LeadFilters> & { view?: "board" }, base = `/${slug}/leads`): string {
  const q = new URLSearchParams(Object.entries(f).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "" && !(e[0] === "page" && e[1] === 1)).map(([k, v]) => [k, String(v)]));
  const s = q.toString();
  return `${base}${s ? `?${s}` : ""}`;
}

export default async function LeadsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const ctx = await requireOrgPage((await params).org);
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const filters = leadFiltersSchema.parse(raw);
  const board = raw.view === "board";
  const [data, t, tl, td, format, columns] = await Promise.all([
    listLeads({ organizationId: ctx.organizationId, filters }),
    getTranslations("pages.leads"),
    getTranslations("leads.list"),
    getTranslations("domain"),
    getFormatter(),
    board ? listLeadBoard({ organizationId: ctx.organizationId, tier: filters.tier, q: filters.q }) : null,
  ]);
  const [failed, stuck] = await Promise.all([
    data.failedSubmissions > 0 ? listLeadSubmissions({ organizationId: ctx.organizationId, status: "FAILED", take: 10 }) : null,
    listStuckReplies({ organizationId: ctx.organizationId, take: 10 }),
  ]);
  const canReprocess = hasRole(ctx.role, POLICY.editContent);
  const count = (s: string) => data.funnel.find((f) => f.status === s)?.count ?? 0;
  const max = Math.max(1, ...STAGES.map(count));
  const filtered = !!(filters.q || filters.status || filters.tier || filters.source);
  const select = (name: "status" | "tier" | "source", label: string, values: string[], ns: string) => (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={filters[name] ?? ""} className="h-9 rounded-lg border border-slate-200 bg-white px-2 text-sm text-slate-900" data-testid={`leads-filter-${name}`}>
        <option value="">{tl("any")}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {td(`${ns}.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div data-testid="page-leads" className="space-y-6">
      <SectionHeader
        section="leads"
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={`/${ctx.slug}/leads/attribution`} className={buttonClass("secondary")} data-testid="leads-attribution-link">
              {tl("attribution")}
            </Link>
            <Link href={`/${ctx.slug}/leads/sequences`} className={buttonClass("secondary")} data-testid="leads-sequences-link">
              {tl("sequences")}
            </Link>
            {canReprocess ? (
              <Link href={`/${ctx.slug}/leads/import`} className={buttonClass("secondary")} data-testid="leads-import-link">
                {tl("importCsv")}
              </Link>
            ) : null}
          </div>
        }
      />
      {failed ? <FailedSubmissions org={ctx.slug} total={data.failedSubmissions} submissions={failed.submissions} canReprocess={canReprocess} /> : null}
      {stuck.total > 0 ? <StuckReplies org={ctx.slug} total={stuck.total} replies={stuck.replies} canReprocess={canReprocess} /> : null}
      {data.total === 0 ? (
        <SectionEmpty section="leads" actionHref={`/${ctx.slug}/settings/api-keys`} />
      ) : (
        <>
          {board ? null : (
          <Card className="p-5" data-testid="lead-funnel">
            <p className="mb-3 text-sm font-semibold">{t("total", { count: data.total })}</p>
            <div className="grid grid-cols-7 items-end gap-1 sm:gap-2">
              {STAGES.map((s) => (
                <Link key={s} href={hrefOf(ctx.slug, { status: s })} className="flex min-w-0 flex-col items-center gap-1 text-center">
                  <span className="text-sm font-semibold tabular-nums">{count(s)}</span>
                  <div className="w-full rounded-t bg-brand-500/80" style={{ height: `${Math.max(4, (count(s) / max) * 80)}px` }} />
                  <span className="w-full truncate text-[11px] leading-tight text-slate-500 sm:whitespace-normal">{td(`leadStatus.${s}`)}</span>
                </Link>
              ))}
            </div>
          </Card>
          )}
          <form method="get" action={`/${ctx.slug}/leads`} className="grid grid-cols-2 items-end gap-3 sm:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))_auto]" data-testid="leads-filters">
            {board ? <input type="hidden" name="view" value="board" /> : null}
            <label className="col-span-2 flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-600 sm:col-span-1">
              {tl("search")}
              <input type="search" name="q" defaultValue={filters.q ?? ""} placeholder={tl("searchPlaceholder")} className="h-9 rounded-lg border border-slate-200 bg-white px-3 text-sm text-slate-900" data-testid="leads-search" />
            </label>
            {select("status", tl("status"), LEAD_FILTER_OPTIONS.status, "leadStatus")}
            {select("tier", tl("tier"), LEAD_FILTER_OPTIONS.tier, "leadTier")}
            {select("source", tl("source"), LEAD_FILTER_OPTIONS.source, "leadSource")}
            <div className="flex gap-2">
              <button type="submit" className={buttonClass("primary")} data-testid="leads-apply">
                {tl("apply")}
              </button>
              {filtered ? (
                <Link href={hrefOf(ctx.slug, {})} className={buttonClass("secondary")}>
                  {tl("reset")}
                </Link>
              ) : null}
            </div>
          </form>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <nav aria-label={tl("view")} className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-sm" data-testid="leads-view">
              <Link href={hrefOf(ctx.slug, { ...filters, page: 1 })} aria-current={board ? undefined : "page"} className={board ? "rounded-md px-3 py-1.5 text-slate-600 hover:text-slate-900" : "rounded-md bg-brand-50 px-3 py-1.5 font-medium text-brand-700"} data-testid="leads-view-list">
                {tl("viewList")}
              </Link>
              <Link href={hrefOf(ctx.slug, { q: filters.q, tier: filters.tier, view: "board" })} aria-current={board ? "page" : undefined} className={board ? "rounded-md bg-brand-50 px-3 py-1.5 font-medium text-brand-700" : "rounded-md px-3 py-1.5 text-slate-600 hover:text-slate-900"} data-testid="leads-view-board">
                {tl("viewBoard")}
              </Link>
            </nav>
            <a href={hrefOf(ctx.slug, { q: filters.q, status: filters.status, tier: filters.tier, source: filters.source }, `/api/orgs/${ctx.slug}/leads/export`)} className={buttonClass("secondary")} download data-testid="leads-export">
              {tl("exportCsv")}
            </a>
          </div>
          {columns ? (
            <PipelineBoard key={columns.map((c) => c.leads.map((l) => `${l.id}:${l.status}`).join(",")).join("|")} org={ctx.slug} columns={columns} canMove={canReprocess} />
          ) : (
          <p className="text-sm text-slate-600" data-testid="leads-matching">
            {tl("matching", { count: data.matching })}
          </p>
          )}
          {!columns && data.leads.length > 0 ? (
            <Card className="overflow-x-auto">
              <table className="table-list w-full text-left text-sm" data-testid="leads-table">
                <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
                  <tr>
                    <th className="px-5 py-3 font-medium">{t("colLead")}</th>
                    <th className="px-5 py-3 font-medium">{t("colCompany")}</th>
                    <th className="px-5 py-3 font-medium">{t("colScore")}</th>
                    <th className="px-5 py-3 font-medium">{t("colStatus")}</th>
                    <th className="px-5 py-3 font-medium">{t("colSource")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.leads.map((l) => (
                    <tr key={l.id} data-testid="lead-row">
                      <td data-label={t("colLead")} className="px-5 py-3">
                        <Link href={`/${ctx.slug}/leads/${l.id}`} className="font-medium text-brand-700 hover:underline">
                          {l.name}
                        </Link>
                        {l.isTest ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-500">{tl("test")}</span> : null}
                        <p className="text-xs text-slate-500">{l.email ?? l.phone}</p>
                      </td>
                      <td data-label={t("colCompany")} className="px-5 py-3 text-slate-600">
                        {l.company ?? "—"}
                      </td>
                      <td data-label={t("colScore")} className="px-5 py-3">
                        {l.score === null ? <span className="text-xs text-slate-400">{tl("notScored")}</span> : <span className="mr-2 tabular-nums">{l.score}</span>}
                        {l.tier ? <StatusBadge kind="leadTier" value={l.tier} /> : null}
                      </td>
                      <td data-label={t("colStatus")} className="px-5 py-3">
                        <StatusBadge kind="leadStatus" value={l.status} />
                      </td>
                      <td data-label={t("colSource")} className="px-5 py-3 text-slate-600">
                        {td(`leadSource.${l.source}`)}
                        <span className="block text-xs text-slate-400">{format.relativeTime(new Date(l.createdAt))}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          ) : null}
          {!columns ? (
            <PageNav page={data.page} pages={data.pages} hrefOf={(page) => hrefOf(ctx.slug, { ...filters, page })} labels={{ previous: tl("previous"), next: tl("next"), page: tl("page", { page: data.page, pages: data.pages }) }} testId="leads-paging" />
          ) : null}
        </>
      )}
    </div>
  );
}
