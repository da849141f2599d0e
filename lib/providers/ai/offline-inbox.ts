import { guessLocale } from "./text-tools";

/**
 * The offline provider's inbox triage (`offlineWriter: "inbox-triage"`), pure and deterministic,
 * French and English: what a careful community manager would decide from the message alone and the
 * brand's knowledge given as data (`knowledge.faq` [{question, answer}], `knowledge.products`
 * [{name, description, price}], `knowledge.brand`):
 * - text addressed to the assistant ("ignore your instructions…"): escalated, never obeyed;
 * - spam (followers, crypto, "link in bio", promotions of others): IGNORE;
 * - complaints, refunds, damaged orders, legal words, a wish to speak to a person, urgency: ESCALATE;
 * - a question the knowledge answers (an FAQ entry or a product named): AUTO_REPLY with that answer,
 *   confidence from how well it matched; a question it does not answer: ESCALATE (low confidence);
 * - thanks, compliments, emoji only: IGNORE (nothing to answer);
 * - anything else: ESCALATE with low confidence (a person reads it).
 *
 * Data read: `messages` (string[], the burst, oldest first) or `message` (string), `knowledge`.
 */
export type OfflineInboxTriage = { action: "IGNORE" | "ESCALATE" | "AUTO_REPLY"; confidence: number; reason: string; reply: string | null };

type Faq = { question: string; answer: string };
type ProductInfo = { name: string; description?: string; price?: string | null };

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
const any = (text: string, res: RegExp[]) => res.some((r) => r.test(text));

const INSTRUCTIONS = [
  /\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules|above)\b/,
  /\b(ignore[rz]?|oublie[rz]?)\b.{0,40}\b(instructions?|consignes?|regles)\b/,
  /\bsystem prompt\b|\bprompt systeme\b|\byou are now\b|\btu es maintenant\b|\bnew instructions?\b|\bnouvelles? consignes?\b/,
  /\b(as an ai|en tant qu'ia|language model|modele de langage)\b/,
];
const SPAM = [
  /\b(followers?|abonnes? (gratuits?|garantis?)|likes? gratuits?|free likes)\b/,
  /\b(crypto|bitcoin|forex|nft|airdrop|investissement garanti|guaranteed (profit|returns?))\b/,
  /\blink in (my )?bio\b|\blien (dans|en) (ma )?bio\b|\bcheck (my|our) (profile|page)\b/,
  /\b(promo(tion)? (for|pour) your page|boost your (page|account|followers)|gagnez \d[\d ]* abonnes)\b/,
  /\b(dm me for (collab|promo)|sugar daddy|casino|onlyfans)\b/,
];
const ESCALATE = [
  /\b(rembours\w*|refund\w*|reclamation|plainte|litige|avocat|mise en demeure|arnaque|scam|lawyer|legal action|complaint)\b/,
  /\b(abime\w*|casse\w*|defectueu\w*|damaged|broken|defective|jamais (recu|arrive)|never (arrived|received)|pas (encore )?(recu|arrive)e?s?|still hasn'?t arrived|hasn'?t arrived|late delivery|retard)\b/,
  /\b(inacceptable|unacceptable|scandale|furieu\w*|furious|decu\w*|disappointed|honte|disgusting|worst)\b/,
  /\b(parler|discuter)\b.{0,25}\b(a|avec) (un|une|votre|le|la)? ?(humain|personne|responsable|conseiller|manager)\b/,
  /\b(speak|talk)\b.{0,20}\b(to|with) (a|an|your|the|someone)? ?(human|person|manager|real|agent)\b/,
  /\b(urgent|urgence|asap|immediately|immediatement)\b/,
  /\b(order|commande) ?#? ?\d{3,}\b/,
];
const THANKS = [
  /^(merci|thanks?|thank you|thx|top|super|bravo|genial|magnifique|sublime|love (it|this)|great|awesome|perfect|parfait)\b[^?]*$/,
  /^[\p{Extended_Pictographic}\p{Emoji_Component}\s!.❤️]+$/u,
  /^(ok|d'accord|cool|nice|wow)\W*$/,
];
const QUESTION = /\?|\b(combien|quel(le)?s?|quand|comment|ou (est|sont|se trouve)|est-ce que|pouvez-vous|avez-vous|livrez-vous|do you|can i|can you|how (much|long|do|can)|what|when|where|which|is there|are you|do i)\b/;
const STOP = new Set(
  "le la les un une des de du et ou a au aux en dans pour par sur avec est sont vous nous je tu il elle on ce cette ces mon ma mes votre vos notre nos quel quelle quels quelles combien comment quand est-ce que qui quoi the a an and or of to in on for with is are do does you we i it this that what how when where which your our can my me".split(" "),
);
const terms = (s: string) =>
  fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOP.has(w))
    .map((w) => w.replace(/(es|s|x)$/, ""));

