import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AgentConfigForm } from "@/components/agents/config-form";
import { RunNowButton } from "@/components/agents/run-now-button";
import { AgentCostChart, AgentPerformanceChart } from "@/components/agents/agent-charts";
import { AgentExecutionsView, AgentLogsView } from "@/components/agents/executions-view";
import { AgentStatusToggle } from "@/components/agents/status-toggle";
import { StatusBadge } from "@/components/domain/badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getAgent } from "@/lib/agents/get-agent";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, ROLE_RANK } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("agents"))("detailTitle") };
}

export default async function AgentPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const p = await params;
  const ctx = await requireOrgPage(p.org);
  const locale = await getLocale();
  const [agent, t, format] = await Promise.all([
    getAgent({ organizationId: ctx.organizationId, agentId: p.id, locale }),
    getTranslations("agents"),
    getFormatter(),
  ]);
  const canManage = ROLE_RANK[ctx.role] >= ROLE_RANK[POLICY.manageAutomations];
  const money = (credits: number) => format.number(credits / 10_000, { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
  const pct = (v: number | null) => (v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 0 }));
  const secs = (ms: number | null) => (ms === null ? "—" : t("seconds", { seconds: ms / 1000 }));
  const usedShare = agent.month.budgetCredits > 0 ? Math.min(1, agent.month.usedCredits / agent.month.budgetCredits) : 0;
  return (
    <div data-testid="page-agent" className="space-y-6">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href={`/${ctx.slug}/agents`} className="text-indigo-700 hover:underline">
          ← {t("back")}
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-mono text-xs text-slate-400">{agent.workflowCode}</p>
          <h1 className="text-xl font-semibold text-slate-900">{agent.name}</h1>
          {agent.description ? <p className="mt-1 max-w-2xl text-sm text-slate-600">{agent.description}</p> : null}
          <p className="mt-1 text-xs text-slate-500">
            {t("versionLine", { version: agent.version })}
            {agent.trigger ? ` · ${t(`trigger.${agent.trigger}`)}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge kind="agentStatus" value={agent.status} />
          <AgentStatusToggle org={ctx.slug} agentId={agent.id} name={agent.name} active={agent.status === "ACTIVE"} disabled={!canManage} />
        </div>
        {agent.runNow && canManage ? (
          <div className="w-full sm:w-auto">
            <RunNowButton org={ctx.slug} agentId={agent.id} disabled={agent.status !== "ACTIVE"} />
          </div>
        ) : null}
      </header>

      <section aria-labelledby="cost-title">
        <Card className="p-4" data-testid="agent-month-cost">
          <h2 id="cost-title" className="text-sm font-semibold text-slate-700">
            {t("cost.title")}
          </h2>
          <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid="agent-month-cost-value">
            {money(agent.month.agentCredits)}
          </p>
          <p className="text-sm text-slate-600">
            {t("cost.org", {
              used: money(agent.month.usedCredits),
              budget: money(agent.month.budgetCredits),
              left: money(Math.max(0, agent.month.remainingCredits)),
            })}
          </p>
          <div
            className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-100"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(usedShare * 100)}
            aria-label={t("cost.meter")}
          >
            <div className={`h-full ${usedShare > 0.9 ? "bg-red-500" : "bg-indigo-500"}`} style={{ width: `${usedShare * 100}%` }} />
          </div>
        </Card>
      </section>

      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
          {t("stats.title")}
        </h2>
        <div className="grid gap-3 md:grid-cols-3">
          {agent.stats.map((s) => (
            <Card key={s.period} className="p-4" data-testid={`agent-stats-${s.period}`}>
              <h3 className="text-sm font-medium text-slate-700">{t(`stats.period.${s.period}`)}</h3>
              <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-500">{t("stats.executions")}</dt>
                <dd className="text-right tabular-nums">{s.executions}</dd>
                <dt className="text-slate-500">{t("stats.successRate")}</dt>
                <dd className="text-right tabular-nums">{pct(s.successRate)}</dd>
                <dt className="text-slate-500">{t("stats.avg")}</dt>
                <dd className="text-right tabular-nums">{secs(s.avgDurationMs)}</dd>
                <dt className="text-slate-500">{t("stats.p95")}</dt>
                <dd className="text-right tabular-nums">{secs(s.p95DurationMs)}</dd>
                <dt className="text-slate-500">{t("stats.tokens")}</dt>
                <dd className="text-right tabular-nums">{format.number(s.tokens)}</dd>
                <dt className="text-slate-500">{t("stats.cost")}</dt>
                <dd className="text-right tabular-nums">{money(s.credits)}</dd>
                {s.skipped ? (
                  <>
                    <dt className="text-slate-500">{t("stats.skipped")}</dt>
                    <dd className="text-right tabular-nums">{s.skipped}</dd>
                  </>
                ) : null}
              </dl>
            </Card>
          ))}
        </div>
      </section>

      <div className="grid gap-3 lg:grid-cols-3">
        <Card className="p-4 lg:col-span-2">
          <h2 className="text-sm font-semibold text-slate-700">{t("charts.performanceTitle")}</h2>
          <div className="mt-2">
            <AgentPerformanceChart data={agent.daily} />
          </div>
        </Card>
        <Card className="p-4" data-testid="agent-cost-chart">
          <h2 className="text-sm font-semibold text-slate-700">{t("charts.costTitle")}</h2>
          <div className="mt-2">
            <AgentCostChart data={agent.daily} height={240} />
          </div>
        </Card>
      </div>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader title={t("executions.title")} />
          <CardBody>
            <AgentExecutionsView org={ctx.slug} agentId={agent.id} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title={t("config.title")}
            description={
              agent.requiredConnections.length
                ? t("config.requires", { list: agent.requiredConnections.map((c) => (t.has(`connections.${c}`) ? t(`connections.${c}`) : c)).join(", ") })
                : undefined
            }
          />
          <CardBody>
            <AgentConfigForm
              org={ctx.slug}
              agentId={agent.id}
              schema={agent.configSchema}
              config={agent.config}
              version={agent.configVersion}
              versions={agent.versions}
              canEdit={canManage}
            />
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader title={t("logs.title")} />
        <CardBody>
          <AgentLogsView org={ctx.slug} agentId={agent.id} />
        </CardBody>
      </Card>
    </div>
  );
}
