import type { Locale } from "./types";

/**
 * The offline provider's phrasebook: short marketing templates in French and English. Slots:
 * {topic} {brand} {kw1} {kw2} {kw3} {audience} {angle} {quote} {platform}.
 */
export type Category =
  | "title"
  | "body"
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
    title: ["{Topic} : ce qui change vraiment", "{Topic} en 3 idées clés", "{Topic} : pourquoi c'est le bon moment", "{Kw1}, {kw2} : le guide express", "{Brand} décrypte {topic}"],
    body: [
      "{Topic} : un sujet au cœur des préoccupations de {audience}. Chez {brand}, nous l'abordons sous un angle concret : {angle}. {Quote} À retenir : {kw1}, {kw2} et {kw3}.",
      "Et si {topic} devenait votre meilleur levier cette année ? {Quote} Nous avons réuni ce qui fonctionne pour {audience} : des exemples concrets ({kw1}), les erreurs à éviter ({kw2}) et une méthode simple pour passer à l'action.",
      "{Topic}, en trois mots : {kw1}, {kw2}, {kw3}. {Quote} {Brand} vous partage une approche éprouvée, pensée pour {audience}.",
    ],
    summary: ["En bref : {quote} Points clés : {kw1}, {kw2}, {kw3}.", "Synthèse — {topic} ({kw1}, {kw2}). {Quote}"],
    cta: ["Découvrez la méthode complète sur notre site.", "Réservez un échange de 20 minutes avec notre équipe.", "Abonnez-vous pour recevoir nos prochains conseils.", "Dites-nous en commentaire ce que vous en pensez !"],
    angle: ["Retour d'expérience concret : {kw1}", "Approche pédagogique : l'essentiel en 3 points", "Les chiffres qui surprennent : {kw2}", "Les erreurs fréquentes ({kw1}) et comment les éviter"],
    topic: ["{Topic}", "{Kw1} : les bonnes pratiques", "{Kw2} : comment en tirer parti", "{Kw3} : tendances et opportunités", "Étude de cas {brand} : {kw1}"],
    reason: ["Le contenu répond à un besoin clair de {audience} ({topic}), avec un angle concret ({kw1}) qui favorise l'engagement.", "Les données fournies montrent un intérêt marqué ({kw1}, {kw2}) : c'est là que l'impact attendu est le plus fort.", "{Topic} répond à une question fréquente ; un format court et illustré maximise la portée."],
    message: ["{Kw1} : un gain de temps au quotidien", "{Brand} accompagne {audience} de bout en bout", "{Kw2} : des résultats mesurables", "Une méthode simple, testée sur le terrain", "{Kw3} : un vrai avantage concurrentiel"],
    audience: ["Dirigeants et équipes marketing de PME", "Clients fidèles et prospects de {brand}", "Entrepreneurs curieux ({kw1}, {kw2})"],
    tone: ["Professionnel et chaleureux", "Pédagogique et direct", "Inspirant et concret"],
    reply: ["Merci pour votre message ! Nous revenons vers vous très vite.", "Merci beaucoup pour votre retour 🙏 Notre équipe vous répond en message privé."],
    idea: ["Carrousel : 5 conseils ({kw1})", "Vidéo courte : {topic} en 45 secondes", "Témoignage client : {kw2}", "Infographie : les chiffres clés ({kw3})", "Sondage : votre plus grand défi ({kw1}) ?"],
    generic: ["{Topic} pour {audience}", "Focus : {kw1} et {kw2}", "{Brand} : {topic}"],
  },
  en: {
    title: ["{Topic}: what really changes", "{Topic} in 3 key ideas", "Why {topic} matters to {audience}", "{Kw1} and {kw2}: the quick guide", "{Brand} breaks down {topic}"],
    body: [
      "{Topic} is top of mind for {audience}. At {brand}, we take a practical angle: {angle}. {Quote} The result: more clarity on {kw2} and faster decisions on {kw3}.",
      "What if {topic} became your best lever this year? {Quote} We gathered what works for {audience}: concrete examples around {kw1}, mistakes to avoid with {kw2}, and a simple way to get started.",
      "Three takeaways on {topic}: {kw1} is gaining ground, {kw2} is still underused, and {kw3} makes the difference. {Quote} {Brand} shares a proven approach built for {audience}.",
    ],
    summary: ["In short: {quote} The core is {topic}, with {kw2} and {kw3} to watch.", "Summary: the input is about {topic} ({kw1}, {kw2}). {Quote}"],
    cta: ["Read the full method on our website.", "Book a 20-minute call with our team.", "Follow us for the next tips.", "Tell us what you think in the comments!"],
    angle: ["A hands-on story about {kw1}", "Teaching angle: {topic} made simple", "The surprising numbers behind {kw2}", "Common mistakes with {kw1} and how to avoid them"],
    topic: ["{Topic}", "{Kw1}: best practices for {audience}", "How to make the most of {kw2}", "{Kw3}: trends and opportunities", "Case study: {kw1} at {brand}"],
    reason: ["The piece answers a clear need of {audience} around {topic}, with a concrete angle ({kw1}) that drives engagement.", "The data shows strong interest in {kw1} and {kw2}: that is where the expected impact is highest.", "{Topic} answers a frequent question; a short visual format maximises reach."],
    message: ["{Kw1} saves time every day", "{Brand} supports {audience} end to end", "Measurable results on {kw2}", "A simple method, proven in the field", "{Kw3} becomes a competitive edge"],
    audience: ["SME founders and marketing teams", "{Kw1} leads in growing companies", "Entrepreneurs interested in {topic}"],
    tone: ["Professional and warm", "Educational and direct", "Inspiring and practical"],
    reply: ["Thanks for your message! We'll get back to you shortly.", "Thank you for the feedback 🙏 Our team will reach out by direct message."],
    idea: ["Carousel: 5 tips on {kw1}", "Short video: {topic} in 45 seconds", "Customer story post about {kw2}", "Infographic: key numbers on {kw3}", "Poll: your biggest challenge with {kw1}?"],
    generic: ["{Topic} for {audience}", "Focus on {kw1} and {kw2}", "{Brand}: {topic}"],
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
