import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/domain/badges";
import { NurtureMessageDecision } from "@/components/leads/nurture-message-decision";
import { ReprocessButton } from "@/components/leads/reprocess-button";
import { SimulateReply } from "@/components/leads/simulate-reply";
import { MarkWonForm, UndoConversionButton } from "@/components/leads/mark-won";
import { TakeOverButton } from "@/components/leads/take-over-button";
import { JsonBlock } from "@/components/runtime/json-block";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { isAppError } from "@/lib/errors";
import { getLeadConversions } from "@/lib/leads/conversions/get-lead-conversions";
import { fromMinor } from "@/lib/leads/conversions/money";
import { getLead } from "@/lib/leads/get-lead";
import { getLeadBookings } from "@/lib/leads/booking/get-lead-bookings";
import { getLeadSequences } from "@/lib/leads/nurture/get-lead-sequence";
import { canSimulateReplies } from "@/lib/leads/replies/simulate-reply";
import { BookingsCard } from "./bookings-card";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.leads"))("title") };
}

/** A lead: profile, score explanation (every rubric line, the AI's reading of their words), and one timeline with each submission as received. */
export default async function LeadPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const p = await params;
  const ctx = await requireOrgPage(p.org);
  const lead = await getLead({ organizationId: ctx.organizationId, leadId: p.id }).catch((err) => {
    if (isAppError(err) && err.code === "not_found") notFound(); // another organisation's lead: 404
    throw err;
  });
  const [t, td, ts, tr, tv, format, sequences, conversions, bookings] = await Promise.all([
    getTranslations("leads.detail"),
    getTranslations("domain"),
    getTranslations("leads.detail.sequence"),
    getTranslations("leads.detail.reply"),
    getTranslations("leads.conversions"),
    getFormatter(),
    getLeadSequences({ organizationId: ctx.organizationId, leadId: lead.id }),
    getLeadConversions({ organizationId: ctx.organizationId, leadId: lead.id }),
    getLeadBookings({ organizationId: ctx.organizationId, leadId: lead.id }),
  ]);
  const SENTIMENT_TONE = { POSITIVE: "green", NEUTRAL: "gray", NEGATIVE: "red" } as const;
  const INTENT_TONE: Record<string, "green" | "blue" | "amber" | "red" | "gray" | "violet"> = { READY_TO_BUY: "green", INTERESTED: "green", NEEDS_INFO: "blue", NOT_READY: "gray", OBJECTION: "amber", ESCALATE: "violet", UNSUBSCRIBE: "red", NOT_INTERESTED: "red" };
  const money = (minor: number, currency: string) => format.number(fromMinor(minor, currency), { style: "currency", currency });
  const touchLabel = (type: string, channel: string | null) => {
    if (type === "FORM") return tv("touchType.FORM", { channel: channel && td.has(`leadSource.${channel}`) ? td(`leadSource.${channel}`) : td("leadSource.FORM") });
    if (type === "INTERACTION" && (channel === "CALL" || channel === "MEETING")) return tv(`touchType.${channel}`);
    if (type === "INTERACTION") return tv("touchType.INTERACTION", { channel: channel && t.has(`channel.${channel}`) ? t(`channel.${channel}`) : t("channel.NOTE") });
    return tv(`touchType.${type === "BOOKING" || type === "AD" || type === "CONTENT" ? type : "CONTENT"}`);
  };
  const canApprove = hasRole(ctx.role, POLICY.approve);
  const canReprocess = hasRole(ctx.role, POLICY.editContent);
  const s = lead.latestScore;
  const sum = s ? s.breakdown.lines.reduce((n, l) => n + l.points, 0) : 0;
  const j = s?.breakdown.judgement ?? null;
  const row = (label: string, value: ReactNode) =>
    value === null || value === undefined || value === "" ? null : (
      <div className="min-w-0">
        <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
        <dd className="break-words text-sm text-slate-900" data-user-content>
          {value}
        </dd>
      </div>
    );
  const custom = Object.entries(lead.customFields);
  return (
    <div data-testid="page-lead" className="space-y-4">
      <Link href={`/${ctx.slug}/leads`} className="text-sm text-slate-500 hover:underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold" data-user-content>
          {lead.name}
        </h1>
        {lead.score !== null ? (
          <span className="text-lg font-semibold tabular-nums" data-testid="lead-score">
            {lead.score}/100
          </span>
        ) : null}
        {lead.tier ? <StatusBadge kind="leadTier" value={lead.tier} /> : null}
        <StatusBadge kind="leadStatus" value={lead.status} />
        {lead.isTest ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase text-slate-500" data-testid="lead-test">
            {t("testLead")}
          </span>
        ) : null}
        {lead.owner ? (
          <span className="text-sm text-slate-600" data-testid="lead-owner">
            {t("owner", { name: lead.owner })}
          </span>
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader title={t("profile")} />
          <CardBody>
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {row(t("email"), lead.email)}
              {row(t("phone"), lead.phone)}
              {row(t("company"), lead.company)}
              {row(t("jobTitle"), lead.jobTitle)}
              {row(t("companySize"), lead.companySize)}
              {row(t("budget"), lead.budget === null ? null : format.number(lead.budget, { style: "currency", currency: lead.currency, maximumFractionDigits: 0 }))}
              {row(t("country"), lead.country)}
              {row(t("language"), lead.language)}
              {row(t("source"), `${td(`leadSource.${lead.source}`)}${lead.sourceDetail ? ` · ${lead.sourceDetail}` : ""}`)}
              {row(t("utm"), Object.keys(lead.utm).length ? Object.entries(lead.utm).map(([k, v]) => `${k}=${v}`).join(" · ") : null)}
              {row(t("consent"), lead.gdprConsent ? t("consentYes", { date: format.dateTime(new Date(lead.consentAt ?? lead.createdAt), { dateStyle: "medium" }) }) : t("consentNo"))}
              {row(t("whatsappOptIn"), lead.whatsappOptIn ? t("yes") : t("no"))}
            </dl>
            {lead.consentText ? <p className="mt-3 text-xs text-slate-500" data-user-content>« {lead.consentText} »</p> : null}
            {custom.length > 0 ? (
              <details className="mt-4">
                <summary className="cursor-pointer text-xs text-slate-500">{t("otherFields")}</summary>
                <JsonBlock value={lead.customFields} />
              </details>
            ) : null}
          </CardBody>
        </Card>
        <Card data-testid="score-explanation">
          <CardHeader title={t("score")} description={s ? t("scoredAt", { date: format.relativeTime(new Date(s.scoredAt)) }) : undefined} />
          <CardBody className="space-y-4">
            {!s ? (
              <p className="text-sm text-slate-500">{t("notScored")}</p>
            ) : (
              <>
                <table className="w-full text-sm">
                  <tbody className="divide-y divide-slate-100">
                    {s.breakdown.lines.map((l) => (
                      <tr key={l.criterion} data-testid={`score-line-${l.criterion}`}>
                        <td className="py-1.5 pr-2">
                          {t(`criterion.${l.criterion}`)}
                          {l.detail && l.criterion !== "email" && l.criterion !== "phone" ? (
                            <span className="block break-words text-xs text-slate-500" data-user-content>
                              {l.criterion === "source" ? td(`leadSource.${l.detail}`) : l.criterion === "urgency" ? t(`urgencyValue.${l.detail}`) : l.detail}
                            </span>
                          ) : null}
                        </td>
                        <td className="py-1.5 text-right font-medium tabular-nums">+{l.points}</td>
                      </tr>
                    ))}
                    <tr className="font-semibold">
                      <td className="py-1.5">
                        {t("total")}
                        {sum > 100 ? <span className="ml-1 text-xs font-normal text-slate-500">({t("capped")})</span> : null}
                      </td>
                      <td className="py-1.5 text-right tabular-nums">{s.score}</td>
                    </tr>
                  </tbody>
                </table>
                <p className="text-xs text-slate-500">{t("thresholds")}</p>
                {s.breakdown.route ? <p className="text-sm font-medium">{t("route", { route: s.breakdown.route })}</p> : null}
                <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="score-judgement">
                  <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("judgement")}</p>
                  {j ? (
                    <div className="space-y-2">
                      <p data-user-content>{j.reasoning}</p>
                      <dl className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                        {j.painPoints.length ? row(t("painPoints"), j.painPoints.join(" · ")) : null}
                        {row(t("urgency"), t(`urgencyValue.${j.urgency}`))}
                        {row(t("fit"), t(`fitValue.${j.fit}`))}
                        {s.suggestedProduct ? row(t("suggestedProduct"), s.suggestedProduct) : null}
                      </dl>
                      {s.model ? <p className="text-xs text-slate-400">{t("model", { model: s.model })}</p> : null}
                    </div>
                  ) : (
                    <p className="text-slate-500">{t("noJudgement")}</p>
                  )}
                </div>
              </>
            )}
          </CardBody>
        </Card>
      </div>
      <BookingsCard bookings={bookings} />
      <Card data-testid="lead-conversions">
        <CardHeader
          title={tv("title")}
          description={conversions.length ? tv("total", { amount: conversions.length === 1 || conversions.every((c) => c.currency === conversions[0]!.currency) ? money(conversions.reduce((n, c) => n + c.valueMinor, 0), conversions[0]!.currency) : "—", count: conversions.length }) : undefined}
          action={canReprocess ? <MarkWonForm org={ctx.slug} leadId={lead.id} defaultCurrency={lead.currency} /> : null}
        />
        <CardBody className="space-y-5">
          {conversions.length === 0 ? (
            <p className="text-sm text-slate-500">{tv("none")}</p>
          ) : (
            conversions.map((c) => (
              <section key={c.id} className="space-y-2" data-testid={`conversion-${c.id}`}>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="text-lg font-semibold tabular-nums" data-testid="conversion-value">
                    {money(c.valueMinor, c.currency)}
                  </span>
                  <span className="text-sm text-slate-600">
                    {tv(`type.${c.type}`)} · {format.dateTime(new Date(c.occurredAt), { dateStyle: "medium", timeStyle: "short" })} · {tv(`source.${c.source}`)}
                  </span>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{tv(`model.name.${c.model}`)}</span>
                  {c.source === "manual" && canReprocess ? <UndoConversionButton org={ctx.slug} leadId={lead.id} conversionId={c.id} /> : null}
                </div>
                {c.touches.length === 0 ? (
                  <p className="text-sm text-slate-500">{tv("noTouches")}</p>
                ) : (
                  <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm" data-testid="conversion-credits">
                    {c.touches.map((x) => (
                      <li key={x.id} className="flex items-start justify-between gap-3 px-3 py-2" data-testid="credit-row">
                        <div className="min-w-0">
                          <p>{touchLabel(x.type, x.channel)}</p>
                          <p className="text-xs text-slate-500">{format.dateTime(new Date(x.occurredAt), { dateStyle: "medium" })}</p>
                          {x.campaign ? (
                            <Link href={`/${ctx.slug}/campaigns/${x.campaign.id}`} className="block break-words text-xs text-brand-700 hover:underline" data-user-content>
                              {tv("campaign", { name: x.campaign.name })}
                            </Link>
                          ) : null}
                          {x.contentPiece ? (
                            <Link href={`/${ctx.slug}/content/${x.contentPiece.id}`} className="block break-words text-xs text-brand-700 hover:underline" data-user-content>
                              {tv("content", { title: x.contentPiece.title })}
                            </Link>
                          ) : null}
                        </div>
                        <div className="shrink-0 text-right">
                          <p className="font-medium tabular-nums" data-testid="credit-amount">
                            {money(x.creditedMinor, c.currency)}
                          </p>
                          <p className="text-xs tabular-nums text-slate-500">{tv("shareOf", { share: format.number(x.weight, { style: "percent", maximumFractionDigits: 1 }) })}</p>
                        </div>
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            ))
          )}
          <p className="text-xs text-slate-500">
            <Link href={`/${ctx.slug}/leads/attribution`} className="hover:underline">
              {tv("seeAttribution")}
            </Link>
          </p>
        </CardBody>
      </Card>
      <Card data-testid="lead-sequence">
        <CardHeader title={ts("title")} action={<Link href={`/${ctx.slug}/leads/sequences`} className="text-sm text-slate-500 hover:underline">{ts("allSequences")}</Link>} />
        <CardBody className="space-y-4">
          {sequences.length === 0 ? (
            <p className="text-sm text-slate-500">{ts("none")}</p>
          ) : (
            sequences.map((e) => (
              <section key={e.enrollmentId} className="space-y-3" data-testid={`enrollment-${e.enrollmentId}`}>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Link href={`/${ctx.slug}/leads/sequences/${e.sequenceId}`} className="break-words font-medium hover:underline" data-user-content>
                    {e.sequenceName}
                  </Link>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700" data-testid="enrollment-status">
                    {ts(`status.${e.status}`)}
                  </span>
                  <span className="text-sm text-slate-600">{ts("progress", { done: Math.min(e.currentStep, e.steps), total: e.steps })}</span>
                  {e.status === "ACTIVE" && canReprocess ? <TakeOverButton org={ctx.slug} leadId={lead.id} /> : null}
                </div>
                <p className="text-sm text-slate-600">
                  {e.status === "CANCELLED" && e.cancelReason
                    ? ts("stopped", { reason: e.cancelReason })
                    : e.nextActionAt
                      ? ts("next", { date: format.dateTime(new Date(e.nextActionAt), { dateStyle: "medium", timeStyle: "short" }) })
                      : ts("since", { date: format.dateTime(new Date(e.startedAt), { dateStyle: "medium" }) })}
                </p>
                {e.messages.length ? (
                  <ol className="space-y-3">
                    {e.messages.map((m) => (
                      <li key={m.id} className="rounded-lg border border-slate-200 p-3" data-testid={`nurture-message-${m.id}`}>
                        <p className="flex flex-wrap gap-x-2 text-xs text-slate-500">
                          <span>{m.position === null ? tr("answer", { channel: t(`channel.${m.channel}`) }) : ts("stepN", { n: m.position + 1 })}</span>
                          <span>·</span>
                          <span>{t(`channel.${m.channel}`)}</span>
                          <span>·</span>
                          <span className="font-medium text-slate-700">{ts(`messageStatus.${m.status}`)}</span>
                          {m.approvedVia ? <span>· {ts(`approvedVia.${m.approvedVia}`)}</span> : null}
                          {m.errorCode && m.status === "BLOCKED" ? <span>· {ts("blockedWhy", { reason: m.errorCode })}</span> : null}
                        </p>
                        {m.status === "FAILED" && m.errorCode === "delivery_unknown" ? (
                          <p className="mt-1 text-sm text-amber-800" role="status" data-testid="delivery-unknown">
                            {ts("deliveryUnknown", { channel: t(`channel.${m.channel}`) })}
                          </p>
                        ) : null}
                        {m.subject ? (
                          <p className="mt-1 break-words text-sm font-medium" data-user-content>
                            {m.subject}
                          </p>
                        ) : null}
                        <details className="mt-1" open={m.status === "DRAFT"}>
                          <summary className="cursor-pointer text-xs text-slate-500">{ts("text")}</summary>
                          <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700" data-user-content>
                            {m.body}
                          </p>
                        </details>
                        {m.status === "DRAFT" ? <div className="mt-2">{canApprove ? <NurtureMessageDecision org={ctx.slug} messageId={m.id} hash={m.hash} /> : <p className="text-xs text-slate-500">{ts("waiting")}</p>}</div> : null}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </section>
            ))
          )}
        </CardBody>
      </Card>
      {canReprocess && lead.email && canSimulateReplies() ? (
        <Card data-testid="simulate-reply">
          <CardHeader title={t("simulate.title")} />
          <CardBody>
            <SimulateReply org={ctx.slug} leadId={lead.id} />
          </CardBody>
        </Card>
      ) : null}
      <Card data-testid="lead-timeline">
        <CardHeader title={t("timeline")} />
        <CardBody>
          {lead.timeline.length === 0 ? (
            <p className="text-sm text-slate-500">{t("emptyTimeline")}</p>
          ) : (
            <ol className="space-y-4">
              {lead.timeline.map((item, i) => (
                <li key={i} className="border-l-2 border-slate-200 pl-3" data-testid={`timeline-${item.kind}`}>
                  <p className="text-xs text-slate-500">{format.dateTime(new Date(item.at), { dateStyle: "medium", timeStyle: "short" })}</p>
                  {item.kind === "submission" ? (
                    <div className="space-y-1">
                      <p className="text-sm font-medium">
                        {t(item.submission.status === "PROCESSED" && !item.createdLead ? "event.submissionMerged" : "event.submission", { source: td(`leadSource.${item.submission.sourceType}`) })}
                        {item.submission.sourceDetail ? <span className="font-normal text-slate-500"> · {item.submission.sourceDetail}</span> : null}
                        <span className="ml-2 text-xs font-normal text-slate-500">{t(`submissionStatus.${item.submission.status}`)}</span>
                      </p>
                      {item.submission.errorMessage ? <p className="break-words text-xs text-red-700">{item.submission.errorMessage}</p> : null}
                      {item.submission.status !== "PROCESSED" && canReprocess ? <ReprocessButton org={ctx.slug} submissionId={item.submission.id} /> : null}
                      <details>
                        <summary className="cursor-pointer text-xs text-slate-500">{t("payload")}</summary>
                        <JsonBlock value={item.submission.payload} testId="submission-payload" />
                      </details>
                    </div>
                  ) : item.kind === "score" ? (
                    <p className="text-sm font-medium">
                      {item.previousTier && item.previousTier !== item.tier
                        ? t("event.scoreChanged", { score: item.score, previous: td(`leadTier.${item.previousTier}`), tier: td(`leadTier.${item.tier}`) })
                        : t("event.score", { score: item.score, tier: td(`leadTier.${item.tier}`) })}
                    </p>
                  ) : item.kind === "escalation" ? (
                    <div className="space-y-2 rounded-lg border border-violet-200 bg-violet-50/60 p-3" data-testid="escalation">
                      <p className="text-sm font-medium text-violet-900">{t("escalation.title", { name: item.assignedTo })}</p>
                      <p className="text-xs text-violet-800">{t("escalation.reason", { reason: item.reason })}</p>
                      <div>
                        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("escalation.summary")}</p>
                        <p className="break-words text-sm text-slate-800" data-user-content>
                          {item.summary}
                        </p>
                      </div>
                      {item.recommendations.length ? (
                        <div>
                          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("escalation.recommendations")}</p>
                          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-800" data-user-content>
                            {item.recommendations.map((r, k) => (
                              <li key={k} className="break-words">
                                {r}
                              </li>
                            ))}
                          </ol>
                        </div>
                      ) : null}
                    </div>
                  ) : (
                    <div className="space-y-1">
                      <p className="text-sm font-medium">
                        {item.answer ? tr("answer", { channel: t(`channel.${item.channel}`) }) : t(item.direction === "INBOUND" ? "event.inbound" : "event.outbound", { channel: t(`channel.${item.channel}`) })}
                        {item.direction === "OUTBOUND" && item.status !== "SENT" ? <span className="ml-2 text-xs font-normal text-slate-500">{ts(`messageStatus.${item.status}`)}</span> : null}
                      </p>
                      {item.subject ? (
                        <p className="break-words text-sm" data-user-content>
                          {item.subject}
                        </p>
                      ) : null}
                      {item.body ? (
                        <p className="whitespace-pre-line break-words text-sm text-slate-600" data-user-content>
                          {item.body}
                        </p>
                      ) : null}
                      {item.analysis ? (
                        <div className="mt-2 space-y-2 rounded-lg bg-slate-50 p-3" data-testid="reply-analysis">
                          <div className="flex flex-wrap items-center gap-2 text-xs">
                            {item.analysis.intent ? (
                              <span className="inline-flex items-center gap-1">
                                <span className="text-slate-500">{tr("intentLabel")}</span>
                                <Badge tone={INTENT_TONE[item.analysis.intent] ?? "gray"}>{tr(`intent.${item.analysis.intent}`)}</Badge>
                              </span>
                            ) : null}
                            {item.analysis.sentiment ? (
                              <span className="inline-flex items-center gap-1">
                                <span className="text-slate-500">{tr("sentimentLabel")}</span>
                                <Badge tone={SENTIMENT_TONE[item.analysis.sentiment as keyof typeof SENTIMENT_TONE] ?? "gray"}>{tr(`sentiment.${item.analysis.sentiment}`)}</Badge>
                              </span>
                            ) : null}
                            {item.analysis.recommendedAction ? (
                              <span className="inline-flex items-center gap-1">
                                <span className="text-slate-500">{tr("actionLabel")}</span>
                                <Badge>{tr(`action.${item.analysis.recommendedAction}`)}</Badge>
                              </span>
                            ) : null}
                          </div>
                          {item.analysis.objections.length ? (
                            <p className="break-words text-sm">
                              <span className="text-slate-500">{tr("objections")} </span>
                              <span data-user-content>{item.analysis.objections.join(" · ")}</span>
                            </p>
                          ) : null}
                          {item.analysis.summary ? (
                            <p className="break-words text-sm text-slate-700">
                              <span className="text-slate-500">{tr("summary")} </span>
                              <span data-user-content>{item.analysis.summary}</span>
                            </p>
                          ) : null}
                          {item.analysis.instructionsIgnored ? (
                            <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-800" data-testid="instructions-ignored">
                              {tr("instructionsIgnored")}
                            </p>
                          ) : null}
                          {item.analysis.model ? <p className="text-xs text-slate-400">{item.analysis.fallback ? tr("rules") : tr("model", { model: item.analysis.model })}</p> : null}
                        </div>
                      ) : null}
                      {item.draftHash && !item.inSequence ? <div className="mt-2">{canApprove ? <NurtureMessageDecision org={ctx.slug} messageId={item.id} hash={item.draftHash} /> : <p className="text-xs text-slate-500">{ts("waiting")}</p>}</div> : null}
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
