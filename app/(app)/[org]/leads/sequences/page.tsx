import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { listSequences } from "@/lib/leads/nurture/sequences";

export async function generateMetadata() {
  return { title: (await getTranslations("leads.sequences"))("title") };
}

/** Nurture sequences (MKT-303): each with its tier, status, steps (channel, delay, template or AI) and enrollments. */
export default async function SequencesPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [sequences, t, format] = await Promise.all([listSequences({ organizationId: ctx.organizationId }), getTranslations("leads.sequences"), getFormatter()]);
  const canEdit = hasRole(ctx.role, POLICY.editContent);
  const delay = (m: number) => (m === 0 ? t("now") : m % 1440 === 0 ? t("days", { n: m / 1440 }) : m % 60 === 0 ? t("hours", { n: m / 60 }) : t("minutes", { n: m }));
  return (
    <div data-testid="page-sequences" className="space-y-4">
      <Link href={`/${ctx.slug}/leads`} className="text-sm text-slate-500 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canEdit ? (
            <Link href={`/${ctx.slug}/leads/sequences/new`} className={buttonClass("primary")} data-testid="sequence-new">
              {t("new")}
            </Link>
          ) : null
        }
      />
      {sequences.length === 0 ? (
        <Card>
          <CardBody>
            <p className="text-sm text-slate-500">{t("empty")}</p>
          </CardBody>
        </Card>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {sequences.map((s) => (
            <li key={s.id}>
              <Card data-testid={`sequence-${s.id}`}>
                <CardBody className="space-y-3">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <Link href={`/${ctx.slug}/leads/sequences/${s.id}`} className="break-words font-semibold text-slate-900 hover:underline" data-user-content>
                        {s.name}
                      </Link>
                      {s.description ? (
                        <p className="break-words text-sm text-slate-500" data-user-content>
                          {s.description}
                        </p>
                      ) : null}
                    </div>
                    <div className="flex flex-wrap gap-1.5 text-xs">
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">{t(`statusValue.${s.status}`)}</span>
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">{s.targetTier ? t(`tierValue.${s.targetTier}`) : t("tierAny")}</span>
                      {s.autoApprove ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-800">{t("autoApproveOn")}</span> : null}
                    </div>
                  </div>
                  <ol className="space-y-1 text-sm">
                    {s.steps.map((step) => (
                      <li key={step.id} className="flex flex-wrap gap-x-2 text-slate-700">
                        <span className="font-medium tabular-nums">{step.position + 1}.</span>
                        <span>{delay(step.delayMinutes)}</span>
                        <span>·</span>
                        <span>{t(`channelValue.${step.channel}`)}</span>
                        <span>·</span>
                        <span>{t(`modeValue.${step.mode}`)}</span>
                      </li>
                    ))}
                  </ol>
                  <p className="text-xs text-slate-500">
                    {t("enrollments", { active: s.enrollments.active, completed: s.enrollments.completed, stopped: s.enrollments.stopped })} · {t("updated", { date: format.dateTime(new Date(s.updatedAt), { dateStyle: "medium" }) })}
                  </p>
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
