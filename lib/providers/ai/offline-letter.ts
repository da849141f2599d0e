import { capitalise, countWords, fnv1a } from "./text-tools";
import type { Locale } from "./types";

/**
 * The offline provider's follow-up letter (MKT-303 nurture steps, `offlineWriter: "letter"`): a
 * personal email of 150-200 words in the lead's language, built from the caller's data only
 * (first name, company, the pain points the lead stated, the product suggested, the brand, the step),
 * so a sequence run without an AI vendor still shows what it would send. Same inputs, same letter.
 *
 * Data read (all optional): first_name, company, pain_points (string[] or string), product,
 * product_description, brand, step (1-based), steps (total), channel ("EMAIL" | "WHATSAPP").
 */
export type OfflineLetter = { subject: string; body: string };

const str = (v: unknown): string => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : typeof v === "number" ? String(v) : "");
const MIN_WORDS = 150;
const MAX_WORDS = 200;

function firstSentence(text: string, maxWords: number): string {
  const first = (text.split(/(?<=[.!?])\s+/)[0] ?? "").trim();
  const ws = first.split(/\s+/).filter(Boolean);
  const cut = ws.length > maxWords ? `${ws.slice(0, maxWords).join(" ").replace(/[,;:]$/, "")}…` : first;
  return cut.replace(/[.!?…]+$/, "");
}

/** French "de" before a noun phrase: de + des/les -> des, de + le -> du ("au sujet des délais", "du devis"). */
function deFr(np: string): string {
  const m = /^(des|les|le)\s+(.*)$/iu.exec(np);
  if (!m) return `de ${np}`;
  return m[1]!.toLowerCase() === "le" ? `du ${m[2]}` : `des ${m[2]}`;
}

const lower = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

type Parts = { greeting: string; required: string[]; optional: string[]; close: string; subject: string };

function partsFr(d: Record<string, string>, pains: string[], step: number, steps: number): Parts {
  const name = d.first_name;
  const company = d.company;
  const chez = company ? ` chez ${company}` : "";
  const pain = pains[0] ? lower(pains[0]) : "";
  const product = d.product || "notre accompagnement";
  const what = d.product_description ? firstSentence(d.product_description, 28) : "";
  const brand = d.brand || "notre équipe";
  const subjects = [
    pain ? `${name ? `${name}, ` : ""}une piste concrète pour ${pain}` : `${name ? `${name}, ` : ""}suite à votre demande`,
    company ? `${company} : ce que nous avons appris sur le terrain` : "Ce que nous avons appris sur le terrain",
    name ? `Un dernier mot, ${name}` : "Un dernier mot avant de vous laisser",
  ];
  const openers = [
    `Merci pour votre intérêt pour ${brand}. Vous nous avez écrit${chez}${pain ? ` au sujet ${deFr(pain)}` : ""}, et nous avons pris le temps de relire votre demande avant de vous répondre.`,
    `Je reviens vers vous après mon premier message${pain ? ` sur ${pain}` : ""}. Je sais que les semaines passent vite${chez}, alors je vais droit à l'essentiel.`,
    `Je vous écris une dernière fois pour ne pas encombrer votre boîte${pain ? `, mais le sujet ${deFr(pain)} mérite qu'on s'y arrête` : ""}.`,
  ];
  const required = [
    openers[Math.min(step - 1, 2)]!,
    `${capitalise(product)} a été pensé pour ce type de situation${what ? ` : ${lower(what)}` : ""}.`,
    pains[1] ? `Vous évoquiez aussi ${lower(pains[1])} ; c'est souvent lié, et c'est une bonne nouvelle, car une même démarche peut régler les deux.` : `Le point de départ est toujours le même : comprendre ce qui vous coûte le plus de temps aujourd'hui.`,
    step < steps
      ? `Seriez-vous disponible pour un échange de vingt minutes la semaine prochaine ? Répondez simplement à ce message avec deux créneaux qui vous conviennent, et je m'adapte.`
      : `Si le moment n'est pas le bon, aucun souci : répondez « plus tard » et je reviendrai vers vous dans quelques mois. Si au contraire vous voulez en parler, deux créneaux suffisent.`,
  ];
  const optional = [
    `Concrètement, nous commençons par un diagnostic court de votre situation${chez}, puis nous proposons un plan simple, avec des étapes datées et un interlocuteur unique.`,
    `Les équipes que nous accompagnons voient en général les premiers résultats en quelques semaines, parce que nous partons de ce qui existe déjà au lieu de tout reconstruire.`,
    `Nous ne vous demanderons ni engagement long ni outil de plus à apprendre : l'objectif est que votre équipe gagne du temps dès le premier mois.`,
    `Je peux aussi vous envoyer un exemple de plan, anonymisé, tiré d'une entreprise de taille comparable${company ? ` à ${company}` : ""}.`,
    `Et si une autre personne de votre équipe est mieux placée pour en parler, dites-le-moi : je la contacterai directement.`,
    `Vos questions sont les bienvenues, même les plus simples : c'est souvent là que l'on gagne le plus de temps.`,
  ];
  return { greeting: `Bonjour ${name || "à vous"},`, required, optional, close: `Bien cordialement,\nL'équipe ${d.brand || "commerciale"}`, subject: subjects[Math.min(step - 1, 2)]! };
}

