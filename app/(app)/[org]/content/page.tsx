import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SubmitIdeaPanel } from "@/components/content/submit-idea-panel";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { ContentTabs } from "@/components/publishing/content-tabs";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listContentQuerySchema } from "@/lib/content/contracts";
import { listContent } from "@/lib/content/list-content";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.content"))("title") };
}

export default async function ContentPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org);
  const raw = await searchParams;
  // Bad paging or search input in the address falls back to the first page of everything.
  const parsed = listContentQuerySchema.safeParse({ q: typeof raw.q === "string" ? raw.q : undefined, page: typeof raw.page === "string" ? raw.page : undefined });
  const query = parsed.success ? parsed.data : {};
  const [list, t, format] = await Promise.all([listContent({ organizationId: ctx.organizationId, ...query }), getTranslations("pages.content"), getFormatter()]);
  const items = list.items;
  const hrefFor = (page: number) => `/${ctx.slug}/content?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(page) })}`;
  return (
    <div data-testid="page-content">
      <SectionHeader section="content" />
      <ContentTabs org={ctx.slug} />
      <SubmitIdeaPanel org={ctx.slug} canSubmit={hasRole(ctx.role, POLICY.editContent)} />
      <form role="search" method="get" action={`/${ctx.slug}/content`} className="mb-4 flex flex-wrap items-end gap-2" data-testid="content-search">
        <label htmlFor="content-q" className="sr-only">
          {t("searchLabel")}
        </label>
        <Input id="content-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} maxLength={200} className="min-w-0 flex-1 sm:max-w-sm" />
        <button type="submit" className={buttonClass("secondary")}>
          {t("search")}
        </button>
        <p className="w-full text-sm text-slate-500 sm:ml-auto sm:w-auto" data-testid="content-total">
          {t("total", { count: list.total })}
        </p>
      </form>
      {items.length === 0 && query.q ? (
        <p className="text-sm text-slate-600" data-testid="content-no-match">
          {t("noMatch", { q: query.q })}
        </p>
      ) : items.length === 0 ? (
        <SectionEmpty section="content" actionHref={`/${ctx.slug}/content`} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="table-list w-full text-left text-sm" data-testid="content-table">
            <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-5 py-3 font-medium">{t("colContent")}</th>
                <th className="px-5 py-3 font-medium">{t("colPlatforms")}</th>
                <th className="px-5 py-3 font-medium">{t("colStatus")}</th>
                <th className="px-5 py-3 font-medium">{t("colNext")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((c) => (
                <tr key={c.id} className="align-top">
                  <td data-label={t("colContent")} className="max-w-md px-5 py-3">
                    <p className="font-medium text-slate-900">
                      <Link href={`/${ctx.slug}/content/${c.id}`} className="hover:text-brand-700 hover:underline" data-testid="content-open">
                        {c.title}
                      </Link>{" "}
                      {c.aiGenerated ? <Badge tone="violet">{t("ai")}</Badge> : null}
                    </p>
                    <p className="mt-0.5 line-clamp-2 text-slate-500">{c.excerpt}</p>
                  </td>
                  <td data-label={t("colPlatforms")} className="px-5 py-3">
                    <div className="flex flex-col gap-1">
                      {(c.variantPlatforms.length ? c.variantPlatforms : c.platform ? [c.platform] : []).map((p) => (
                        <PlatformBadge key={p} platform={p} />
                      ))}
                    </div>
                  </td>
                  <td data-label={t("colStatus")} className="px-5 py-3">
                    <StatusBadge kind="pieceStatus" value={c.status} />
                  </td>
                  <td data-label={t("colNext")} className="whitespace-nowrap px-5 py-3 text-slate-600">
                    {c.nextPublicationAt ? format.dateTime(new Date(c.nextPublicationAt), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) : t("none")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {list.pageCount > 1 ? (
        <nav aria-label={t("pagination")} className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm" data-testid="content-pager">
          {list.page > 1 ? (
            <Link href={hrefFor(list.page - 1)} className={buttonClass("secondary")} rel="prev">
              {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">{t("pageOf", { page: list.page, count: list.pageCount })}</span>
          {list.page < list.pageCount ? (
            <Link href={hrefFor(list.page + 1)} className={buttonClass("secondary")} rel="next">
              {t("next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
