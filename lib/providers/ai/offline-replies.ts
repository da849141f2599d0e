import { fold } from "./text-tools";
import type { Locale } from "./types";

/**
 * The offline provider's writers for MKT-304 and MKT-306, pure and deterministic (same inputs, same
 * answer), French and English:
 * - `classifyReplyOffline` ("reply-classification"): a lead's reply read with keyword rules — opt-out,
 *   a request for a person or a complaint, a clear no, a wish to buy, objections (price, timing, an
 *   incumbent supplier, trust, need), "later", questions, interest. Text that addresses the assistant
 *   ("ignore previous instructions…") is recognised and classified as what it is: not a buying signal.
 *   MKT-304 also uses it as the fallback when a vendor model's answer is refused by the schema twice.
 * - `answerObjectionOffline` ("objection-answer"): a short answer to the objections raised.
 * - `escalationBriefOffline` ("escalation-brief"): the summary and recommendations for the salesperson.
 */

export type OfflineReplyClassification = {
  sentiment: "positive" | "neutral" | "negative";
  intent: "interested" | "needs_info" | "not_ready" | "objection" | "ready_to_buy" | "unsubscribe" | "escalate" | "not_interested";
  objections: string[];
  recommendedAction: "continue_sequence" | "escalate_human" | "book_call" | "pause" | "remove";
  summary: string;
  language: "fr" | "en";
  instructionsIgnored: boolean;
};

const str = (v: unknown): string => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "");
const any = (text: string, res: RegExp[]) => res.some((r) => r.test(text));

/** Text written to the model rather than to us (prompt injection): never a signal of anything. */
const INSTRUCTIONS = [
  /\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules|above)\b/,
  /\b(ignore[rz]?|oublie[rz]?)\b.{0,40}\b(instructions?|consignes?|regles)\b/,
  /\bsystem prompt\b|\bprompt systeme\b/,
  /\byou are now\b|\btu es maintenant\b|\bvous etes maintenant\b|\bnew instructions?\b|\bnouvelles? consignes?\b/,
  /\b(mark|set|flag|update|change)\b.{0,30}\b(me|my|lead|status|score|stage)\b.{0,30}\b(converted|won|hot|vip|paid|customer|100)\b/,
  /\b(marque[rz]?|passe[rz]?|mets|mettez|change[rz]?)\b.{0,30}\b(statut|score|lead|moi)\b.{0,30}\b(converti|gagne|client|chaud|vip|100)\b/,
  /\b(as an ai|en tant qu'ia|assistant ia|language model|modele de langage)\b/,
  /\b(email|e-mail|mail|write to|ecri[st]|envoie[rz]?)\b.{0,30}\b(the )?(ceo|pdg|directeur general|all (your )?(customers|clients)|tous (vos|les) clients)\b/,
  /\b(delete|supprime[rz]?|export(e[rz]?)?)\b.{0,30}\b(database|base de donnees|all leads|tous les leads|contacts)\b/,
];

