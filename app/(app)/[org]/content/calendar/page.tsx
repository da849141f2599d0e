import { getTranslations } from "next-intl/server";
import { CalendarView } from "@/components/publishing/calendar-view";
import { ContentTabs } from "@/components/publishing/content-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("publishing.calendar"))("title") };
}

export default async function CalendarPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("publishing.calendar");
  return (
    <div data-testid="page-content-calendar">
      <PageHeader title={t("title")} description={t("description")} />
      <ContentTabs org={ctx.slug} />
      <CalendarView org={ctx.slug} />
    </div>
  );
}
