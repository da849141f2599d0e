import type { Locale } from "./types";

/**
 * The offline provider's weekly report text (MKT-403, `offlineWriter: "weekly-report"`), also the
 * rules' text when a model's answer is unusable: an executive summary and 2-5 recommendations in the
 * organisation's language, written from the week's figures only. Same figures, same text.
 *
 * Data read (all optional): week, currency, posts, impressions, engagement_rate,
 * previous_engagement_rate (percent), top_posts ([{ title, network, impressions, engagement_rate }]),
 * networks ([{ network, engagement_rate, previous_engagement_rate }]), ad_spend, ad_revenue (major
 * units), roas, previous_roas, best_ad_set ({ name, campaign, roas }), leads_new, leads_hot, bookings,
 * conversions, conversion_value, insights ([{ title, recommended_action }]).
 */
export type OfflineWeeklyReport = { summary: string; recommendations: string[] };

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "");
const rows = (v: unknown): Row[] => (Array.isArray(v) ? v.filter((x): x is Row => !!x && typeof x === "object") : []);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const NETWORKS: Record<string, string> = { LINKEDIN: "LinkedIn", FACEBOOK: "Facebook", INSTAGRAM: "Instagram", TIKTOK: "TikTok", X: "X", WHATSAPP: "WhatsApp" };
const network = (v: unknown) => NETWORKS[str(v).toUpperCase()] ?? str(v);

