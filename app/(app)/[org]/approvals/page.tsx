import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { listApprovals } from "@/lib/approvals/list-approvals";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.approvals"))("title") };
}

export default async function ApprovalsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [items, t, td, format] = await Promise.all([listApprovals({ organizationId: ctx.organizationId }), getTranslations("pages.approvals"), getTranslations("domain"), getFormatter()]);
  return (
    <div data-testid="page-approvals">
      <SectionHeader section="approvals" />
      {items.length === 0 ? (
        <SectionEmpty section="approvals" actionHref={`/${ctx.slug}/content`} />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" data-testid="approvals-list">
            {items.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-4 text-sm">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={a.entityType === "AD_CAMPAIGN" ? "violet" : "blue"}>{td(`approvalEntity.${a.entityType}`)}</Badge>
                    {a.priority === "HIGH" || a.priority === "URGENT" ? <Badge tone="red">{td(`approvalPriority.${a.priority}`)}</Badge> : null}
                    <p className="font-medium text-slate-900">{a.title}</p>
                  </div>
                  {a.summary ? <p className="mt-1 line-clamp-2 text-slate-500">{a.summary}</p> : null}
                  <p className="mt-1 text-xs text-slate-500">
                    {a.spendAmountMinor !== null && a.currency ? `${t("spend", { amount: format.number(a.spendAmountMinor / 100, { style: "currency", currency: a.currency }) })} · ` : ""}
                    {a.dueAt ? t("due", { when: format.relativeTime(new Date(a.dueAt)) }) : format.relativeTime(new Date(a.createdAt))}
                    {a.reminderCount > 0 ? ` · ${t("reminders", { count: a.reminderCount })}` : ""}
                  </p>
                </div>
                <StatusBadge kind="approvalStatus" value={a.status} />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
