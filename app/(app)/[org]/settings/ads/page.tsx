import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AdSettingsForm } from "@/components/settings/ad-settings-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { readAdSettings } from "@/lib/ads/ad-settings";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("settings.ads"))("title") };
}

/**
 * Settings → Advertising: the spend caps no approval, launch or budget change can pass (MKT-203/204/206),
 * MKT-206's auto-apply switch, and this month's spent + committed spend against the monthly cap.
 */
export default async function AdSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [s, t, format] = await Promise.all([readAdSettings({ organizationId: ctx.organizationId }), getTranslations("settings.ads"), getFormatter()]);
  const money = (minor: number) => format.number(minor / 100, { style: "currency", currency: s.currency });
  const { spentMinor, plannedMinor } = s.month;
  const committed = spentMinor + plannedMinor;
  const scale = Math.max(s.monthlyCapMinor, committed, 1);
  const pct = (v: number) => `${Math.min(100, (v / scale) * 100).toFixed(1)}%`;
  const over = committed > s.monthlyCapMinor;
  const monthLabel = format.dateTime(new Date(`${s.month.month}-15T12:00:00Z`), { month: "long", year: "numeric" });
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2" data-testid="ad-settings">
      <Card>
        <CardHeader title={t("capsTitle")} description={t("description")} />
        <CardBody>
          <AdSettingsForm slug={ctx.slug} settings={s} canEdit={hasRole(ctx.role, POLICY.manageBilling)} />
          {s.changedAt ? (
            <p className="mt-4 text-xs text-slate-500" data-testid="ad-settings-changed">
              {t("changed", { name: s.changedBy ?? t("someone"), at: new Date(s.changedAt) })}
            </p>
          ) : null}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("monthTitle", { month: monthLabel })} description={t("monthDescription")} />
        <CardBody className="space-y-4">
          <div
            className="relative h-4 overflow-hidden rounded-full bg-slate-100"
            role="img"
            aria-label={t("barLabel", { spent: money(spentMinor), planned: money(plannedMinor), cap: money(s.monthlyCapMinor) })}
            data-testid="ad-month-bar"
          >
            <div className="absolute inset-y-0 left-0 bg-brand-600" style={{ width: pct(spentMinor) }} />
            <div className="absolute inset-y-0 bg-sky-300" style={{ left: pct(spentMinor), width: pct(plannedMinor) }} />
            {committed > s.monthlyCapMinor ? <div className="absolute inset-y-0 w-0.5 bg-red-600" style={{ left: pct(s.monthlyCapMinor) }} /> : null}
          </div>
          <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3" data-testid="ad-month-figures">
            <div>
              <dt className="flex items-center gap-1.5 text-slate-500">
                <span className="inline-block h-2.5 w-2.5 rounded-sm bg-brand-600" aria-hidden /> {t("spent")}
              </dt>
              <dd className="font-medium tabular-nums text-slate-900">{money(spentMinor)}</dd>
            </div>
            <div>
              <dt className="flex items-center gap-1.5 text-slate-500">
                <span className="inline-block h-2.5 w-2.5 rounded-sm bg-sky-300" aria-hidden /> {t("planned", { count: s.month.committedCampaigns })}
              </dt>
              <dd className="font-medium tabular-nums text-slate-900">{money(plannedMinor)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t(over ? "overBy" : "headroom")}</dt>
              <dd className={over ? "font-medium tabular-nums text-red-700" : "font-medium tabular-nums text-emerald-700"}>{money(Math.abs(s.monthlyCapMinor - committed))}</dd>
            </div>
          </dl>
          <p className="text-sm text-slate-600">{t(over ? "overExplain" : "headroomExplain")}</p>
          <Link href={`/${ctx.slug}/campaigns`} className="text-sm text-brand-700 underline">
            {t("seeCampaigns")}
          </Link>
        </CardBody>
      </Card>
    </div>
  );
}
