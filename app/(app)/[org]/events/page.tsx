import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EventsView } from "@/components/runtime/events-view";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { eventFiltersSchema, listEvents } from "@/lib/workflows/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("runtime.events"))("title") };
}

export default async function EventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOrgPage((await params).org);
  const [t, tr] = await Promise.all([getTranslations("runtime.events"), getTranslations("runtime.runs")]);
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const parsed = eventFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const page = await listEvents({ organizationId: ctx.organizationId, filters });
  return (
    <div data-testid="page-events">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`/${ctx.slug}/runs`} className={buttonClass("secondary")}>
            {tr("title")}
          </Link>
        }
      />
      <EventsView org={ctx.slug} name={filters.name} events={page.events} nextCursor={page.nextCursor} />
    </div>
  );
}
