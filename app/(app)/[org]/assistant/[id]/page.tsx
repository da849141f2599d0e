import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Download, MessageSquarePlus } from "lucide-react";
import { MiniMarkdown } from "@/components/assistant/mini-markdown";
import { PlanTable } from "@/components/assistant/plan-table";
import { StatusBadge } from "@/components/domain/badges";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { endpointUrl } from "@/lib/api/client";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { exportScenarioCsvEndpoint, exportScenarioJsonEndpoint } from "@/lib/scenarios/contracts";
import { getScenario } from "@/lib/scenarios/get-scenario";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.assistant"))("title") };
}

/** A scenario's detail (seed 002): objectives, targets, resources, the plan table, inspirations, recent messages, exports. */
export default async function ScenarioPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const p = await params;
  const ctx = await requireOrgPage(p.org);
  const s = await getScenario({ organizationId: ctx.organizationId, scenarioId: p.id, messages: 12 }).catch((err) => {
    if (isAppError(err) && err.code === "not_found") notFound(); // another organisation's scenario: 404
    throw err;
  });
  const [t, format] = await Promise.all([getTranslations("assistant"), getFormatter()]);
  const canEdit = hasRole(ctx.role, POLICY.editContent);
  const chatHref = (prefill?: string) => `/${ctx.slug}/assistant?${new URLSearchParams({ scenario: s.id, ...(prefill ? { prefill } : {}) })}`;
  const ids = { params: { org: ctx.slug, id: s.id } };
  return (
    <div data-testid="page-scenario" className="space-y-4">
      <Link href={`/${ctx.slug}/assistant`} className="text-sm text-slate-500 hover:underline">
        ← {t("detail.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold [overflow-wrap:anywhere]" data-user-content>
              {s.name}
            </h1>
            <StatusBadge kind="scenarioStatus" value={s.status} />
          </div>
          <p className="mt-1 text-sm text-brand-700">
            <span className="sr-only">{t("detail.theme")} : </span>
            {s.theme}
          </p>
          {s.description ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{s.description}</p> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          {canEdit ? (
            <Link href={chatHref(t("detail.prefillTarget", { name: s.name }))} className={buttonClass("primary")} data-testid="add-target-from-chat">
              <MessageSquarePlus className="h-4 w-4" aria-hidden />
              {t("detail.addTargetFromChat")}
            </Link>
          ) : null}
          <a href={endpointUrl(exportScenarioJsonEndpoint, ids)} download className={buttonClass("secondary")} data-testid="export-json">
            <Download className="h-4 w-4" aria-hidden />
            {t("detail.exportJson")}
          </a>
          {s.plan ? (
            <a href={endpointUrl(exportScenarioCsvEndpoint, ids)} download className={buttonClass("secondary")} data-testid="export-csv">
              <Download className="h-4 w-4" aria-hidden />
              {t("detail.exportCsv")}
            </a>
          ) : null}
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-slate-900">{t("objectives")}</h2>
          {s.objectives.length ? (
            <ul className="mt-2 space-y-2 text-sm" data-testid="detail-objectives">
              {s.objectives.map((o) => (
                <li key={o.id}>
                  <div className="flex items-start justify-between gap-2">
                    <span className="font-medium [overflow-wrap:anywhere]">{o.label}</span>
                    <Badge tone="blue">{t("priority", { value: o.priority })}</Badge>
                  </div>
                  {o.description ? <p className="text-xs text-slate-500">{o.description}</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-500">{t("none")}</p>
          )}
        </Card>
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-slate-900">{t("targets")}</h2>
          {s.targets.length ? (
            <ul className="mt-2 space-y-3 text-sm" data-testid="detail-targets">
              {s.targets.map((x) => (
                <li key={x.id}>
                  <div className="flex items-start justify-between gap-2">
                    <span className="font-medium [overflow-wrap:anywhere]">{x.label}</span>
                    <Badge tone="violet">{t(`maturity.${x.maturity}`)}</Badge>
                  </div>
                  {x.segment ? (
                    <p className="text-xs text-slate-500">
                      {t("detail.segment")} : {x.segment}
                    </p>
                  ) : null}
                  {x.persona ? (
                    <p className="text-xs text-slate-500">
                      {t("detail.persona")} : {x.persona}
                    </p>
                  ) : null}
                  {x.insight ? (
                    <p className="text-xs italic text-slate-600">
                      {t("detail.insight")} : {x.insight}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-500">{t("none")}</p>
          )}
          {canEdit ? (
            <Link href={chatHref(t("detail.prefillTarget", { name: s.name }))} className="mt-3 inline-block text-sm text-brand-700 underline">
              {t("detail.addTargetFromChat")}
            </Link>
          ) : null}
        </Card>
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-slate-900">{t("resources")}</h2>
          {s.resources.length ? (
            <ul className="mt-2 space-y-2 text-sm" data-testid="detail-resources">
              {s.resources.map((r) => (
                <li key={r.id}>
                  <div className="flex items-start justify-between gap-2">
                    {r.url ? (
                      <a href={r.url} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline [overflow-wrap:anywhere]">
                        {r.title}
                      </a>
                    ) : (
                      <span className="font-medium [overflow-wrap:anywhere]">{r.title}</span>
                    )}
                    <Badge>{t(`resourceType.${r.type}`)}</Badge>
                  </div>
                  {r.note ? <p className="text-xs text-slate-500">{r.note}</p> : null}
                  {r.usage ? <p className="text-xs text-slate-500">{t("detail.usage", { usage: r.usage })}</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-500">{t("none")}</p>
          )}
        </Card>
      </div>

      <Card className="p-4">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-900">{t("detail.plan")}</h2>
          {s.plan ? (
            <p className="text-xs text-slate-500">
              {t("detail.planVersion", { version: s.plan.version, when: format.relativeTime(new Date(s.plan.generatedAt)) })} · {t("detail.planVersions", { count: s.planVersions })}
            </p>
          ) : null}
        </div>
        {s.plan ? (
          <>
            <div className="mb-3 text-sm text-slate-700" data-testid="plan-summary">
              <MiniMarkdown text={s.plan.summary} />
            </div>
            <PlanTable org={ctx.slug} scenarioId={s.id} rows={s.plan.rows} canEdit={canEdit} />
          </>
        ) : (
          <div className="text-sm text-slate-500">
            <p>{t("detail.noPlan")}</p>
            {canEdit ? (
              <Link href={chatHref()} className="mt-2 inline-block text-brand-700 underline">
                {t("detail.suggestInChat")}
              </Link>
            ) : null}
          </div>
        )}
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        {s.searches.length ? (
          <Card className="p-4">
            <h2 className="text-sm font-semibold text-slate-900">{t("detail.inspirations")}</h2>
            <ul className="mt-2 space-y-2 text-sm">
              {s.searches[0]!.results.map((r, i) => (
                <li key={i}>
                  <p className="font-medium">{r.title}</p>
                  <p className="text-xs text-slate-500">{r.excerpt}</p>
                  <p className="text-xs text-slate-600">{r.recommendedAction} · {r.source}</p>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-slate-900">{t("detail.messages")}</h2>
          {s.messages.length ? (
            <ol className="mt-2 space-y-3 border-l border-slate-200 pl-4 text-sm" data-testid="detail-messages">
              {s.messages.map((m) => (
                <li key={m.id}>
                  <p className="text-xs text-slate-500">
                    {m.author === "USER" ? t("you") : t("assistant")} · <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), { dateStyle: "short", timeStyle: "short" })}</time>
                  </p>
                  <div className="text-slate-700 [overflow-wrap:anywhere]">
                    <MiniMarkdown text={m.content} />
                  </div>
                </li>
              ))}
            </ol>
          ) : (
            <p className="mt-2 text-sm text-slate-500">{t("detail.noMessages")}</p>
          )}
        </Card>
      </div>
    </div>
  );
}
