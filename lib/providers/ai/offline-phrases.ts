import type { Locale } from "./types";

/**
 * The offline provider's phrasebook: short marketing templates in French and English. Slots:
 * {topic} (the material's own subject) {np1} {np2} {np3} (its noun phrases) {kw1} {kw2} {kw3}
 * {brand} {audience} {angle} {quote} {platform}. Templates never promise what the material does not say.
 */
export type Category =
  | "title"
  | "body"
  /** One beat of a video script (segments[i].text): a shot, not a whole post; no call to action. */
  | "beat"
  | "summary"
  | "cta"
  | "angle"
  | "topic"
  | "reason"
  | "message"
  | "audience"
  | "tone"
  | "reply"
  | "idea"
  | "generic";

export const PHRASES: Record<Locale, Record<Category, string[]>> = {
  fr: {
    title: ["{Topic}", "Dans les coulisses : {np1}", "Derrière {np3}, une histoire vraie", "Voici {np1}", "{Np1} et {np2}"],
    body: [
      "{Topic}. Avant d'être un produit, c'est une histoire de personnes, de lieux et de temps, et nous voulions vous la raconter telle qu'elle est. {Quote} Au cœur de ce récit : {np1}, {np2} et ce qui les relie.",
      "Vous êtes-vous déjà demandé ce qu'il y a derrière {np3} ? {Topic}. {Quote} Nous partageons ici ce que l'on voit rarement : le temps, les choix et les personnes qui font la différence.",
      "Regardez de plus près. {Topic}. {Quote} Chaque détail compte, de {np1} à {np3}, et c'est ce que nous voulons vous montrer.",
      "On vous emmène là où tout commence : {np1}. {Quote} Regardez bien, tout se joue en images.",
      "{Topic}. Une histoire vraie, racontée par celles et ceux qui la vivent. {Quote}",
      "Trois mots pour résumer cette histoire : {kw1}, {kw2}, {kw3}. {Topic}. {Quote}",
    ],
    beat: [
      "Plan d'ouverture sur {np1}, là où tout commence.",
      "Gros plan : {np2}, le geste et la matière.",
      "Ce que l'on voit rarement, filmé de près : {np3}.",
      "Face caméra, on explique pourquoi {np1} compte autant.",
      "Avant, pendant, après : {np2} étape par étape.",
      "Trois mots à l'écran : {kw1}, {kw2}, {kw3}.",
      "Le résultat, montré tel qu'il est : {np1} et {np2}.",
      "Dernier plan sur {np3}, sans filtre.",
    ],
    summary: ["{Topic}. {Quote} À retenir : {np1}, {np2}.", "{Topic}. {Quote} À retenir : {np1}."],
    cta: ["Découvrez l'histoire complète sur notre site.", "Écrivez-nous pour en savoir plus.", "Demandez notre catalogue.", "Abonnez-vous pour suivre la suite.", "Dites-nous en commentaire ce que vous en pensez !"],
    angle: ["Raconter l'histoire vraie, à hauteur de personnes : {np1}", "Partir d'une question simple : qu'y a-t-il derrière {np3} ?", "Montrer le détail qui fait la différence : {np3}", "Relier {np1} et {np2} en une seule histoire"],
    topic: ["{Topic}", "Dans les coulisses : {np1}", "Ce qui se cache derrière {np3}", "{Np1} et {np2}", "Trois mots pour le dire : {kw1}, {kw2}, {kw3}"],
    reason: ["Le sujet parle directement à {audience} : {np1}, des faits concrets et une histoire vraie favorisent l'engagement.", "L'idée s'appuie sur des éléments tangibles ({kw1}, {kw2}) : c'est là que l'impact attendu est le plus fort.", "Un format court et illustré autour de {np1} maximise la portée."],
    message: ["{Np1}, au cœur de l'histoire", "Ce qui se cache derrière {np3}", "Le lien entre {np1} et {np2}", "Des faits concrets plutôt que des superlatifs : {kw1}, {kw2}, {kw3}", "Du temps, des choix et des personnes derrière chaque résultat"],
    audience: ["Dirigeants et équipes marketing de PME", "Clients fidèles et prospects de {brand}", "Publics curieux de {kw1} et de {kw2}"],
    tone: ["Professionnel et chaleureux", "Pédagogique et direct", "Inspirant et concret"],
    reply: ["Merci pour votre message ! Nous revenons vers vous très vite.", "Merci beaucoup pour votre retour 🙏 Notre équipe vous répond en message privé."],
    idea: ["Carrousel : 5 images autour de {np1}", "Vidéo courte : {np3} en 45 secondes", "Portrait : {np1}", "Infographie : {kw1}, {kw2}, {kw3} en chiffres", "Sondage : que vous évoque {np3} ?"],
    generic: ["{Topic}", "Focus : {np1}", "{Np1} et {np2}"],
  },
  en: {
    title: ["{Topic}", "Behind the scenes: {np1}", "Behind {np3}, a true story", "Meet {np1}", "{Np1} and {np2}"],
    body: [
      "{Topic}. Before it is a product, it is a story of people, places and time, and we wanted to tell it as it is. {Quote} At its heart: {np1}, {np2} and what links them.",
      "Have you ever wondered what lies behind {np3}? {Topic}. {Quote} Here is what people rarely see: the time, the choices and the people who make the difference.",
      "Take a closer look. {Topic}. {Quote} Every detail matters, from {np1} to {np3}, and that is what we want to show you.",
      "We take you where it all begins: {np1}. {Quote} Watch closely, it all happens in pictures.",
      "{Topic}. A true story, told by the people who live it. {Quote}",
      "Three words sum up this story: {kw1}, {kw2}, {kw3}. {Topic}. {Quote}",
    ],
    beat: [
      "Opening shot on {np1}, where it all begins.",
      "Close-up: {np2}, the gesture and the material.",
      "What people rarely see, filmed up close: {np3}.",
      "To camera, we explain why {np1} matters so much.",
      "Before, during, after: {np2} step by step.",
      "Three words on screen: {kw1}, {kw2}, {kw3}.",
      "The result, shown as it is: {np1} and {np2}.",
      "Last shot on {np3}, no filter.",
    ],
    summary: ["{Topic}. {Quote} Key points: {np1}, {np2}.", "{Topic}. {Quote} Key points: {np1}."],
    cta: ["Read the full story on our website.", "Write to us to find out more.", "Ask for our catalogue.", "Follow us for the rest of the story.", "Tell us what you think in the comments!"],
    angle: ["Tell the true story, at human scale: {np1}", "Start from a simple question: what lies behind {np3}?", "Show the detail that makes the difference: {np3}", "Link {np1} and {np2} in one story"],
    topic: ["{Topic}", "Behind the scenes: {np1}", "What lies behind {np3}", "{Np1} and {np2}", "Three words for it: {kw1}, {kw2}, {kw3}"],
    reason: ["The subject speaks directly to {audience}: {np1}, concrete facts and a true story drive engagement.", "The idea rests on tangible elements ({kw1}, {kw2}): that is where the expected impact is highest.", "A short visual format about {np1} maximises reach."],
    message: ["{Np1}, at the heart of the story", "What lies behind {np3}", "The link between {np1} and {np2}", "Concrete facts rather than superlatives: {kw1}, {kw2}, {kw3}", "Time, choices and people behind every result"],
    audience: ["SME founders and marketing teams", "Loyal customers and prospects of {brand}", "People curious about {kw1} and {kw2}"],
    tone: ["Professional and warm", "Educational and direct", "Inspiring and practical"],
    reply: ["Thanks for your message! We'll get back to you shortly.", "Thank you for the feedback 🙏 Our team will reach out by direct message."],
    idea: ["Carousel: 5 pictures around {np1}", "Short video: {np3} in 45 seconds", "Portrait: {np1}", "Infographic: {kw1}, {kw2}, {kw3} in numbers", "Poll: what does {np3} mean to you?"],
    generic: ["{Topic}", "Focus on {np1}", "{Np1} and {np2}"],
  },
};

export const DEFAULTS: Record<Locale, { brand: string; audience: string; topic: string; kws: string[]; angle: string }> = {
  fr: { brand: "notre marque", audience: "nos clients", topic: "votre projet", kws: ["stratégie", "contenu", "croissance"], angle: "des exemples concrets" },
  en: { brand: "our brand", audience: "our customers", topic: "your project", kws: ["strategy", "content", "growth"], angle: "concrete examples" },
};

const POSITIVE = /\b(merci|super|genial|excellent|bravo|top|parfait|adore|love|great|thanks|awesome|amazing|perfect|happy|satisfait|content)\b/;
const NEGATIVE = /\b(nul|mauvais|probleme|deçu|decu|arnaque|lent|cher|bug|plainte|rembours|bad|terrible|awful|problem|refund|scam|slow|angry|disappointed|worst|jamais)\b/;

/** -1, 0 or 1 from a tiny lexicon (folded text). */
export function polarity(folded: string): -1 | 0 | 1 {
  const p = POSITIVE.test(folded);
  const n = NEGATIVE.test(folded);
  return p && !n ? 1 : n && !p ? -1 : 0;
}
