import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { listScenarios } from "@/lib/scenarios/list-scenarios";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.assistant"))("title") };
}

export default async function AssistantPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [items, t, format] = await Promise.all([listScenarios({ organizationId: ctx.organizationId }), getTranslations("pages.assistant"), getFormatter()]);
  return (
    <div data-testid="page-assistant">
      <SectionHeader section="assistant" />
      {items.length === 0 ? (
        <SectionEmpty section="assistant" actionHref={`/${ctx.slug}/assistant`} />
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="scenarios">
          {items.map((s) => (
            <Card key={s.id} className="flex flex-col gap-2 p-5">
              <div className="flex items-start justify-between gap-2">
                <h3 className="font-semibold text-slate-900">{s.name}</h3>
                <StatusBadge kind="scenarioStatus" value={s.status} />
              </div>
              <p className="text-xs font-medium uppercase text-brand-700">{s.theme}</p>
              {s.description ? <p className="line-clamp-3 text-sm text-slate-600">{s.description}</p> : null}
              <p className="mt-auto pt-2 text-xs text-slate-500">
                {t("objectives", { count: s.objectives })} · {t("targets", { count: s.targets })} · {t("planRows", { count: s.planRows })} · {format.relativeTime(new Date(s.updatedAt))}
              </p>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