const UNSUBSCRIBE = [/^\s*(stop|unsubscribe|desabonner|desinscri\w*)\b/, /\b(unsubscribe|desabonne\w*|desinscri\w*|ne (plus|jamais) (me )?(recevoir|contacter|ecrire)|stop (emailing|contacting|writing)|remove me from|retirez[- ]moi|plus de messages?|no more (emails|messages))\b/];
const ESCALATE = [
  /\b(parler|discuter|echanger)\b.{0,25}\b(a|avec) (un|une|votre|le|la)? ?(humain|personne|responsable|commercial|directeur|directrice|manager|conseiller|conseillere|vrai)/,
  /\b(speak|talk)\b.{0,20}\b(to|with) (a|an|your|the|someone|somebody)? ?(human|person|manager|real|sales ?person|director|someone|somebody)/,
  /\b(reclamation|plainte|litige|avocat|mise en demeure|inacceptable|scandale|rembourse\w*)\b/,
  /\b(complaint|lawyer|legal action|unacceptable|refund|furious|disappointed)\b/,
  /\b(appel d'offres?|cahier des charges|contrat[- ]cadre|plusieurs (sites|hotels|pays)|multi[- ]sites?)\b/,
  /\b(tender|rfp|framework agreement|several (sites|countries|hotels)|multiple (sites|locations|countries))\b/,
];
const NOT_INTERESTED = [/\b(pas|plus) (du tout )?interesse\w*\b|\bne m'interesse (pas|plus)\b|\bnon merci\b|\bpas besoin\b|\bsans (moi|interet)\b/, /\bnot interested\b|\bno thanks?\b|\bno thank you\b|\bno longer (need|interested)\b|\bdon'?t need\b/];
const READY = [
  /\b(pret|prete|prets)s? a (commander|acheter|signer|demarrer|commencer|avancer)\b/,
  /\b(envoye[rz]|envoyez-moi|transmettez|faites)(-moi)? (le|un|votre) (devis|contrat|bon de commande|proposition commerciale|facture)\b/,
  /\bon (y va|signe|valide)\b|\bc'est (bon|ok|d'accord) pour (nous|moi)\b|\bje (valide|signe|commande|prends)\b|\bnous (validons|signons|commandons|prenons)\b/,
  /\b(quand|comment) (pouvons|peut-on|pourrions)[- ](nous|on)? ?(commencer|signer|demarrer|commander)\b/,
  /\b(reserver|caler|fixer|planifier) (un|le) (appel|rendez-vous|rdv|creneau)\b/,
  /\bready to (buy|order|sign|go|start|move forward|proceed)\b/,
  /\bsend (me|us)? ?(the|a|your) (quote|contract|invoice|order form|proposal)\b/,
  /\b(let'?s (go|do it|proceed|move forward|sign)|we('ll| will) take it|i('ll| will) take it|where do i sign|how do (we|i) (start|sign|order|pay))\b/,
  /\b(book|schedule|set up) (a|the) (call|meeting|demo)\b|\bpurchase order\b/,
];
const OBJECTIONS: { key: string; fr: string; en: string; res: RegExp[] }[] = [
  { key: "price", fr: "Prix jugé trop élevé", en: "Price seen as too high", res: [/\btrop cher\w*\b|\bprix (trop )?(eleve|important)\b|\bau-dessus de (notre|mon) budget\b|\bpas (le|de) budget\b|\bhors budget\b|\bcoute trop\b/, /\btoo expensive\b|\b(price|cost)s? (is|are|seems?) (too )?high\b|\bover (our|my) budget\b|\bno budget\b|\bcan'?t afford\b|\bcosts? too much\b/] },
  { key: "timing", fr: "Délais ou calendrier", en: "Timing or lead time", res: [/\bdelais? (trop )?(longs?|courts?)\b|\bpas le temps\b|\bdebordes?\b|\bcalendrier\b.{0,20}\b(serre|charge)\b/, /\b(lead time|takes too long|too slow|no time|too busy|deadline)\b/] },
  { key: "incumbent", fr: "Déjà un fournisseur en place", en: "Already has a supplier", res: [/\bdeja (un|une|des) (fournisseur|prestataire|partenaire|solution|agence)\b|\bon travaille deja avec\b|\bnous travaillons deja avec\b/, /\balready (have|use|work with|got) (a|an|our)?\b|\bcurrent (supplier|provider|vendor)\b/] },
  { key: "trust", fr: "Doute sur la qualité ou la fiabilité", en: "Doubts about quality or reliability", res: [/\bpas (convaincu|sur|certain)e?s?\b|\bdoute\w*\b|\bgaranties?\b|\breferences?\b|\binquiet\w*\b|\bqualite\b.{0,20}\b(doute|moyenne|inegale)\b/, /\bnot (convinced|sure)\b|\bdoubts?\b|\bguarantee\b|\breferences?\b|\bworried\b|\bconcern(ed|s)?\b|\bskeptical\b/] },
  { key: "need", fr: "Besoin pas encore établi", en: "Need not established yet", res: [/\bpas (vraiment|encore) (besoin|prioritaire)\b|\bpas une priorite\b/, /\bnot (really )?a priority\b|\bnot sure we need\b/] },
];
const NOT_READY = [/\b(pas|plus) (maintenant|pour le moment|tout de suite)\b|\bplus tard\b|\bl'an(nee)? prochaine?\b|\bprochain trimestre\b|\brecontacte[rz]?[- ]moi\b|\brappele[rz]?[- ]moi dans\b|\bdans (quelques|deux|trois|\d+) (mois|semaines)\b/, /\bnot (right )?now\b|\blater\b|\bnext (year|quarter|month)\b|\bget back to me in\b|\bin (a few|two|three|\d+) (months|weeks)\b/];
const NEEDS_INFO = [/\?|\b(plus d'informations?|en savoir plus|documentation|brochure|catalogue|tarifs?|grille|comment (ca|cela) marche|quels? (sont|est))\b/, /\b(more (info|information|details)|tell me more|pricing|price list|brochure|how does it work|what (is|are))\b/];
const INTERESTED = [/\binteresse\w*\b|\bca m'interesse\b|\bavec plaisir\b|\bvolontiers\b|\bbonne idee\b|\bsuper\b|\bgenial\b|\boui\b/, /\binterested\b|\bsounds (good|great|interesting)\b|\bgreat\b|\blove (it|this|to)\b|\byes\b|\bhappy to\b/];
const POSITIVE = /\b(merci|super|genial|parfait|excellent|avec plaisir|volontiers|interesse\w*|top|bravo|thanks?|thank you|great|perfect|excellent|love|happy|interested|awesome)\b/g;
const NEGATIVE = /\b(pas|non|jamais|trop|probleme|decu\w*|mecontent\w*|inacceptable|plainte|cher|not|no|never|too|problem|disappointed|unhappy|unacceptable|complaint|expensive|worse|bad)\b/g;

const SUMMARY: Record<OfflineReplyClassification["intent"], { fr: string; en: string }> = {
  unsubscribe: { fr: "Le lead demande à ne plus être contacté.", en: "The lead asks not to be contacted any more." },
  escalate: { fr: "Le lead demande une personne ou soulève un sujet qui demande un humain.", en: "The lead asks for a person or raises a matter that needs a human." },
  not_interested: { fr: "Le lead n'est pas intéressé.", en: "The lead is not interested." },
  ready_to_buy: { fr: "Le lead est prêt à avancer : proposer un appel.", en: "The lead is ready to move forward: offer a call." },
  objection: { fr: "Le lead soulève une objection.", en: "The lead raises an objection." },
  not_ready: { fr: "Le lead est intéressé mais pas maintenant.", en: "The lead is interested, but not now." },
  needs_info: { fr: "Le lead demande des informations.", en: "The lead asks for information." },
  interested: { fr: "Le lead se dit intéressé.", en: "The lead says they are interested." },
};
const INJECTION_NOTE = { fr: " Le message contient des consignes adressées à l'assistant : elles n'ont pas été suivies.", en: " The message contains instructions addressed to the assistant: they were not followed." };

const ACTION: Record<OfflineReplyClassification["intent"], OfflineReplyClassification["recommendedAction"]> = {
  unsubscribe: "remove",
  escalate: "escalate_human",
  not_interested: "pause",
  ready_to_buy: "book_call",
  objection: "continue_sequence",
  not_ready: "pause",
  needs_info: "continue_sequence",
  interested: "continue_sequence",
};

const EN = new Set("i i'm im we us me my our you your please thanks thank sounds great interested not no yes the and for with is are this that to of in it would could can tell more about how what when send want speak let's".split(" "));
const FR = new Set("je j'ai nous vous votre vos mon ma mes le la les des une un est et pour avec dans sur pas plus merci bonjour oui non c'est ça qui que du au aux moi envoyez pouvez".split(" "));

/** The reply's language: French or English by its common words (accents count for French), else the lead's. */
function replyLanguage(raw: string, fallback: "fr" | "en"): "fr" | "en" {
  let fr = /[àâçéèêëîïôûùœ]/i.test(raw) ? 1 : 0;
  let en = 0;
  for (const w of raw.toLowerCase().replace(/[’‘]/g, "'").split(/[^a-z'àâçéèêëîïôûùüÿœ]+/)) {
    if (FR.has(w)) fr++;
    if (EN.has(w)) en++;
  }
  return en > fr ? "en" : fr > en ? "fr" : fallback;
}

/** A reply classified by rules. `reply` is the lead's text (data), never read as instructions. */
export function classifyReplyOffline(sources: { data: Record<string, unknown>; locale?: Locale }): OfflineReplyClassification {
  const raw = str(sources.data.reply).slice(0, 5000);
  const text = fold(raw).replace(/[’‘]/g, "'");
  const language = replyLanguage(raw, sources.locale ?? "fr");
  const instructionsIgnored = any(text, INSTRUCTIONS);
  const objections = OBJECTIONS.filter((o) => any(text, o.res)).map((o) => o[language]);
  // Text addressed to the assistant is read without its instructions: what is left decides (usually nothing).
  const signal = instructionsIgnored ? "" : text;
  const intent: OfflineReplyClassification["intent"] = any(text, UNSUBSCRIBE)
    ? "unsubscribe"
    : instructionsIgnored
      ? "needs_info"
      : any(signal, ESCALATE)
        ? "escalate"
        : any(signal, NOT_INTERESTED)
          ? "not_interested"
          : any(signal, READY)
            ? "ready_to_buy"
            : objections.length
              ? "objection"
              : any(signal, NOT_READY)
                ? "not_ready"
                : any(signal, NEEDS_INFO)
                  ? "needs_info"
                  : any(signal, INTERESTED)
                    ? "interested"
                    : "needs_info";
  const pos = (text.match(POSITIVE) ?? []).length;
  const neg = (text.match(NEGATIVE) ?? []).length;
  const sentiment: OfflineReplyClassification["sentiment"] =
    intent === "unsubscribe" || intent === "not_interested" || (intent === "escalate" && neg > 0) ? "negative" : intent === "ready_to_buy" || intent === "interested" ? "positive" : intent === "objection" ? (neg > pos ? "negative" : "neutral") : instructionsIgnored ? "neutral" : pos > neg ? "positive" : neg > pos + 1 ? "negative" : "neutral";
  const summary = `${SUMMARY[intent][language]}${objections.length ? ` ${objections.join(" ; ")}.` : ""}${instructionsIgnored ? INJECTION_NOTE[language] : ""}`;
  return { sentiment, intent, objections: instructionsIgnored ? [] : objections, recommendedAction: ACTION[intent], summary: summary.slice(0, 600), language, instructionsIgnored };
}

export type OfflineAnswer = { subject: string; body: string };

const ANSWERS: Record<string, { fr: string; en: string }> = {
  "Prix jugé trop élevé": { fr: "Sur le prix, je comprends : nous pouvons commencer par un périmètre plus petit, payé en deux fois, et n'élargir que si les premiers résultats sont là.", en: "" },
  "Price seen as too high": { fr: "", en: "On price, I understand: we can start with a smaller scope, paid in two instalments, and only widen it once the first results are there." },
  "Délais ou calendrier": { fr: "Pour le calendrier, nous partons de votre date à vous et nous remontons les étapes : si elle n'est pas tenable, nous vous le disons dès le premier échange.", en: "" },
  "Timing or lead time": { fr: "", en: "On timing, we start from your date and work backwards: if it cannot be met, we will tell you in the very first conversation." },
  "Déjà un fournisseur en place": { fr: "Vous avez déjà un partenaire, et c'est très bien : beaucoup de nos clients nous confient d'abord un seul projet, en complément, pour comparer sur pièces.", en: "" },
  "Already has a supplier": { fr: "", en: "You already have a partner, which is fine: many of our clients first give us a single project alongside them, to compare on real work." },
  "Doute sur la qualité ou la fiabilité": { fr: "Pour vous rassurer, je peux vous mettre en relation avec deux clients comparables et vous envoyer des exemples de réalisations.", en: "" },
  "Doubts about quality or reliability": { fr: "", en: "To reassure you, I can put you in touch with two comparable clients and send you examples of our work." },
  "Besoin pas encore établi": { fr: "Si le besoin n'est pas encore prioritaire, un court diagnostic gratuit peut vous aider à décider, sans engagement.", en: "" },
  "Need not established yet": { fr: "", en: "If this is not a priority yet, a short free review can help you decide, with no commitment." },
};

/** A short answer to the objections raised, in the lead's language (a person approves it before it goes). */
export function answerObjectionOffline(sources: { data: Record<string, unknown>; locale?: Locale }): OfflineAnswer {
  const d = sources.data;
  const lang: "fr" | "en" = sources.locale ?? (str(d.language) === "en" ? "en" : "fr");
  const name = str(d.first_name).slice(0, 60);
  const brand = str(d.brand).slice(0, 80);
  const objections = (Array.isArray(d.objections) ? d.objections.map(str) : []).filter(Boolean);
  const lines = objections.map((o) => ANSWERS[o]?.[lang]).filter((l): l is string => !!l);
  const subject = str(d.subject).replace(/^(re|tr|fwd?)\s*:\s*/i, "");
  if (lang === "en") {
    const body = [
      `Hello ${name || "there"},`,
      "Thank you for your honest reply: it helps us answer what matters to you.",
      ...(lines.length ? lines : ["I hear your concern, and I would rather answer it properly than gloss over it."]),
      "Would a twenty-minute call next week help? Reply with two times that suit you and I will fit in.",
      `Kind regards,\nThe ${brand || "sales"} team`,
    ].join("\n\n");
    return { subject: subject ? `Re: ${subject}`.slice(0, 120) : "Following your reply", body };
  }
  const body = [
    `Bonjour ${name || "à vous"},`,
    "Merci pour votre réponse franche : elle nous aide à répondre à ce qui compte pour vous.",
    ...(lines.length ? lines : ["J'entends votre réserve, et je préfère y répondre vraiment plutôt que de la contourner."]),
    "Un échange de vingt minutes la semaine prochaine vous aiderait-il ? Répondez avec deux créneaux et je m'adapte.",
    `Bien cordialement,\nL'équipe ${brand || "commerciale"}`,
  ].join("\n\n");
  return { subject: subject ? `Re : ${subject}`.slice(0, 120) : "Suite à votre réponse", body };
}

export type OfflineEscalationBrief = { summary: string; recommendations: string[] };

/** What the salesperson reads first: who, what they said, what happened so far, and what to do next. */
export function escalationBriefOffline(sources: { data: Record<string, unknown>; locale?: Locale }): OfflineEscalationBrief {
  const d = sources.data;
  const en = (sources.locale ?? "fr") === "en";
  const name = str(d.name) || (en ? "The lead" : "Le lead");
  const company = str(d.company);
  const reply = str(d.reply).slice(0, 220);
  const objections = (Array.isArray(d.objections) ? d.objections.map(str) : []).filter(Boolean);
  const pains = (Array.isArray(d.pain_points) ? d.pain_points.map(str) : []).filter(Boolean).slice(0, 3);
  const sent = Number(d.messages_sent) || 0;
  const replies = Number(d.replies) || 0;
  const score = d.score === null || d.score === undefined ? null : Number(d.score);
  const summary = en
    ? `${name}${company ? ` (${company})` : ""} asked for a person${reply ? `: “${reply}”` : "."} ${score !== null ? `Score ${score}/100. ` : ""}${sent} message${sent === 1 ? "" : "s"} sent, ${replies} repl${replies === 1 ? "y" : "ies"} received.${pains.length ? ` Stated needs: ${pains.join("; ")}.` : ""}`
    : `${name}${company ? ` (${company})` : ""} demande à parler à une personne${reply ? ` : « ${reply} »` : "."} ${score !== null ? `Score ${score}/100. ` : ""}${sent} message${sent > 1 ? "s" : ""} envoyé${sent > 1 ? "s" : ""}, ${replies} réponse${replies > 1 ? "s" : ""} reçue${replies > 1 ? "s" : ""}.${pains.length ? ` Besoins exprimés : ${pains.join(" ; ")}.` : ""}`;
  const recommendations = en
    ? ["Call back within one working day, from the phone number on the lead's profile if there is one.", objections.length ? `Prepare an answer to: ${objections.join("; ")}.` : "Start by asking what prompted the request, then confirm the scope and the timing.", "Write down the outcome on the lead's page so the team knows where things stand."]
    : ["Rappeler sous un jour ouvré, au numéro du profil s'il y en a un.", objections.length ? `Préparer une réponse à : ${objections.join(" ; ")}.` : "Commencer par demander ce qui motive la demande, puis confirmer le périmètre et le calendrier.", "Noter l'issue de l'échange sur la fiche du lead pour que l'équipe sache où en est le dossier."];
  return { summary: summary.replace(/\s+/g, " ").trim().slice(0, 1200), recommendations };
}
