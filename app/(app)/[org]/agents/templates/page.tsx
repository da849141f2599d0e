import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { InstallTemplateButton } from "@/components/agents/install-template-button";
import { StatusBadge } from "@/components/domain/badges";
import { Card } from "@/components/ui/card";
import { listAgentTemplates } from "@/lib/agents/install-template";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, ROLE_RANK } from "@/lib/auth/roles";

const GROUPS = ["CONTENT_FLYWHEEL", "AMPLIFICATION_ENGINE", "OPPORTUNITY_HUNTER", "UTILITIES", null] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("agents"))("templates.title") };
}

/** The catalogue of agent templates: description, use cases, required connections; install or switch back on. */
export default async function AgentTemplatesPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const locale = await getLocale();
  const [templates, t, td] = await Promise.all([listAgentTemplates({ organizationId: ctx.organizationId, locale }), getTranslations("agents"), getTranslations("domain")]);
  const canManage = ROLE_RANK[ctx.role] >= ROLE_RANK[POLICY.manageAutomations];
  const connection = (c: string) => (t.has(`connections.${c}`) ? t(`connections.${c}`) : c);
  return (
    <div data-testid="page-agent-templates" className="space-y-6">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href={`/${ctx.slug}/agents`} className="text-indigo-700 hover:underline">
          ← {t("back")}
        </Link>
      </nav>
      <header>
        <h1 className="text-xl font-semibold text-slate-900">{t("templates.title")}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("templates.intro")}</p>
      </header>
      {GROUPS.map((g) => (
        <section key={g ?? "other"}>
          <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{g ? td(`agentGroup.${g}`) : t("list.otherGroup")}</h2>
          <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            {templates
              .filter((e) => e.group === g)
              .map((e) => (
                <Card key={e.slug} className="flex flex-col gap-2 p-4" data-testid="template-card">
                  <div className="flex items-start justify-between gap-2">
                    <div>
                      <p className="font-mono text-xs text-slate-400">{e.workflowCode}</p>
                      <h3 className="font-medium text-slate-900">{e.name}</h3>
                    </div>
                    {e.agent ? <StatusBadge kind="agentStatus" value={e.agent.status} /> : <span className="text-xs text-slate-500">{t("templates.notInstalled")}</span>}
                  </div>
                  <p className="text-sm text-slate-600">{e.description}</p>
                  <dl className="text-xs text-slate-500">
                    <dt className="inline font-medium">{t("templates.useCases")} </dt>
                    <dd className="inline">{e.useCases.join(" · ")}</dd>
                    <br />
                    <dt className="inline font-medium">{t("templates.connections")} </dt>
                    <dd className="inline">{e.requiredConnections.length ? e.requiredConnections.map(connection).join(", ") : t("templates.noConnection")}</dd>
                    <br />
                    <dt className="inline font-medium">{t("templates.runs")} </dt>
                    <dd className="inline">{t(e.scheduled ? "templates.scheduled" : "templates.onEvents")}</dd>
                  </dl>
                  <div className="mt-auto flex flex-wrap items-center gap-3 pt-1">
                    {e.agent?.status === "ACTIVE" ? (
                      <span className="text-sm text-emerald-700">{t("templates.installed")}</span>
                    ) : canManage ? (
                      <InstallTemplateButton org={ctx.slug} slug={e.slug} name={e.name} reenable={Boolean(e.agent)} />
                    ) : null}
                    {e.agent ? (
                      <Link href={`/${ctx.slug}/agents/${e.agent.id}`} className="text-sm text-indigo-700 hover:underline">
                        {t("templates.open")}
                      </Link>
                    ) : null}
                  </div>
                </Card>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
