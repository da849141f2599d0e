import "server-only";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/providers/ai";
import { getScenario } from "./get-scenario";

/**
 * "Trouver des inspirations" (seed 002 section 11): three results { title, excerpt, recommendedAction,
 * source, kind } stored with the scenario (ScenarioSearch) and each convertible into a resource,
 * target or objective. The embedded default provider searches the organisation's own content,
 * high-engagement signals and learning insights, ranked by the words they share with the query (the
 * scenario's name and theme when none is typed); it tops up with the scenario's own next steps so
 * there are always three. A web search provider would plug in here when one is configured.
 */
export type Inspiration = { title: string; excerpt: string; recommendedAction: string; source: string; kind: "resource" | "target" | "objective" };

const words = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 3),
  );
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function score(query: Set<string>, text: string): number {
  let n = 0;
  for (const w of words(text)) if (query.has(w)) n++;
  return n;
}

async function embeddedSearch(organizationId: string, query: string, fr: boolean): Promise<(Inspiration & { score: number })[]> {
  const q = words(query);
  const [pieces, signals, insights] = await Promise.all([
    db().contentPiece.findMany({ where: { organizationId, parentId: null }, orderBy: [{ engagementScore: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }], take: 200, select: { id: true, title: true, body: true, engagementRate: true } }),
    db().contentSignal.findMany({ where: { organizationId }, orderBy: { detectedAt: "desc" }, take: 50, select: { id: true, aiAnalysis: true, aiRecommendation: true, engagementRate: true, contentPiece: { select: { title: true, body: true } } } }),
    db().learningInsight.findMany({ where: { organizationId, status: "ACTIVE" }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, title: true, description: true, recommendedAction: true } }),
  ]);
  const out: (Inspiration & { score: number })[] = [];
  for (const p of pieces) {
    const title = p.title || clip(p.body, 80);
    out.push({
      score: score(q, `${p.title ?? ""} ${p.body}`),
      title: clip(title, 150),
      excerpt: clip(p.body, 300),
      recommendedAction: fr ? "Réutiliser ce contenu comme ressource du scénario." : "Reuse this content as a resource of the scenario.",
      source: fr ? `Vos contenus (${p.id})` : `Your content (${p.id})`,
      kind: "resource",
    });
  }
  for (const s of signals) {
    const title = s.contentPiece.title || clip(s.contentPiece.body, 80);
    out.push({
      score: score(q, `${title} ${s.contentPiece.body} ${s.aiAnalysis ?? ""}`) + 1,
      title: clip(fr ? `Signal : ${title}` : `Signal: ${title}`, 150),
      excerpt: clip(s.aiAnalysis || (fr ? `Taux d'engagement ${s.engagementRate.toFixed(1)} %, au-dessus de la moyenne.` : `Engagement rate ${s.engagementRate.toFixed(1)}%, above average.`), 300),
      recommendedAction: clip(s.aiRecommendation || (fr ? "Décliner ce sujet gagnant en objectif du scénario." : "Turn this winning topic into an objective of the scenario."), 300),
      source: fr ? `Signaux d'engagement (${s.id})` : `Engagement signals (${s.id})`,
      kind: "objective",
    });
  }
  for (const i of insights) {
    out.push({
      score: score(q, `${i.title ?? ""} ${i.description}`) + 1,
      title: clip(i.title || clip(i.description, 80), 150),
      excerpt: clip(i.description, 300),
      recommendedAction: clip(i.recommendedAction || (fr ? "Viser l'audience décrite par cet enseignement." : "Aim at the audience this insight describes."), 300),
      source: fr ? `Enseignements (${i.id})` : `Insights (${i.id})`,
      kind: "target",
    });
  }
  return out.filter((r) => r.score > 0).sort((a, b) => b.score - a.score);
}

function fallbacks(s: { name: string; theme: string }, fr: boolean): Inspiration[] {
  return fr
    ? [
        { title: `Étude de cas autour de « ${s.theme} »`, excerpt: "Un client comparable qui raconte son résultat chiffré convainc mieux que tout argumentaire.", recommendedAction: "Ajouter un cas client comme ressource.", source: "Bonnes pratiques B2B", kind: "resource" },
        { title: "Les prescripteurs du secteur", excerpt: "Consultants, fédérations et partenaires recommandent les fournisseurs à leurs clients.", recommendedAction: "Ajouter les prescripteurs comme cible.", source: "Bonnes pratiques B2B", kind: "target" },
        { title: `Un objectif mesurable pour « ${s.name} »`, excerpt: "Un nombre de rendez-vous ou de demandes sur une période donnée rend le plan pilotable.", recommendedAction: "Fixer un objectif chiffré.", source: "Bonnes pratiques B2B", kind: "objective" },
      ]
    : [
        { title: `A case study on "${s.theme}"`, excerpt: "A comparable customer telling their measured result convinces better than any pitch.", recommendedAction: "Add a customer case study as a resource.", source: "B2B good practice", kind: "resource" },
        { title: "The industry's advisors", excerpt: "Consultants, trade bodies and partners recommend suppliers to their clients.", recommendedAction: "Add advisors as a target.", source: "B2B good practice", kind: "target" },
        { title: `A measurable objective for "${s.name}"`, excerpt: "A number of meetings or requests over a set period makes the plan steerable.", recommendedAction: "Set a figure-based objective.", source: "B2B good practice", kind: "objective" },
      ];
}

export async function searchInspirations(opts: { organizationId: string; scenarioId: string; query?: string; locale: Locale }) {
  const scenario = await getScenario({ organizationId: opts.organizationId, scenarioId: opts.scenarioId, messages: 0 });
  const fr = opts.locale === "fr";
  const query = clip(opts.query?.trim() || `${scenario.name} ${scenario.theme}`, 180);
  const found = await embeddedSearch(opts.organizationId, query, fr);
  const results: Inspiration[] = [];
  for (const r of found) {
    if (results.length === 3) break;
    if (!results.some((x) => x.title === r.title)) results.push({ title: r.title, excerpt: r.excerpt, recommendedAction: r.recommendedAction, source: r.source, kind: r.kind });
  }
  for (const f of fallbacks(scenario, fr)) if (results.length < 3) results.push(f);
  const row = await db().scenarioSearch.create({ data: { organizationId: opts.organizationId, scenarioId: scenario.id, query, results }, select: { id: true, query: true, createdAt: true } });
  return { id: row.id, query: row.query, createdAt: row.createdAt.toISOString(), results };
}
