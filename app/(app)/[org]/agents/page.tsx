import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { listAgents } from "@/lib/agents/list-agents";
import { AgentStatusToggle } from "@/components/agents/status-toggle";
import { Stat } from "@/components/ui/stat";
import { POLICY, ROLE_RANK } from "@/lib/auth/roles";
import { getAiCreditBalance } from "@/lib/providers/ai/credits";

const GROUPS = ["CONTENT_FLYWHEEL", "AMPLIFICATION_ENGINE", "OPPORTUNITY_HUNTER", "UTILITIES", null] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("sections.agents"))("title") };
}

export default async function AgentsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const locale = await getLocale();
  const [agents, t, td, ta, format, balance] = await Promise.all([
    listAgents({ organizationId: ctx.organizationId, locale }),
    getTranslations("pages.agents"),
    getTranslations("domain"),
    getTranslations("agents"),
    getFormatter(),
    getAiCreditBalance({ organizationId: ctx.organizationId }),
  ]);
  const canManage = ROLE_RANK[ctx.role] >= ROLE_RANK[POLICY.manageAutomations];
  const money = (credits: number) => format.number(credits / 10_000, { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
  const active = agents.filter((a) => a.status === "ACTIVE").length;
  return (
    <div data-testid="page-agents" className="space-y-8">
      <SectionHeader
        section="agents"
        actions={
          <>
            <Link href={`/${ctx.slug}/runs`} className={buttonClass("secondary")} data-testid="runs-link">
              {t("runsLink")}
            </Link>
            <Link href={`/${ctx.slug}/events`} className={buttonClass("secondary")}>
              {t("eventsLink")}
            </Link>
          </>
        }
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <Stat label={ta("list.agents")} value={agents.length} hint={ta("list.active", { count: active })} testId="agents-count" />
        <Stat
          label={ta("cost.title")}
          value={money(balance.used)}
          hint={ta("cost.budget", { budget: money(balance.budget), left: money(Math.max(0, balance.remaining)) })}
          testId="ai-cost-month"
        />
        <Stat label={ta("list.errors")} value={agents.reduce((n, a) => n + a.errorCount, 0)} hint={ta("list.errorsHint")} />
      </div>
      {agents.length === 0 ? (
        <SectionEmpty section="agents" actionHref={`/${ctx.slug}/agents`} />
      ) : (
        GROUPS.filter((g) => agents.some((a) => a.group === g)).map((g) => (
          <section key={g ?? "other"}>
            <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{g ? td(`agentGroup.${g}`) : ta("list.otherGroup")}</h2>
            <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
              {agents
                .filter((a) => a.group === g)
                .map((a) => (
                  <Card key={a.id} className="p-4" data-testid="agent-card">
                    <div className="flex items-start justify-between gap-2">
                      <div>
                        <p className="font-mono text-xs text-slate-400">{a.workflowCode}</p>
                        <h3 className="font-medium text-slate-900">
                          <Link href={`/${ctx.slug}/agents/${a.id}`} className="hover:underline focus-visible:underline" data-testid="agent-link">
                            {a.name}
                          </Link>
                        </h3>
                      </div>
                      <div className="flex shrink-0 items-center gap-2">
                        <StatusBadge kind="agentStatus" value={a.status} />
                        <AgentStatusToggle org={ctx.slug} agentId={a.id} name={a.name} active={a.status === "ACTIVE"} disabled={!canManage} />
                      </div>
                    </div>
                    {a.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-500">{a.description}</p> : null}
                    <p className="mt-2 text-xs text-slate-500">
                      {t("runs", { count: a.executionCount })}
                      {a.successRate !== null
                        ? ` · ${t("success", { rate: format.number(a.successRate, { style: "percent", maximumFractionDigits: 0 }) })}`
                        : ""}
                      {a.lastExecutedAt ? ` · ${format.relativeTime(new Date(a.lastExecutedAt))}` : ""}
                    </p>
                  </Card>
                ))}
            </div>
          </section>
        ))
      )}
    </div>
  );
}
