"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { PlatformBadge } from "@/components/domain/badges";
import type { AdCampaignCard } from "@/lib/ads/schemas";

/**
 * The ad card of a spend request in the approval queue: the exact revision under approval, budget,
 * audience, each copy variant and the expected KPIs with how they were estimated.
 */
export function AdCampaignPreview({ org, campaign: c }: { org: string; campaign: AdCampaignCard }) {
  const t = useTranslations("pages.campaigns.card");
  const td = useTranslations("domain");
  const format = useFormatter();
  const money = (minor: number | null) => (minor === null ? "—" : format.number(minor / 100, { style: "currency", currency: c.currency }));
  const n = (v: number | null) => (v === null ? "—" : format.number(v, { maximumFractionDigits: 2 }));
  // The same copy runs in each ad set: one entry per distinct variant, with the number of ad sets it runs in.
  const byCopy = new Map<string, (typeof c.creatives)[number] & { adSets: number }>();
  for (const x of c.creatives) {
    const key = JSON.stringify([x.label, x.headline, x.primaryText, x.callToAction]);
    const seen = byCopy.get(key);
    if (seen) seen.adSets++;
    else byCopy.set(key, { ...x, adSets: 1 });
  }
  const variants = [...byCopy.values()];
  const age = c.audience.ageMin !== null || c.audience.ageMax !== null ? `${c.audience.ageMin ?? 18}–${c.audience.ageMax ?? 65}` : null;
  return (
    <div className="space-y-3 rounded-md bg-slate-50 p-3 text-sm" data-testid="approval-ad-card" data-campaign-id={c.campaignId} data-revision={c.revision} onClick={(e) => e.stopPropagation()}>
      <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <PlatformBadge platform={c.platform} /> · {td.has(`objective.${c.objective}`) ? td(`objective.${c.objective}`) : c.objective} · {t("revision", { revision: c.revision })} · {t("adSets", { count: c.adSets })}
        <Link href={`/${org}/campaigns/${c.campaignId}`} className="ml-auto text-brand-700 underline" data-testid="approval-open-campaign">
          {t("open")}
        </Link>
      </p>
      <dl className="grid gap-2 sm:grid-cols-3">
        <div>
          <dt className="text-xs font-semibold uppercase text-slate-500">{t("budget")}</dt>
          <dd className="font-medium text-slate-900" data-testid="approval-ad-budget">
            {t("budgetValue", { daily: money(c.dailyBudgetMinor), total: money(c.totalBudgetMinor) })}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold uppercase text-slate-500">{t("audience")}</dt>
          <dd className="text-slate-800">
            {c.audience.countries.join(", ") || "—"}
            {age ? ` · ${t("age", { range: age })}` : ""}
            {c.audience.interests.length ? <span className="block text-xs text-slate-600">{c.audience.interests.join(", ")}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold uppercase text-slate-500">{t("expected")}</dt>
          <dd className="text-slate-800" data-testid="approval-ad-kpis">
            {c.expected ? (
              <>
                {t("kpis", { cpc: money(c.expected.cpcMinor), ctr: n(c.expected.ctr), roas: n(c.expected.roas) })}
                {c.expected.source ? <span className="block text-xs text-slate-500">{t(c.expected.source === "history" ? "fromHistory" : "fromBenchmark")}</span> : null}
              </>
            ) : (
              "—"
            )}
          </dd>
        </div>
      </dl>
      <div>
        <p className="text-xs font-semibold uppercase text-slate-500">{t("variants", { count: variants.length })}</p>
        <ul className="mt-1 grid gap-2 md:grid-cols-3">
          {variants.map((x) => (
            <li key={x.id} className="rounded-md border border-slate-200 bg-white p-2" data-testid="approval-ad-variant">
              {/* eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URL from our storage */}
              {x.imageUrl ? <img src={x.imageUrl} alt={t("visualOf", { label: x.label ?? "" })} className="mb-2 aspect-square w-full rounded bg-slate-100 object-cover" loading="lazy" data-testid="approval-ad-visual" /> : null}
              <p className="text-xs text-slate-500">
                {x.label ?? "—"}
                {x.adSets > 1 ? ` · ${t("inAdSets", { count: x.adSets })}` : ""}
              </p>
              {x.headline ? (
                <p className="font-medium text-slate-900" data-user-content>
                  {x.headline}
                </p>
              ) : null}
              {x.primaryText ? (
                <p className="whitespace-pre-line break-words text-slate-700" data-user-content>
                  {x.primaryText}
                </p>
              ) : null}
              {x.callToAction ? <p className="mt-1 text-xs font-semibold text-brand-700">{t.has(`cta.${x.callToAction}`) ? t(`cta.${x.callToAction}`) : x.callToAction}</p> : null}
            </li>
          ))}
        </ul>
      </div>
      <p className="text-xs text-slate-500">{t("gate")}</p>
    </div>
  );
}