/** Share of the FAQ question's terms the message contains (0..1). */
function overlap(message: string, question: string): number {
  const q = [...new Set(terms(question))];
  if (q.length === 0) return 0;
  const m = new Set(terms(message));
  return q.filter((t) => m.has(t)).length / q.length;
}

const asArray = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function triageInboxOffline(sources: { data: Record<string, unknown>; locale?: "fr" | "en" }): OfflineInboxTriage {
  const d = sources.data;
  const raw = Array.isArray(d.messages) ? (d.messages as unknown[]).map(String).join("\n") : typeof d.message === "string" ? d.message : "";
  const text = fold(raw);
  const knowledge = (d.knowledge ?? {}) as { faq?: unknown; products?: unknown; brand?: unknown };
  const locale = guessLocale(raw) ?? sources.locale ?? "fr";
  const fr = locale === "fr";
  if (!text) return { action: "IGNORE", confidence: 0.8, reason: fr ? "Message vide (pièce jointe seule)." : "Empty message (attachment only).", reply: null };
  if (any(text, INSTRUCTIONS))
    return { action: "ESCALATE", confidence: 0.6, reason: fr ? "Le message s'adresse à l'assistant (instructions) : une personne le lit." : "The message addresses the assistant (instructions): a person reads it.", reply: null };
  if (any(text, SPAM)) return { action: "IGNORE", confidence: 0.92, reason: fr ? "Spam ou promotion sans rapport." : "Spam or unrelated promotion.", reply: null };
  if (any(text, ESCALATE))
    return { action: "ESCALATE", confidence: 0.9, reason: fr ? "Réclamation, problème de commande ou demande d'un humain." : "Complaint, order problem or request for a person.", reply: null };
  const isQuestion = QUESTION.test(text);
  if (!isQuestion && any(text, THANKS)) return { action: "IGNORE", confidence: 0.8, reason: fr ? "Remerciement ou compliment : rien à répondre." : "Thanks or a compliment: nothing to answer.", reply: null };
  if (isQuestion) {
    let best: { faq: Faq; score: number } | null = null;
    for (const f of asArray<Faq>(knowledge.faq)) {
      if (!f || typeof f.question !== "string" || typeof f.answer !== "string") continue;
      const score = overlap(raw, f.question);
      if (!best || score > best.score) best = { faq: f, score };
    }
    if (best && best.score >= 0.5) {
      const confidence = Math.round(Math.min(0.95, 0.6 + 0.35 * best.score) * 100) / 100;
      return { action: "AUTO_REPLY", confidence, reason: fr ? `Question couverte par la FAQ (« ${best.faq.question} »).` : `Question answered by the FAQ ("${best.faq.question}").`, reply: best.faq.answer };
    }
    const product = asArray<ProductInfo>(knowledge.products).find((p) => p && typeof p.name === "string" && terms(p.name).some((t) => terms(raw).includes(t)));
    if (product) {
      const price = product.price ? (fr ? ` Prix : ${product.price}.` : ` Price: ${product.price}.`) : "";
      const desc = product.description ? ` ${product.description.replace(/\s+/g, " ").trim().slice(0, 220)}` : "";
      const reply = fr ? `Merci pour votre question ! ${product.name} :${desc}${price} N'hésitez pas si vous souhaitez plus de détails.` : `Thanks for your question! ${product.name}:${desc}${price} Let us know if you would like more details.`;
      return { action: "AUTO_REPLY", confidence: 0.75, reason: fr ? `Question sur un produit de la marque (${product.name}).` : `Question about one of the brand's products (${product.name}).`, reply };
    }
    return { action: "ESCALATE", confidence: 0.55, reason: fr ? "Question sans réponse dans les connaissances de la marque." : "A question the brand's knowledge does not answer.", reply: null };
  }
  return { action: "ESCALATE", confidence: 0.5, reason: fr ? "Message à lire par une personne." : "A message for a person to read.", reply: null };
}
