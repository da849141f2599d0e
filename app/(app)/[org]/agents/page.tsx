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
import { getExternalAgentsSettings } from "@/lib/agents/external-settings";
import { ExternalAgents } from "@/components/agents/external-agents";
import { getAgentsAnalytics } from "@/lib/agents/agents-overview";
import { AgentCostChart } from "@/components/agents/agent-charts";

const GROUPS = ["CONTENT_FLYWHEEL", "AMPLIFICATION_ENGINE", "OPPORTUNITY_HUNTER", "UTILITIES", null] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("sections.agents"))("title") };
}

export default async function AgentsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const locale = await getLocale();
  const [agents, t, td, ta, format, analytics] = await Promise.all([
    listAgents({ organizationId: ctx.organizationId, locale }),
    getTranslations("pages.agents"),
    getTranslations("domain"),
    getTranslations("agents"),
    getFormatter(),
    getAgentsAnalytics({ organizationId: ctx.organizationId, locale }),
  ]);
  const canManage = ROLE_RANK[ctx.role] >= ROLE_RANK[POLICY.manageAutomations];
  const external = ROLE_RANK[ctx.role] >= ROLE_RANK[POLICY.manageApiKeys] ? await getExternalAgentsSettings({ organizationId: ctx.organizationId, slug: ctx.slug }) : null;
  const money = (credits: number) => format.number(credits / 10_000, { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
  const { overview, health, budget } = analytics;
  const pct = (v: number | null) => (v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 0 }));
  const HEALTH_TONE = { off: "bg-slate-100 text-slate-600", failing: "bg-red-100 text-red-800", degraded: "bg-amber-100 text-amber-800", idle: "bg-slate-100 text-slate-600", ok: "bg-emerald-100 text-emerald-800" } as const;
  return (
    <div data-testid="page-agents" className="space-y-8">
      <SectionHeader
        section="agents"
        actions={
          <>
            <Link href={`/${ctx.slug}/agents/templates`} className={buttonClass("secondary")} data-testid="templates-link">
              {ta("templates.link")}
            </Link>
            <Link href={`/${ctx.slug}/runs`} className={buttonClass("secondary")} data-testid="runs-link">
              {t("runsLink")}
            </Link>
            <Link href={`/${ctx.slug}/events`} className={buttonClass("secondary")}>
              {t("eventsLink")}
            </Link>
          </>
        }
      />
      <section aria-label={ta("overview.costTitle")} className="space-y-3">
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
          <Stat label={ta("list.agents")} value={overview.agents} hint={ta("list.active", { count: overview.active })} testId="agents-count" />
          <Stat label={ta("overview.runsToday")} value={overview.executionsToday} testId="agents-runs-today" />
          <Stat
            label={ta("overview.avgResponse")}
            value={overview.avgResponseMs === null ? "—" : ta("seconds", { seconds: overview.avgResponseMs / 1000 })}
            hint={overview.avgResponseMs === null ? ta("overview.noRun") : undefined}
            testId="agents-avg-response"
          />
          <Stat label={ta("overview.errorRate")} value={pct(overview.errorRate)} hint={ta("overview.errorRateHint")} testId="agents-error-rate" />
          <Stat
            label={ta("cost.title")}
            value={money(budget.usedCredits)}
            hint={ta("cost.budget", { budget: money(budget.budgetCredits), left: money(Math.max(0, budget.remainingCredits)) })}
            testId="ai-cost-month"
          />
        </div>
        <div className="grid gap-3 lg:grid-cols-3">
          <Card className="p-4 lg:col-span-2" data-testid="agents-cost-chart">
            <h2 className="text-sm font-semibold text-slate-700">{ta("charts.costTitle")}</h2>
            <p className="text-xs text-slate-500">{ta("overview.left", { left: money(Math.max(0, budget.remainingCredits)), budget: money(budget.budgetCredits) })}</p>
            <div className="mt-2">
              <AgentCostChart data={analytics.costPerDay} />
            </div>
          </Card>
          <Card className="p-4" data-testid="agents-top">
            <h2 className="text-sm font-semibold text-slate-700">{ta("overview.top")}</h2>
            {overview.top.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{ta("overview.topEmpty")}</p>
            ) : (
              <ol className="mt-2 space-y-1.5 text-sm">
                {overview.top.map((a) => (
                  <li key={a.id} className="flex items-baseline justify-between gap-2">
                    <Link href={`/${ctx.slug}/agents/${a.id}`} className="min-w-0 truncate text-slate-800 hover:underline">
                      {a.name}
                    </Link>
                    <span className="shrink-0 text-xs tabular-nums text-slate-500">{ta("overview.topLine", { count: a.executions, rate: pct(a.successRate) })}</span>
                  </li>
                ))}
              </ol>
            )}
            <h2 className="mt-4 text-sm font-semibold text-slate-700">{ta("overview.costPerAgent")}</h2>
            {analytics.costPerAgent.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{ta("overview.costEmpty")}</p>
            ) : (
              <ul className="mt-2 space-y-1.5 text-sm" data-testid="agents-cost-per-agent">
                {analytics.costPerAgent.slice(0, 6).map((a) => (
                  <li key={a.id} className="flex items-baseline justify-between gap-2">
                    <span className="min-w-0 truncate text-slate-800">{a.name}</span>
                    <span className="shrink-0 text-xs tabular-nums text-slate-500">{money(a.credits)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </section>
      <details className="rounded-lg border border-slate-200 bg-white" data-testid="agents-health">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-700">
          {ta("health.title")} · {health.filter((h) => h.health === "failing" || h.health === "degraded").length ? `${health.filter((h) => h.health === "failing" || h.health === "degraded").length} ⚠` : "✓"}
        </summary>
        <div className="overflow-x-auto px-4 pb-4">
          <table className="w-full min-w-[520px] text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{ta("health.agent")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{ta("health.state")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{ta("health.lastRun")}</th>
                <th scope="col" className="py-1 text-right font-medium">{ta("health.errorRate")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {health.map((h) => (
                <tr key={h.id} data-testid="agent-health-row">
                  <td className="py-1.5 pr-3">
                    <Link href={`/${ctx.slug}/agents/${h.id}`} className="text-slate-800 hover:underline">
                      {h.name}
                    </Link>
                  </td>
                  <td className="py-1.5 pr-3">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${HEALTH_TONE[h.health]}`}>{ta(`health.state_${h.health}`)}</span>
                  </td>
                  <td className="py-1.5 pr-3 text-xs text-slate-500">{h.lastExecutedAt ? format.relativeTime(new Date(h.lastExecutedAt)) : ta("health.never")}</td>
                  <td className="py-1.5 text-right tabular-nums text-slate-700">{pct(h.errorRate7d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
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
      {external ? <ExternalAgents org={ctx.slug} initial={external} /> : null}
    </div>
  );
}
