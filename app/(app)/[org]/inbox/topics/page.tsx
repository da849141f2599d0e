import { Tags } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PlatformBadge } from "@/components/domain/badges";
import { InboxTabs } from "@/components/inbox-insights/inbox-tabs";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import type { TopicDto } from "@/lib/inbox/topics/contracts";
import { getInboxTopics } from "@/lib/inbox/topics/get-topics";
import { TOPIC_PERIODS } from "@/lib/inbox/topics/schemas";

export async function generateMetadata() {
  return { title: (await getTranslations("inboxInsights.topics"))("title") };
}

/** Topics of the inbox (daily clustering at 03:00): chips per topic linking to its messages, for 24 hours or 7 days, and per post. */
export default async function InboxTopicsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ period?: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const asked = (await searchParams).period;
  const period = (TOPIC_PERIODS as readonly string[]).includes(asked ?? "") ? (asked as "24h" | "7d") : "7d";
  const [data, t, format] = await Promise.all([getInboxTopics({ organizationId: ctx.organizationId, period }), getTranslations("inboxInsights.topics"), getFormatter()]);
  const search = (topic: TopicDto) => `/${ctx.slug}/inbox?q=${encodeURIComponent(topic.keywords[0] ?? topic.label)}`;
  const topicCard = (topic: TopicDto) => (
    <li key={topic.id} className="space-y-2 px-4 py-3 sm:px-5" data-testid="topic">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={search(topic)} className="rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-100" data-testid="topic-chip">
          {topic.label}
        </Link>
        <span className="text-xs text-slate-500">{t("size", { count: topic.size })}</span>
        {topic.keywords.slice(1).map((k) => (
          <Link key={k} href={`/${ctx.slug}/inbox?q=${encodeURIComponent(k)}`} className="rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 hover:border-brand-300 hover:text-brand-700">
            {k}
          </Link>
        ))}
      </div>
      <ul className="space-y-1">
        {topic.samples.map((s) => (
          <li key={s.id} className="flex min-w-0 items-start gap-2 text-sm text-slate-600">
            <PlatformBadge platform={s.platform} />
            <Link href={s.kind === "comment" ? `/${ctx.slug}/inbox/comments` : `/${ctx.slug}/inbox?q=${encodeURIComponent(s.text.slice(0, 40))}`} className="min-w-0 flex-1 truncate hover:text-brand-700" data-user-content>
              {s.text}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
  return (
    <div data-testid="page-inbox-topics">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <nav aria-label={t("period")} className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5">
            {TOPIC_PERIODS.map((p) => (
              <Link
                key={p}
                href={`/${ctx.slug}/inbox/topics?period=${p}`}
                aria-current={p === period ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm ${p === period ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:text-slate-900"}`}
              >
                {t(`periods.${p}`)}
              </Link>
            ))}
          </nav>
        }
      />
      <InboxTabs org={ctx.slug} current="topics" />
      {data.topics.length === 0 && data.postTopics.length === 0 ? (
        <EmptyState icon={<Tags className="h-8 w-8" aria-hidden />} title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : (
        <div className="space-y-6">
          <Card>
            <CardHeader
              title={t(period === "24h" ? "global24h" : "global7d")}
              description={data.windowEnd ? t("computed", { at: format.dateTime(new Date(data.windowEnd), { dateStyle: "medium", timeStyle: "short" }) }) : undefined}
            />
            {data.topics.length === 0 ? <CardBody className="text-sm text-slate-500">{t("noGlobal")}</CardBody> : <ul className="divide-y divide-slate-100" data-testid="topics-global">{data.topics.map(topicCard)}</ul>}
          </Card>
          {data.postTopics.length > 0 ? (
            <Card>
              <CardHeader title={t("perPost")} description={t("perPostHint")} />
              <ul className="divide-y divide-slate-100" data-testid="topics-per-post">
                {data.postTopics.map((topic) => (
                  <li key={topic.id}>
                    <p className="px-4 pt-3 text-xs font-medium text-slate-500 sm:px-5">
                      {t("onPost")} <span data-user-content>{topic.publication?.title}</span>
                    </p>
                    <ul>{topicCard(topic)}</ul>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      )}
    </div>
  );
}
