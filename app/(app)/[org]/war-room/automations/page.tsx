import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AutomationCard } from "@/components/warroom/automation-card";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listAutomationAudit, listAutomations } from "@/lib/warroom/automations";

export async function generateMetadata() {
  return { title: (await getTranslations("automations"))("title") };
}

/**
 * The Bot Control Center (seed 001): each automation with its compliance level, its switch and its
 * settings (admins and owners change them; others read), then the audit trail of switches and actions.
 */
export default async function AutomationsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [automations, audit, t, format] = await Promise.all([
    listAutomations({ organizationId: ctx.organizationId }),
    listAutomationAudit({ organizationId: ctx.organizationId, limit: 20 }),
    getTranslations("automations"),
    getFormatter(),
  ]);
  const canManage = hasRole(ctx.role, POLICY.manageAutomations);
  return (
    <div data-testid="page-automations" className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`/${ctx.slug}/war-room`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("back")}
          </Link>
        }
      />
      {canManage ? null : (
        <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900" role="note">
          {t("readOnly")}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {automations.map((a) => (
          <AutomationCard key={a.key} org={ctx.slug} automation={a} canManage={canManage} />
        ))}
      </div>
      <Card>
        <CardHeader title={t("auditTitle")} description={t("auditDescription")} />
        {audit.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-500">{t("auditEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="automation-audit">
            {audit.map((line) => (
              <li key={line.id} className="flex flex-col gap-1 px-5 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
                <span className="text-slate-800">
                  <span className="font-medium">{t(`items.${line.key}.label`)}</span> ·{" "}
                  {line.kind === "SWITCHED" ? t(line.toEnabled ? "auditOn" : "auditOff") : t("auditActed", { action: line.action ?? "—" })}
                  {line.actorName ? <span className="text-slate-500"> · {line.actorName}</span> : null}
                </span>
                <time dateTime={line.createdAt} className="shrink-0 text-xs text-slate-500">
                  {format.dateTime(new Date(line.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
