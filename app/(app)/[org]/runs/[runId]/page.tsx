import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RunDetailView } from "@/components/runtime/run-detail-view";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { getRun } from "@/lib/workflows/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("runtime.runs"))("title") };
}

export default async function RunPage({ params }: { params: Promise<{ org: string; runId: string }> }) {
  const { org, runId } = await params;
  const ctx = await requireOrgPage(org);
  const run = await getRun({ organizationId: ctx.organizationId, runId }).catch((err) => {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  });
  return <RunDetailView org={ctx.slug} initial={run} canManage={hasRole(ctx.role, POLICY.editContent)} />;
}
