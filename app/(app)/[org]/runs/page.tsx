import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PingButton } from "@/components/runtime/ping-button";
import { RunsView } from "@/components/runtime/runs-view";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { workflowEngine } from "@/lib/workflows/config";
import { listRunFunctions, listRuns, runFiltersSchema } from "@/lib/workflows/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("runtime.runs"))("title") };
}

type Search = Record<string, string | string[] | undefined>;

export default async function RunsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("runtime.runs");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const parsed = runFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const [page, functions] = await Promise.all([
    listRuns({ organizationId: ctx.organizationId, filters }),
    listRunFunctions({ organizationId: ctx.organizationId }),
  ]);
  const urlFilters = parsed.success ? raw : {};
  return (
    <div data-testid="page-runs">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <PingButton org={ctx.slug} />
            <Link href={`/${ctx.slug}/events`} className={buttonClass("secondary")}>
              {t("eventsLink")}
            </Link>
          </>
        }
      />
      {workflowEngine() === "inngest" ? <p className="mb-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("engineInngest")}</p> : null}
      <RunsView org={ctx.slug} filters={urlFilters} functions={functions} initial={page} />
    </div>
  );
}
