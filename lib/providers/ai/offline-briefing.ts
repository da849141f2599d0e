import type { Locale } from "./types";

/**
 * The offline provider's call briefing (MKT-305, `offlineWriter: "briefing"`): what a salesperson
 * reads before the call, in their language, built from the caller's data only: who the lead is, the
 * score and the lines that made it, the pain points and urgency the lead stated, the product
 * suggested, objections raised and the last exchanges. Same inputs, same briefing.
 *
 * Data read (all optional): first_name, last_name, company, job_title, score, tier, reason
 * ("hot" | "ready_to_buy"), score_lines (["criterion +points"]), pain_points (string[]), urgency,
 * product, objections (string[]), last_messages (string[]), source.
 */
export type OfflineBriefing = { summary: string; points: string[]; nextStep: string };

const str = (v: unknown): string => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : typeof v === "number" ? String(v) : "");
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter(Boolean) : str(v) ? [str(v)] : []);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function buildOfflineBriefing(sources: { data: Record<string, unknown>; locale?: Locale }): OfflineBriefing {
  const d = sources.data;
  const fr = (sources.locale ?? "fr") === "fr";
  const name = [str(d.first_name), str(d.last_name)].filter(Boolean).join(" ") || (fr ? "Ce contact" : "This lead");
  const company = str(d.company);
  const job = str(d.job_title);
  const score = str(d.score);
  const readyToBuy = str(d.reason) === "ready_to_buy";
  const pains = list(d.pain_points).slice(0, 4);
  const objections = list(d.objections).slice(0, 3);
  const lines = list(d.score_lines).slice(0, 6);
  const product = str(d.product);
  const urgency = str(d.urgency);
  const last = list(d.last_messages).slice(0, 2);
  const who = fr ? `${name}${job ? `, ${job}` : ""}${company ? ` chez ${company}` : ""}` : `${name}${job ? `, ${job}` : ""}${company ? ` at ${company}` : ""}`;
  const why = readyToBuy ? (fr ? "a répondu être prêt(e) à acheter" : "replied ready to buy") : fr ? `est un lead chaud (score ${score}/100)` : `is a hot lead (score ${score}/100)`;
  const summary = fr
    ? `${who} ${why}.${pains.length ? ` Besoins exprimés : ${pains.join(" ; ")}.` : ""}${product ? ` Produit à présenter : ${product}.` : ""}`
    : `${who} ${why}.${pains.length ? ` Stated needs: ${pains.join("; ")}.` : ""}${product ? ` Product to present: ${product}.` : ""}`;
  const points: string[] = [];
  if (lines.length) points.push(fr ? `Score : ${lines.join(", ")}` : `Score: ${lines.join(", ")}`);
  if (urgency) points.push(fr ? `Urgence : ${urgency}` : `Urgency: ${urgency}`);
  for (const p of pains) points.push(fr ? `Faire préciser : ${p}` : `Dig into: ${p}`);
  for (const o of objections) points.push(fr ? `Objection à traiter : ${o}` : `Objection to handle: ${o}`);
  for (const m of last) points.push(fr ? `Dernier échange : « ${clip(m, 140)} »` : `Last exchange: "${clip(m, 140)}"`);
  if (points.length === 0) points.push(fr ? "Peu d'informations : commencer par ses objectifs et son calendrier." : "Little is known: start with their goals and timeline.");
  const nextStep = product
    ? fr
      ? `Proposer une démonstration de ${product} et convenir d'une date de décision.`
      : `Offer a demo of ${product} and agree on a decision date.`
    : fr
      ? "Qualifier le budget et le calendrier, puis convenir de la prochaine étape."
      : "Qualify budget and timeline, then agree on the next step.";
  return { summary: clip(summary, 600), points: points.slice(0, 8).map((p) => clip(p, 240)), nextStep };
}
