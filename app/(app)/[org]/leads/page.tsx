import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { listLeads } from "@/lib/leads/list-leads";

const STAGES = ["NEW", "SCORED", "NURTURING", "REPLIED", "BOOKED", "OPPORTUNITY", "CONVERTED"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("sections.leads"))("title") };
}

export default async function LeadsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [data, t, td, format] = await Promise.all([listLeads({ organizationId: ctx.organizationId }), getTranslations("pages.leads"), getTranslations("domain"), getFormatter()]);
  const count = (s: string) => data.funnel.find((f) => f.status === s)?.count ?? 0;
  const max = Math.max(1, ...STAGES.map(count));
  return (
    <div data-testid="page-leads" className="space-y-6">
      <SectionHeader section="leads" />
      {data.total === 0 ? (
        <SectionEmpty section="leads" actionHref={`/${ctx.slug}/settings/api-keys`} />
      ) : (
        <>
          <Card className="p-5" data-testid="lead-funnel">
            <p className="mb-3 text-sm font-semibold">{t("total", { count: data.total })}</p>
            <div className="grid grid-cols-7 items-end gap-2">
              {STAGES.map((s) => (
                <div key={s} className="flex flex-col items-center gap-1 text-center">
                  <span className="text-sm font-semibold tabular-nums">{count(s)}</span>
                  <div className="w-full rounded-t bg-brand-500/80" style={{ height: `${Math.max(4, (count(s) / max) * 80)}px` }} />
                  <span className="text-[11px] leading-tight text-slate-500">{td(`leadStatus.${s}`)}</span>
                </div>
              ))}
            </div>
          </Card>
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
                  <tr key={l.id}>
                    <td data-label={t("colLead")} className="px-5 py-3">
                      <p className="font-medium">{l.name}</p>
                      <p className="text-xs text-slate-500">{l.email}</p>
                    </td>
                    <td data-label={t("colCompany")} className="px-5 py-3 text-slate-600">{l.company ?? "—"}</td>
                    <td data-label={t("colScore")} className="px-5 py-3">
                      <span className="mr-2 tabular-nums">{l.score ?? "—"}</span>
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
        </>
      )}
    </div>
  );
}
