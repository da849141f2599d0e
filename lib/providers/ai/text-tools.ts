/**
 * Small, dependency-free text helpers shared by the offline provider and the hashing vectoriser:
 * tokenising French and English, stop words, keyword ranking, language guess, stable hashes.
 */
const STOP = new Set(
  (
    "a à au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous est sont été être avoir a ont fait faire plus moins très tout tous toute toutes comme si y d l j n s c qu il elle cela ceci ça aussi donc car puis alors chez entre sans sous vers " +
    "the a an and or but if of to in on at by for with from as is are was were be been being it its this that these those there their they them we our you your he she his her i me my not no do does did done have has had will would can could should may might must about into over after before than then so such just also only very more most any some each other up out what which who whom when where why how all both few new our use using " +
    // Words of the instructions around the material (verbs of prompts, channel names), not of the topic.
    "comment pourquoi depuis chaque encore deja toujours bien peut doit leurs celui celle ceux votre nos sera etre avoir fait faire dont ainsi afin lors selon " +
    "redige rediger genere generer ecris ecrire cree creer analyse analyser propose proposer resume resumer classe classer suggere reponds repondre utilise inclus " +
    "write generate create draft analyze analyse classify summarize summarise suggest propose reply respond include please thanks thank merci looks look send can could would " +
    "deux trois quatre cinq six sept huit neuf dix cent mille two three four five six seven eight nine ten hundred thousand " +
    "post posts contenu contenus content publication publications message messages input inputs linkedin instagram facebook tiktok twitter " +
    // Labels people put before their material ("Idée : ...", "Note: ...") and codes of the data around it.
    "idee idees idea ideas note notes texte text brouillon draft sujet topic test tests"
  )
    .split(/\s+/)
    .filter(Boolean),
);

const FR_HINTS = new Set("le la les des une est et pour avec dans sur vous nous votre notre qui que du au aux ce cette sont pas plus tu ton ta".split(" "));
const EN_HINTS = new Set("the and for with your our you we is are this that of to in on it be not more".split(" "));

export function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Words of a text, accents folded, lower case. */
export function words(text: string): string[] {
  return fold(text).split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w));
}

/** "fr" unless the text reads clearly as English (the product is French first). */
export function guessLocale(text: string): "fr" | "en" {
  let fr = 0;
  let en = 0;
  for (const w of text.toLowerCase().split(/[^a-zàâçéèêëîïôûùüÿœ]+/)) {
    if (FR_HINTS.has(w)) fr++;
    if (EN_HINTS.has(w)) en++;
  }
  return en > fr * 1.2 ? "en" : "fr";
}

/**
 * The most telling words of a text, in their original spelling: frequency first, then first
 * appearance. Keeps accents and case of the first occurrence ("Dakar", "qualité").
 */
export function keywords(text: string, max = 8): string[] {
  const seen = new Map<string, { word: string; count: number; first: number }>();
  let i = 0;
  for (const raw of text.split(/[^\p{L}\p{N}'’-]+/u)) {
    const w = raw.replace(/^['’-]+|['’-]+$/g, "");
    const key = fold(w);
    i++;
    if (key.length <= 2 || STOP.has(key) || /\d/.test(key) || /['’]/.test(key)) continue;
    const e = seen.get(key);
    if (e) e.count++;
    else seen.set(key, { word: w, count: 1, first: i });
  }
  return [...seen.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, max)
    .map((e) => e.word);
}

/** Sentences of a text (for summaries and quotes). */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
}

/** FNV-1a 32-bit. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Words as a reader counts them: whitespace-separated tokens holding a letter or a digit ("l'équipe" is one). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Rough token count of text (about 3.5 characters per token in French and English). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

/**
 * The material without the label its author put first: "Idée e2e 3k2 : nos tisserandes..." reads
 * "nos tisserandes...". A label is at most 4 words before a colon, followed by a longer text.
 */
export function stripLabel(text: string): string {
  const m = /^\s*([^:.!?\n]{1,40}?)\s*:\s+(.+)$/su.exec(text);
  if (!m) return text.trim();
  const label = m[1]!.trim().split(/\s+/);
  const rest = m[2]!.trim();
  return label.length <= 4 && rest.split(/\s+/).length >= 4 ? rest : text.trim();
}

const DETERMINERS = new Set(
  "le la les l un une des du au aux nos notre vos votre ses son sa leur leurs ce cet cette ces mon ma mes the a an our your their its his her this these those my".split(" "),
);
const LINKS = new Set(["de", "d", "du", "des", "of", "in", "from"]);
/** A French past participle or adjective after its noun ("pagne tissé", "cuir tanné", "sacs colorés"). */
const FR_ADJECTIVE = /(é|ée|és|ées|al|ale|aux|ique|iques|if|ive|ifs|ives|eux|euse|euses|elle|elles|ain|aine|ains|aines)$/;

/**
 * Noun phrases of a text, in order of appearance ("nos tisserandes de Kayes", "les boutiques de
 * Lyon", "un pagne tissé"): a determiner, one to three content words, then "de Kayes" / "of
 * Kayes" when a name or a noun follows. "aux"/"au" read "les"/"le" out of their sentence.
 */
export function nounPhrases(text: string, max = 6): string[] {
  const tokens = text.split(/\s+|(?<=['’])/u).map((t) => t.replace(/^[«"“(]+/, ""));
  const out: string[] = [];
  const seen = new Set<string>();
  const bare = (t: string) => t.replace(/[.,;:!?»"”)]+$/, "");
  const ends = (t: string) => /[.,;:!?»"”)]$/.test(t);
  const content = (t: string | undefined) => !!t && /^\p{L}[\p{L}-]+$/u.test(bare(t)) && bare(t).length > 2 && !STOP.has(fold(bare(t))) && !DETERMINERS.has(fold(bare(t)));
  for (let i = 0; i < tokens.length && out.length < max; i++) {
    const det = fold(bare(tokens[i]!).replace(/['’]$/, ""));
    if (!DETERMINERS.has(det) || ends(tokens[i]!) || !content(tokens[i + 1])) continue;
    const english = /^(the|a|an|our|your|their|its|his|her|this|these|those|my)$/.test(det);
    const parts = [det === "aux" ? "les" : det === "au" ? "le" : bare(tokens[i]!)];
    let j = i + 1;
    // English: adjectives come first ("a hand-woven wrap"): up to 3 words. French: the noun, then one adjective.
    for (let k = 0; k < (english ? 3 : 1) && content(tokens[j]); k++) {
      parts.push(bare(tokens[j]!));
      if (ends(tokens[j++]!)) break;
    }
    if (!english && !ends(tokens[j - 1]!) && content(tokens[j]) && (FR_ADJECTIVE.test(bare(tokens[j]!).toLowerCase()) || /^\p{Lu}/u.test(tokens[j]!))) parts.push(bare(tokens[j++]!));
    const link = tokens[j] && fold(bare(tokens[j]!));
    if (!ends(tokens[j - 1]!) && link && LINKS.has(link) && !ends(tokens[j]!) && tokens[j + 1] && (/^\p{Lu}/u.test(tokens[j + 1]!) || (content(tokens[j + 1]) && link !== "in"))) {
      parts.push(bare(tokens[j]!), bare(tokens[j + 1]!));
      j += 2;
    }
    const phrase = parts.join(" ").replace(/(['’]) /g, "$1");
    const key = fold(phrase);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(phrase);
    }
    i = j - 1;
  }
  return out;
}
