import { ConnectorError } from "../errors";
import type { AdLibraryAd, AdLibraryConnector } from "../types";
import { unit } from "./network";

const DAY = 86_400_000;

/** Competitor ads the sandbox Ad Library shows: angle, body and link title per language. */
const TEMPLATES: { angle: string; fr: [string, string]; en: [string, string] }[] = [
  { angle: "price", fr: ["-{n} % sur toute la collection jusqu'à dimanche. Livraison offerte dès 300 €.", "Offre limitée"], en: ["{n}% off the whole collection until Sunday. Free delivery over €300.", "Limited offer"] },
  { angle: "testimonial", fr: ["« Nos clients nous complimentent chaque semaine sur la déco. » Un hôtel de {city} raconte son projet avec {brand}.", "Lire le témoignage"], en: ["\"Guests compliment the decor every week.\" A hotel in {city} tells its project with {brand}.", "Read the story"] },
  { angle: "speed", fr: ["Aménagement complet en {n} jours, clés en main. Devis gratuit sous 24 h.", "Demander un devis"], en: ["Complete fit-out in {n} days, turnkey. Free quote within 24 h.", "Get a quote"] },
  { angle: "craft", fr: ["Chaque pièce est faite à la main dans notre atelier de {city}. Découvrez nos artisans.", "Rencontrer l'atelier"], en: ["Every piece is handmade in our {city} workshop. Meet our makers.", "Meet the workshop"] },
  { angle: "whatsapp", fr: ["Une question ? Écrivez-nous sur WhatsApp, réponse en moins d'une heure.", "Écrire sur WhatsApp"], en: ["A question? Message us on WhatsApp, answered within the hour.", "Message on WhatsApp"] },
  { angle: "showroom", fr: ["Nouveau showroom à {city} : {n}0 m² de mobilier contemporain à découvrir ce week-end.", "Visiter le showroom"], en: ["New showroom in {city}: {n}0 m² of contemporary furniture to discover this weekend.", "Visit the showroom"] },
  { angle: "bundle", fr: ["Le pack bureau complet : table, chaises et rangements pour {n} personnes.", "Voir le pack"], en: ["The complete office bundle: table, chairs and storage for {n} people.", "See the bundle"] },
  { angle: "event", fr: ["Portes ouvertes samedi : ateliers, démonstrations et -{n} % sur place.", "S'inscrire"], en: ["Open day on Saturday: workshops, demos and {n}% off on site.", "Sign up"] },
];
const CITIES = ["Dakar", "Abidjan", "Paris", "Lyon", "Saly", "Marseille"];

/**
 * The sandbox Ad Library: each competitor (by search terms or page ids) runs a rotating set of ads,
 * the same for the same day on every run (a deterministic schedule from the query and the date): a
 * new ad starts every few days and runs one to three weeks; one ad in five is also published under a
 * second archive id (as pages often re-run an ad), so de-duplication has something to do.
 */
export function createSandboxAdLibraryConnector(opts: { now?: () => number } = {}): AdLibraryConnector {
  const now = opts.now ?? (() => Date.now());
  return {
    sandbox: true,
    async searchAds(_ctx, q) {
      if (!q.countries.length) throw new ConnectorError("validation", "meta_ads", "(#100) The parameter ad_reached_countries is required", { httpStatus: 400, platformCode: 100 });
      const seed = (q.pageIds?.length ? q.pageIds.join(",") : "") || q.searchTerms?.trim().toLowerCase() || "";
      if (!seed) throw new ConnectorError("validation", "meta_ads", "search_terms or search_page_ids is required", { httpStatus: 400, platformCode: 100 });
      const name = q.searchTerms?.trim() || `Page ${q.pageIds![0]}`;
      const lang = q.countries.some((c) => ["FR", "SN", "CI", "BE", "CH", "CA", "MA", "ML"].includes(c.toUpperCase())) ? "fr" : "en";
      const today = Math.floor(now() / DAY);
      const ads: AdLibraryAd[] = [];
      for (let i = Math.floor((today - 24) / 3); i <= Math.floor(today / 3); i++) {
        const k = `${seed}:${i}`;
        const start = i * 3 + Math.floor(unit(`start:${k}`) * 3);
        const stop = start + 7 + Math.floor(unit(`len:${k}`) * 15);
        const status = start <= today && today <= stop ? "ACTIVE" : start <= today ? "INACTIVE" : null;
        if (!status || (q.activeStatus ?? "ACTIVE") !== "ALL" && status !== (q.activeStatus ?? "ACTIVE")) continue;
        const t = TEMPLATES[Math.floor(unit(`tpl:${k}`) * TEMPLATES.length)]!;
        const n = 10 + Math.floor(unit(`n:${k}`) * 30);
        const city = CITIES[Math.floor(unit(`city:${k}`) * CITIES.length)]!;
        const fill = (s: string) => s.replace("{n}", String(n)).replace("{city}", city).replace("{brand}", name);
        const id = `${1000000000 + Math.floor(unit(`id:${k}`) * 8_999_999_999)}`;
        const base: AdLibraryAd = {
          id,
          pageId: q.pageIds?.[0] ?? `${100000000000000 + Math.floor(unit(`page:${seed}`) * 899999999999999)}`,
          pageName: name,
          bodies: [fill(t[lang][0])],
          linkTitles: [fill(t[lang][1])],
          linkDescriptions: [],
          snapshotUrl: null,
          publisherPlatforms: unit(`pp:${k}`) < 0.5 ? ["FACEBOOK", "INSTAGRAM"] : unit(`pp:${k}`) < 0.8 ? ["INSTAGRAM"] : ["FACEBOOK"],
          languages: [lang],
          deliveryStart: new Date(start * DAY),
          deliveryStop: status === "INACTIVE" ? new Date(stop * DAY) : null,
          createdAt: new Date(start * DAY - 3600_000),
        };
        ads.push(base);
        if (unit(`dup:${k}`) < 0.2) ads.push({ ...base, id: String(Number(id) + 1), createdAt: new Date(start * DAY) });
      }
      const pageSize = q.pageSize ?? 25;
      const pages = Math.max(1, Math.ceil(ads.length / pageSize));
      const maxPages = q.maxPages ?? 5;
      return { ads: ads.slice(0, maxPages * pageSize), pages: Math.min(pages, maxPages), truncated: pages > maxPages };
    },
  };
}