export function buildOfflineWeeklyReport(sources: { data: Record<string, unknown>; locale?: Locale }): OfflineWeeklyReport {
  const d = sources.data;
  const fr = (sources.locale ?? "fr") === "fr";
  const lang = fr ? "fr-FR" : "en-GB";
  const n = (v: number, digits = 0) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
  const currency = str(d.currency) || "EUR";
  const money = (v: number) => new Intl.NumberFormat(lang, { style: "currency", currency, maximumFractionDigits: 0 }).format(v);
  const pct = (v: number) => `${n(v, 1)}${fr ? " %" : "%"}`;

  const posts = num(d.posts) ?? 0;
  const impressions = num(d.impressions) ?? 0;
  const rate = num(d.engagement_rate);
  const prevRate = num(d.previous_engagement_rate);
  const spend = num(d.ad_spend) ?? 0;
  const revenue = num(d.ad_revenue) ?? 0;
  const roas = num(d.roas);
  const leads = num(d.leads_new) ?? 0;
  const hot = num(d.leads_hot) ?? 0;
  const bookings = num(d.bookings) ?? 0;
  const conversions = num(d.conversions) ?? 0;
  const top = rows(d.top_posts)[0];
  const best = d.best_ad_set && typeof d.best_ad_set === "object" ? (d.best_ad_set as Row) : null;
  const insights = rows(d.insights);
  const falling = rows(d.networks).filter((r) => (num(r.engagement_rate) ?? 0) < (num(r.previous_engagement_rate) ?? 0) * 0.8);

  const parts: string[] = [];
  if (posts === 0 && impressions === 0 && spend === 0 && leads === 0) {
    parts.push(
      fr
        ? "Semaine calme : aucune publication, dépense publicitaire ni nouveau lead n'a été enregistré."
        : "A quiet week: no post, ad spend or new lead was recorded.",
    );
  } else {
    const trend =
      rate !== null && prevRate !== null
        ? rate > prevRate * 1.05
          ? fr
            ? "en hausse"
            : "up"
          : rate < prevRate * 0.95
            ? fr
              ? "en baisse"
              : "down"
            : fr
              ? "stable"
              : "flat"
        : null;
    parts.push(
      fr
        ? `${n(posts)} publication${posts > 1 ? "s" : ""} et ${n(impressions)} impressions cette semaine${rate !== null ? `, engagement moyen de ${pct(rate)}${trend ? ` (${trend} par rapport à la semaine précédente)` : ""}` : ""}.`
        : `${n(posts)} post${posts === 1 ? "" : "s"} and ${n(impressions)} impressions this week${rate !== null ? `, average engagement ${pct(rate)}${trend ? ` (${trend} on the week before)` : ""}` : ""}.`,
    );
    if (top && str(top.title))
      parts.push(
        fr
          ? `Meilleur contenu : « ${clip(str(top.title), 80)} » sur ${network(top.network)}.`
          : `Best content: "${clip(str(top.title), 80)}" on ${network(top.network)}.`,
      );
    if (spend > 0)
      parts.push(
        fr
          ? `Publicité : ${money(spend)} dépensés pour ${money(revenue)} de revenus${roas !== null ? `, ROAS ${n(roas, 2)}` : ""}${best ? ` ; meilleur ensemble : ${clip(str(best.name), 60)}` : ""}.`
          : `Ads: ${money(spend)} spent for ${money(revenue)} in revenue${roas !== null ? `, ROAS ${n(roas, 2)}` : ""}${best ? `; best ad set: ${clip(str(best.name), 60)}` : ""}.`,
      );
    parts.push(
      fr
        ? `Pipeline : ${n(leads)} nouveau${leads > 1 ? "x" : ""} lead${leads > 1 ? "s" : ""} dont ${n(hot)} chaud${hot > 1 ? "s" : ""}, ${n(bookings)} rendez-vous et ${n(conversions)} conversion${conversions > 1 ? "s" : ""}.`
        : `Pipeline: ${n(leads)} new lead${leads === 1 ? "" : "s"} (${n(hot)} hot), ${n(bookings)} booking${bookings === 1 ? "" : "s"} and ${n(conversions)} conversion${conversions === 1 ? "" : "s"}.`,
    );
  }

  const recs: string[] = [];
  if (top && str(top.title))
    recs.push(
      fr
        ? `Décliner « ${clip(str(top.title), 60)} » sur les autres réseaux et envisager de l'amplifier en publicité.`
        : `Adapt "${clip(str(top.title), 60)}" for the other networks and consider amplifying it with ads.`,
    );
  if (spend > 0 && roas !== null && roas < 1)
    recs.push(
      fr
        ? "Le ROAS est inférieur à 1 : revoir le ciblage ou mettre en pause les campagnes qui ne rapportent pas."
        : "ROAS is below 1: review targeting or pause the campaigns that do not pay back.",
    );
  else if (best && (num(best.roas) ?? 0) >= 2)
    recs.push(
      fr
        ? `Augmenter progressivement le budget de l'ensemble « ${clip(str(best.name), 60)} » (ROAS ${n(num(best.roas) ?? 0, 2)}).`
        : `Raise the budget of the "${clip(str(best.name), 60)}" ad set step by step (ROAS ${n(num(best.roas) ?? 0, 2)}).`,
    );
  if (hot > 0)
    recs.push(
      fr
        ? `Rappeler cette semaine ${hot > 1 ? `les ${n(hot)} leads chauds` : "le lead chaud"} de la semaine.`
        : `Call back the week's ${hot > 1 ? `${n(hot)} hot leads` : "hot lead"}.`,
    );
  if (falling[0])
    recs.push(
      fr
        ? `L'engagement baisse sur ${network(falling[0].network)} : tester un nouvel angle ou un autre format.`
        : `Engagement is falling on ${network(falling[0].network)}: try a new angle or another format.`,
    );
  for (const i of insights) {
    const action = str(i.recommended_action);
    if (action && recs.length < 5) recs.push(clip(action, 300));
  }
  if (posts < 3)
    recs.push(
      fr ? "Publier au moins trois fois dans la semaine pour garder une cadence régulière." : "Post at least three times a week to keep a steady cadence.",
    );
  if (recs.length < 2)
    recs.push(fr ? "Valider les contenus en attente pour alimenter le calendrier de la semaine." : "Approve the pending content to fill this week's calendar.");
  return { summary: clip(parts.join(" "), 1400), recommendations: [...new Set(recs)].slice(0, 5).map((r) => clip(r, 380)) };
}
