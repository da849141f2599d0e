import { getTranslations } from "next-intl/server";
import { AssistantWorkspace } from "@/components/assistant/assistant-workspace";
import { SectionHeader } from "@/components/sections/section-intro";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listScenarioExamples } from "@/lib/scenarios/manage-scenarios";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.assistant"))("title") };
}

/**
 * The scenario assistant (seed 002): the chat (about 70 %) and the scenarios sidebar (about 30 %).
 * `?scenario=<id>&prefill=<text>` selects a scenario and pre-fills the composer (the detail page's
 * "Add a target from the chat").
 */
export default async function AssistantPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org);
  const raw = await searchParams;
  const scenario = typeof raw.scenario === "string" && raw.scenario.length <= 40 ? raw.scenario : null;
  const prefill = typeof raw.prefill === "string" ? raw.prefill.slice(0, 500) : null;
  const examples = listScenarioExamples().map(({ key, name, theme, description }) => ({ key, name, theme, description }));
  return (
    <div data-testid="page-assistant">
      <SectionHeader section="assistant" />
      <AssistantWorkspace org={ctx.slug} canEdit={hasRole(ctx.role, POLICY.editContent)} examples={examples} initialScenarioId={scenario} prefill={prefill} />
    </div>
  );
}
