import { getFormatter, getTranslations } from "next-intl/server";
import { PlatformBadge, StatusBadge } from "@/components/domain/badges";
import { SectionEmpty, SectionHeader } from "@/components/sections/section-intro";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { listInbox } from "@/lib/inbox/list-inbox";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.inbox"))("title") };
}

export default async function InboxPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [items, t, td, format] = await Promise.all([listInbox({ organizationId: ctx.organizationId }), getTranslations("pages.inbox"), getTranslations("domain"), getFormatter()]);
  return (
    <div data-testid="page-inbox">
      <SectionHeader section="inbox" />
      {items.length === 0 ? (
        <SectionEmpty section="inbox" actionHref={`/${ctx.slug}/settings/connections`} />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" data-testid="inbox-list">
            {items.map((i) => (
              <li key={`${i.kind}-${i.id}`} className="flex gap-3 px-5 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{i.author}</span>
                    <PlatformBadge platform={i.platform} />
                    <Badge>{t(i.kind)}</Badge>
                    {i.triage ? <Badge tone="violet">{td(`triage.${i.triage}`)}</Badge> : null}
                    {i.unread > 0 ? <Badge tone="blue">{t("unread", { count: i.unread })}</Badge> : null}
                  </div>
                  <p className="mt-1 line-clamp-2 text-slate-600">{i.text}</p>
                </div>
                <div className="flex flex-col items-end gap-1">
                  <StatusBadge kind={i.kind === "comment" ? "commentStatus" : "conversationStatus"} value={i.status} />
                  <span className="whitespace-nowrap text-xs text-slate-500">{format.relativeTime(new Date(i.at))}</span>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
