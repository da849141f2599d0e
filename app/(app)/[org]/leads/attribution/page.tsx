import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { ATTRIBUTION_MODELS, isAttributionModel } from "@/lib/leads/conversions/attribution";
import { getAttributionReport, type AttributionRow } from "@/lib/leads/conversions/get-attribution-report";
import { fromMinor } from "@/lib/leads/conversions/money";
import { attributionModelOf } from "@/lib/leads/conversions/record-conversion";
import { cn } from "@/lib/utils";

const PERIODS = [30, 90, 365] as const;

export async function generateMetadata() {
  return { title: (await getTranslations("leads.conversions.report"))("title") };
}

/** Revenue credited to campaigns, content pieces and channels, under a model the reader picks (the organisation's by default). */
export default async function AttributionPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireOrgPage((await params).org);
  const sp = await searchParams;
  const orgModel = await attributionModelOf(ctx.organizationId);
  const model = isAttributionModel(sp.model) ? sp.model : orgModel;
  const days = PERIODS.find((d) => String(d) === sp.days) ?? 90;
  const [report, t, tm, td, tdom, format] = await Promise.all([
    getAttributionReport({ organizationId: ctx.organizationId, model, days }),
    getTranslations("leads.conversions.report"),
    getTranslations("leads.conversions.model"),
    getTranslations("leads.detail"),
    getTranslations("domain"),
    getFormatter(),
  ]);
  const money = (minor: number, currency: string) => format.number(fromMinor(minor, currency), { style: "currency", currency, maximumFractionDigits: 0 });
  const channelLabel = (c: string) =>
    ["EMAIL", "WHATSAPP", "CALL"].includes(c) ? t(`channel.${c}`) : t("channel.source", { source: tdom(`leadSource.${c}`) });
  const href = (m: string, d: number) => `/${ctx.slug}/leads/attribution?model=${m}&days=${d}`;
  const tabClass = (active: boolean) =>
    cn(
      "whitespace-nowrap rounded-full border px-3 py-1.5 text-sm",
      active ? "border-brand-600 bg-brand-50 font-medium text-brand-700" : "border-slate-200 bg-white text-slate-600 hover:border-slate-300",
    );
  const table = (rows: AttributionRow[], kind: "campaign" | "content", testId: string) =>
    rows.length === 0 ? (
      <p className="text-sm text-slate-500">{t(kind === "campaign" ? "noCampaigns" : "noContent")}</p>
    ) : (
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid={testId}>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-1.5 pr-2 font-medium">{t(kind === "campaign" ? "colCampaign" : "colContent")}</th>
              <th className="py-1.5 pr-2 text-right font-medium">{t("colConversions")}</th>
              <th className="py-1.5 text-right font-medium">{t("colRevenue")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={`${r.id}-${r.currency}`} data-testid="attribution-row">
                <td className="max-w-[14rem] py-2 pr-2 sm:max-w-none">
                  <Link
                    href={`/${ctx.slug}/${kind === "campaign" ? "campaigns" : "content"}/${r.id}`}
                    className="line-clamp-2 break-words text-brand-700 hover:underline"
                    data-user-content
                  >
                    {r.name}
                  </Link>
                </td>
                <td className="py-2 pr-2 text-right tabular-nums text-slate-600">{r.conversions}</td>
                <td className="py-2 text-right font-medium tabular-nums">{money(r.creditedMinor, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return (
    <div data-testid="page-attribution" className="space-y-6">
      <div className="space-y-1">
        <Link href={`/${ctx.slug}/leads`} className="text-sm text-slate-500 hover:underline">
          ← {td("back")}
        </Link>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <nav aria-label={t("modelLabel")} className="space-y-2" data-testid="attribution-models">
        <div className="flex gap-2 overflow-x-auto pb-1">
          {ATTRIBUTION_MODELS.map((m) => (
            <Link key={m} href={href(m, days)} className={tabClass(m === model)} aria-current={m === model ? "page" : undefined} data-testid={`model-${m}`}>
              {tm(`name.${m}`)}
              {m === orgModel ? <span className="ml-1 text-xs text-slate-400">{t("orgDefault")}</span> : null}
            </Link>
          ))}
        </div>
        <p className="text-xs text-slate-500">{tm(`help.${model}`)}</p>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-500">{t("period")}</span>
          {PERIODS.map((d) => (
            <Link key={d} href={href(model, d)} className={tabClass(d === days)} aria-current={d === days ? "page" : undefined}>
              {t("days", { days: d })}
            </Link>
          ))}
          {hasRole(ctx.role, POLICY.manageAutomations) ? (
            <Link href={`/${ctx.slug}/settings/lead-sources`} className="ml-auto text-sm text-slate-500 hover:underline">
              {t("changeDefault")}
            </Link>
          ) : null}
        </div>
      </nav>
      {report.conversions === 0 ? (
        <EmptyState
          title={t("emptyTitle")}
          description={t("emptyDescription")}
          action={
            <Link href={`/${ctx.slug}/settings/lead-sources`} className="text-sm text-brand-700 hover:underline">
              {t("emptyAction")}
            </Link>
          }
        />
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-3" data-testid="attribution-totals">
            {report.totals.map((tot) => (
              <Card key={tot.currency} className="p-4 sm:col-span-3">
                <dl className="grid grid-cols-1 gap-3 sm:grid-cols-4">
                  <div>
                    <dt className="text-xs uppercase tracking-wide text-slate-500">{t("revenue")}</dt>
                    <dd className="text-lg font-semibold tabular-nums">{money(tot.valueMinor, tot.currency)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs uppercase tracking-wide text-slate-500">{t("conversions")}</dt>
                    <dd className="text-lg font-semibold tabular-nums">{tot.conversions}</dd>
                  </div>
                  <div>
                    <dt className="text-xs uppercase tracking-wide text-slate-500">{t("toCampaigns")}</dt>
                    <dd className="text-lg font-semibold tabular-nums">{money(tot.campaignsMinor, tot.currency)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs uppercase tracking-wide text-slate-500">{t("toContent")}</dt>
                    <dd className="text-lg font-semibold tabular-nums">{money(tot.contentMinor, tot.currency)}</dd>
                  </div>
                </dl>
              </Card>
            ))}
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <CardHeader title={t("byCampaign")} />
              <CardBody>{table(report.campaigns, "campaign", "attribution-campaigns")}</CardBody>
            </Card>
            <Card>
              <CardHeader title={t("byContent")} />
              <CardBody>{table(report.contentPieces, "content", "attribution-content")}</CardBody>
            </Card>
          </div>
          <Card>
            <CardHeader title={t("byChannel")} description={t("byChannelHint")} />
            <CardBody>
              <ul className="divide-y divide-slate-100 text-sm" data-testid="attribution-channels">
                {report.channels.map((c) => (
                  <li key={`${c.channel}-${c.currency}`} className="flex items-center justify-between gap-3 py-2">
                    <span>{channelLabel(c.channel)}</span>
                    <span className="font-medium tabular-nums">{money(c.creditedMinor, c.currency)}</span>
                  </li>
                ))}
                {report.totals
                  .filter((tot) => tot.unattributedMinor > 0)
                  .map((tot) => (
                    <li key={`none-${tot.currency}`} className="flex items-center justify-between gap-3 py-2 text-slate-500">
                      <span>{t("unattributed")}</span>
                      <span className="font-medium tabular-nums">{money(tot.unattributedMinor, tot.currency)}</span>
                    </li>
                  ))}
              </ul>
            </CardBody>
          </Card>
        </>
      )}
    </div>
  );
}
