import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RetryDeadLetter } from "@/components/warroom/retry-dead-letter";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listDeadLetters } from "@/lib/agents/messages";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, ROLE_RANK } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("deadLetters"))("title") };
}

/** Agent messages no workflow consumed within 24 h (each re-sent once by the hourly sweep), with "Retry". */
export default async function DeadLettersPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [rows, t, format] = await Promise.all([listDeadLetters({ organizationId: ctx.organizationId }), getTranslations("deadLetters"), getFormatter()]);
  const canRetry = ROLE_RANK[ctx.role] >= ROLE_RANK[POLICY.manageAutomations];
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  return (
    <div data-testid="page-dead-letters" className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`/${ctx.slug}/war-room`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("back")}
          </Link>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100">
            {rows.map((m) => (
              <li key={m.id} className="flex flex-col gap-3 p-4 md:flex-row md:items-center md:justify-between" data-testid="dead-letter">
                <div className="min-w-0 space-y-1">
                  <p className="text-sm font-medium text-slate-900">
                    <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 text-xs">{m.channel}</code>
                  </p>
                  <p className="text-xs text-slate-500">
                    {t.rich("route", {
                      producer: () => <code className="rounded bg-slate-100 px-1">{m.producer}</code>,
                      consumer: () => <code className="rounded bg-slate-100 px-1">{m.consumer}</code>,
                    })}
                  </p>
                  <p className="text-xs text-slate-500">
                    {t("times", { sent: when(m.createdAt), dead: when(m.deadLetteredAt) })} · {t("resends", { count: m.redeliveries })}
                  </p>
                  {m.correlationId ? <p className="break-all text-xs text-slate-400">{t("correlation", { id: m.correlationId })}</p> : null}
                </div>
                <div className="shrink-0">
                  {m.consumedAt ? (
                    <span className="text-xs font-medium text-emerald-700" data-testid="dead-letter-consumed">
                      {t("consumedAt", { at: when(m.consumedAt) })}
                    </span>
                  ) : (
                    <RetryDeadLetter org={ctx.slug} id={m.id} channel={m.channel} disabled={!canRetry} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