function partsEn(d: Record<string, string>, pains: string[], step: number, steps: number): Parts {
  const name = d.first_name;
  const company = d.company;
  const at = company ? ` at ${company}` : "";
  const pain = pains[0] ? lower(pains[0]) : "";
  const product = d.product || "our programme";
  const what = d.product_description ? firstSentence(d.product_description, 28) : "";
  const brand = d.brand || "our team";
  const subjects = [
    pain ? `${name ? `${name}, ` : ""}a practical idea for ${pain}` : `${name ? `${name}, ` : ""}following up on your request`,
    company ? `${company}: what we have learnt in the field` : "What we have learnt in the field",
    name ? `One last note, ${name}` : "One last note before I go",
  ];
  const openers = [
    `Thank you for your interest in ${brand}. You wrote to us${at}${pain ? ` about ${pain}` : ""}, and we took the time to read your request carefully before replying.`,
    `I am following up on my first message${pain ? ` about ${pain}` : ""}. I know how quickly the weeks go by${at}, so I will keep this short.`,
    `This is my last note, as I do not want to crowd your inbox${pain ? `, but ${pain} deserves a proper look` : ""}.`,
  ];
  const required = [
    openers[Math.min(step - 1, 2)]!,
    `${capitalise(product)} was designed for exactly this kind of situation${what ? `: ${lower(what)}` : ""}.`,
    pains[1] ? `You also mentioned ${lower(pains[1])}; the two are often linked, which is good news, because one piece of work can solve both.` : `The starting point is always the same: understanding what costs you the most time today.`,
    step < steps
      ? `Would you have twenty minutes for a call next week? Simply reply to this message with two times that suit you, and I will fit in.`
      : `If now is not the right time, no problem: reply "later" and I will get back to you in a few months. If you would like to talk, two suggested times are enough.`,
  ];
  const optional = [
    `In practice, we start with a short review of your situation${at}, then propose a simple plan with dated steps and a single point of contact.`,
    `The teams we work with usually see the first results within a few weeks, because we build on what already exists instead of starting over.`,
    `There is no long commitment and no new tool to learn: the aim is for your team to save time from the very first month.`,
    `I can also send you an anonymised example plan from a company of a similar size${company ? ` to ${company}` : ""}.`,
    `And if someone else in your team is better placed to discuss this, just tell me and I will contact them directly.`,
    `Questions are welcome, even the simplest ones: that is often where the most time is saved.`,
  ];
  return { greeting: `Hello ${name || "there"},`, required, optional, close: `Kind regards,\nThe ${d.brand || "sales"} team`, subject: subjects[Math.min(step - 1, 2)]! };
}

export function buildOfflineLetter(sources: { prompt: string; data: Record<string, unknown>; locale?: Locale }): OfflineLetter {
  const raw = sources.data;
  const d: Record<string, string> = Object.fromEntries(["first_name", "company", "product", "product_description", "brand"].map((k) => [k, str(raw[k]).slice(0, 300)]));
  const pains = (Array.isArray(raw.pain_points) ? raw.pain_points.map(str) : str(raw.pain_points).split(/[;\n]/).map((p) => p.trim())).filter((p) => p.length > 2).map((p) => p.replace(/[.!?]+$/, "").slice(0, 120));
  const steps = Math.max(1, Number(raw.steps) || 3);
  const step = Math.min(Math.max(1, Number(raw.step) || 1), steps);
  const parts = (sources.locale ?? "fr") === "en" ? partsEn(d, pains, step, steps) : partsFr(d, pains, step, steps);
  // The optional sentences in an order of this lead's own, added until the letter reads 150 words; never past 200.
  const seed = fnv1a(`${d.first_name}|${d.company}|${step}`);
  const optional = parts.optional.map((s, i) => ({ s, k: fnv1a(s, seed + i) })).sort((a, b) => a.k - b.k).map((o) => o.s);
  const paragraphs = [...parts.required];
  const total = () => countWords([parts.greeting, ...paragraphs, parts.close].join("\n"));
  for (const s of optional) {
    if (total() >= MIN_WORDS + 10) break;
    paragraphs.splice(paragraphs.length - 1, 0, s);
    if (total() > MAX_WORDS) paragraphs.splice(paragraphs.length - 2, 1);
  }
  return { subject: parts.subject.slice(0, 120), body: [parts.greeting, ...paragraphs, parts.close].join("\n\n") };
}
