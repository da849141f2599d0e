import { getFormatter, getTranslations } from "next-intl/server";
import { SubmitIdeaPanel } from "@/components/content/submit-idea-panel";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { ContentTabs } from "@/components/publishing/content-tabs";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listContent } from "@/lib/content/list-content";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.content"))("title") };
}

export default async function ContentPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [items, t, format] = await Promise.all([listContent({ organizationId: ctx.organizationId }), getTranslations("pages.content"), getFormatter()]);
  return (
    <div data-testid="page-content">
      <SectionHeader section="content" />
      <ContentTabs org={ctx.slug} />
      <SubmitIdeaPanel org={ctx.slug} canSubmit={hasRole(ctx.role, POLICY.editContent)} />
      {items.length === 0 ? (
        <SectionEmpty section="content" actionHref={`/${ctx.slug}/content`} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="content-table">
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
                  <td className="max-w-md px-5 py-3">
                    <p className="font-medium text-slate-900">
                      {c.title} {c.aiGenerated ? <Badge tone="violet">{t("ai")}</Badge> : null}
                    </p>
                    <p className="mt-0.5 line-clamp-2 text-slate-500">{c.excerpt}</p>
                  </td>
                  <td className="px-5 py-3">
                    <div className="flex flex-col gap-1">
                      {(c.variantPlatforms.length ? c.variantPlatforms : c.platform ? [c.platform] : []).map((p) => (
                        <PlatformBadge key={p} platform={p} />
                      ))}
                    </div>
                  </td>
                  <td className="px-5 py-3">
                    <StatusBadge kind="pieceStatus" value={c.status} />
                  </td>
                  <td className="whitespace-nowrap px-5 py-3 text-slate-600">
                    {c.nextPublicationAt ? format.dateTime(new Date(c.nextPublicationAt), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) : t("none")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
