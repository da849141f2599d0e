import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { listAgents } from "@/lib/agents/list-agents";

const GROUPS = ["CONTENT_FLYWHEEL", "AMPLIFICATION_ENGINE", "OPPORTUNITY_HUNTER", "UTILITIES"] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("sections.agents"))("title") };
}

export default async function AgentsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const locale = await getLocale();
  const [agents, t, td, format] = await Promise.all([listAgents({ organizationId: ctx.organizationId, locale }), getTranslations("pages.agents"), getTranslations("domain"), getFormatter()]);
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
      {agents.length === 0 ? (
        <SectionEmpty section="agents" actionHref={`/${ctx.slug}/agents`} />
      ) : (
        GROUPS.filter((g) => agents.some((a) => a.group === g)).map((g) => (
          <section key={g}>
            <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{td(`agentGroup.${g}`)}</h2>
            <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
              {agents
                .filter((a) => a.group === g)
                .map((a) => (
                  <Card key={a.id} className="p-4" data-testid="agent-card">
                    <div className="flex items-start justify-between gap-2">
                      <div>
                        <p className="font-mono text-xs text-slate-400">{a.workflowCode}</p>
                        <h3 className="font-medium text-slate-900">{a.name}</h3>
                      </div>
                      <StatusBadge kind="agentStatus" value={a.status} />
                    </div>
                    {a.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-500">{a.description}</p> : null}
                    <p className="mt-2 text-xs text-slate-500">
                      {t("runs", { count: a.executionCount })}
                      {a.successRate !== null ? ` · ${t("success", { rate: format.number(a.successRate, { style: "percent", maximumFractionDigits: 0 }) })}` : ""}
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
