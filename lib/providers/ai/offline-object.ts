import { DEFAULTS, PHRASES, polarity, type Category } from "./offline-phrases";
import { capitalise, contentWords, fnv1a, fold, guessLocale, keywords, nounPhrases, sentences, stripLabel, words } from "./text-tools";
import type { Locale } from "./types";

/**
 * Offline structured output: walk the JSON Schema of the expected answer and build a value that
 * satisfies it (types, enums, lengths, bounds, formats, simple patterns), filling strings with
 * marketing copy made from the caller's own prompt and data. Same inputs -> same value.
 */
type Schema = Record<string, unknown>;

export type OfflineSources = { prompt: string; data: Record<string, unknown>; locale?: Locale };

type Ctx = {
  locale: Locale;
  seed: number;
  slots: { topic: string; brand: string; audience: string; angle: string; platform: string; kws: string[]; nps: string[]; quotes: string[]; tags: string[] };
  /** The angle of this piece when the prompt names its platform: one idea's pieces differ by platform. */
  angleIndex: number | undefined;
  folded: string;
  defs: Record<string, Schema>;
  /** Texts already given to the items of one array (by path without indexes): siblings never repeat one. */
  used: Map<string, Set<string>>;
};

/** An identifier such as LINKEDIN or PENDING_APPROVAL: a code for programs, never copy for people. */
const ENUM_TOKEN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const NETWORK_NAMES: Record<string, string> = { linkedin: "LinkedIn", facebook: "Facebook", instagram: "Instagram", tiktok: "TikTok", x: "X", twitter: "X", youtube: "YouTube", whatsapp: "WhatsApp" };
/** Each platform of one idea gets its own angle (title, body, call to action). */
const PLATFORM_ANGLE: Record<string, number> = { linkedin: 0, facebook: 1, instagram: 2, tiktok: 3, x: 4, twitter: 4 };

/** How a platform reads in a sentence: "LINKEDIN" and "linkedin" both read "LinkedIn". */
function networkName(value: string): string {
  return NETWORK_NAMES[value.trim().toLowerCase()] ?? (ENUM_TOKEN.test(value.trim()) ? capitalise(value.trim().toLowerCase().replace(/_/g, " ")) : value);
}

function flatten(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (!(value.length >= 4 && ENUM_TOKEN.test(value))) out.push(value);
  }
  else if (typeof value === "number" || typeof value === "boolean") out.push(String(value));
  else if (Array.isArray(value)) value.forEach((v) => flatten(v, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (!CODE_KEY.test(k)) flatten(v, out);
  return out;
}

/** Fields that hold codes for programs (an input's type "text", an id, a URL), never material for copy. */
const CODE_KEY = /^(type|\w+_type|kind|status|\w+_status|format|id|\w+_id|\w+Id|url|href|locale|language|platform|source_platform|mime\w*)$/;
/** Labels (prompt lines "Sujet: X") and data fields that name the subject itself, best first. */
const SUBJECT_KEYS = ["sujet", "topic", "theme", "subject", "suggested_topics", "titre", "title"];
/** Labelled prompt lines that are material (the rest, "Voix:", "Consignes:", are instructions). */
const MATERIAL_LABELS = new Set([...SUBJECT_KEYS, "angle", "messages_cles", "key_messages", "idee", "idea", "resume", "summary", "texte", "text"]);

/** "Sujet: X" / "Topic: X" lines of the prompt (and string fields of data) by folded key. */
function labelledValues(prompt: string, data: Record<string, unknown>): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of prompt.split(/\r?\n/)) {
    const hit = /^\s*[-*]?\s*([\p{L} _'’-]{2,40})\s*:\s*(.+?)\s*$/u.exec(line);
    if (hit && !/\{\{/.test(hit[2]!)) m.set(fold(hit[1]!).trim().replace(/[\s_-]+/g, "_"), hit[2]!);
  }
  for (const [k, v] of Object.entries(data)) if (typeof v === "string" && v.length < 200) m.set(fold(k).replace(/[\s-]+/g, "_"), v);
  return m;
}

function pick(map: Map<string, string>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = map.get(k);
    if (v) return v.trim();
  }
  return undefined;
}

/** The first subject-like field of the data, at any depth ({ input: { suggested_topics: [...] } }). */
function dataSubject(value: unknown, depth = 0): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value) || depth > 3) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  for (const key of SUBJECT_KEYS) {
    const hit = entries.find(([k]) => fold(k) === key)?.[1];
    const first = Array.isArray(hit) ? hit.find((h): h is string => typeof h === "string" && h.trim().length > 2) : hit;
    if (typeof first === "string" && first.trim().length > 2) return first;
  }
  for (const [, v] of entries) {
    const nested = dataSubject(v, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/** A subject as one clean line: the label, the HTML, the final stop and the tail past 140 characters gone. */
function cleanSubject(text: string): string {
  const first = sentences(stripLabel(text.replace(/<[^>]*>/g, " ")))[0] ?? stripLabel(text);
  let out = first.replace(/\s+/g, " ").replace(/[.!?…]+$/, "").trim();
  if (out.length > 140) out = out.slice(0, 140).replace(/\s+\S*$/, "").replace(/[\s,;:–-]+$/, "");
  return out;
}

/** "Le cuir..." reads "le cuir..." mid-sentence; proper nouns ("Dakar") keep their capital. */
const midSentence = (s: string) => s.replace(/^(Le|La|Les|L'|L’|Un|Une|Des|Du|Nos|Notre|Vos|Votre|Ces|Cette|Ce|The|A|An|Our|Your|These|This)\b/u, (a) => a.toLowerCase());

/** A long audience description ("Décideurs B2B en France ... : directeurs d'hôtels, ...") as its head. */
function shortAudience(text: string): string {
  const head = text.length > 60 ? text.split(/\s[:;(]\s?|[;(]|,\s/)[0]!.trim() : text.trim();
  return /^\p{Lu}\p{Ll}/u.test(head) ? head.charAt(0).toLowerCase() + head.slice(1) : head;
}

export function offlineContext(sources: OfflineSources, schemaText: string): Ctx {
  const dataStrings = flatten(sources.data).map(stripLabel);
  const dataText = dataStrings.join("\n");
  const locale = sources.locale ?? guessLocale(`${sources.prompt}\n${dataText}`);
  const labels = labelledValues(sources.prompt, sources.data);
  const d = DEFAULTS[locale];
  // Keywords come from the material (data, labelled material lines) before the instructions around it.
  const labelled = [...labels.entries()].filter(([k]) => MATERIAL_LABELS.has(k)).map(([, v]) => v);
  const unlabelled = sources.prompt.split(/\r?\n/).filter((l) => !/^\s*[-*]?\s*[\p{L} _'’-]{2,40}\s*:/u.test(l));
  let material = [dataText, labelled.join(". ")].join("\n").trim();
  if (material.length <= 40) material = `${material}\n${unlabelled.join("\n")}`.trim();
  const about = unlabelled
    .map((l) => /\b(?:sur|about|autour d[eu]|concernant|regarding)\s+(.{3,60}?)(?=[.,;:!?\n]|\s(?:pour|for|avec|with|en|in)\s|$)/iu.exec(l)?.[1])
    .find(Boolean);
  const longest = [...dataStrings].sort((a, b) => b.length - a.length)[0];
  const rawTopic = pick(labels, SUBJECT_KEYS) ?? dataSubject(sources.data) ?? about ?? (longest && longest.length >= 12 ? longest : undefined);
  const subject = rawTopic ? cleanSubject(rawTopic) : "";
  // Nouns first ("tisserandes", "Kayes"), then the other telling words ("racontent").
  const nps = [...new Set([...nounPhrases(subject), ...nounPhrases(material)].map(midSentence))].slice(0, 6);
  // The nouns of the phrases: the word after the determiner, names, and in English the word before "of/in".
  const nounish = new Set(
    nps.flatMap((p) => {
      const ws = p.split(/\s+|(?<=['’])/u).filter(Boolean);
      const link = ws.findIndex((w, i) => i > 1 && /^(de|d'|du|des|of|in|from)$/i.test(w));
      return [ws[1], ...ws.filter((w, i) => i > 0 && /^\p{Lu}/u.test(w)), locale === "en" ? ws[link > 1 ? link - 1 : ws.length - 1] : undefined].filter((w): w is string => !!w).flatMap(words);
    }),
  );
  const ranked = keywords(`${subject}\n${material}`, 12);
  const kws = [...ranked.filter((w) => nounish.has(fold(w))), ...ranked.filter((w) => !nounish.has(fold(w)))].slice(0, 8);
  while (kws.length < 3) kws.push(d.kws[kws.length]!);
  const topic = subject || kws.slice(0, 2).join(locale === "fr" ? " et " : " and ");
  const platformLabel = pick(labels, ["plateforme", "platform"]);
  const near = (a: string, b: string) => fold(a).includes(fold(b)) || fold(b).includes(fold(a));
  // Hashtags: the nouns, the prompt's own tags (brand, research), pairs of nouns, then the other words.
  const nounTags = kws.filter((w) => nounish.has(fold(w))).map(camel).filter(Boolean);
  const promptTags = [...sources.prompt.matchAll(/#[\p{L}\p{N}_]{2,}/gu)].map((m) => m[0]);
  const pairs = nounTags.flatMap((a, i) => nounTags.slice(i + 1).map((b) => `#${a}${b}`));
  const others = kws.map(camel).filter(Boolean).map((k) => `#${k}`);
  const tags = [...new Map([...nounTags.map((k) => `#${k}`), ...promptTags, ...pairs, ...others].map((t) => [fold(t), t])).values()];
  // A sentence that only repeats the subject's words ("Points forts : X, Y") is no quote.
  const subjectWords = new Set(contentWords(subject));
  const redundant = (q: string) => {
    const w = contentWords(q);
    return w.length === 0 || w.filter((x) => subjectWords.has(x)).length / w.length >= 0.6;
  };
  return {
    locale,
    seed: fnv1a(`${sources.prompt}\u0000${JSON.stringify(sources.data)}\u0000${schemaText}`),
    slots: {
      topic: midSentence(topic),
      brand: pick(labels, ["marque", "brand", "brand_name", "entreprise", "company"]) ?? d.brand,
      audience: shortAudience(pick(labels, ["audience", "cible", "target_audience", "target", "persona"]) ?? d.audience),
      angle: pick(labels, ["angle"]) ?? d.angle,
      platform: networkName(platformLabel ?? "linkedin"),
      kws,
      nps,
      quotes: sentences(dataText)
        .map((q) => stripLabel(q))
        .filter((q) => !near(q.replace(/[.!?]+$/, ""), subject) && !redundant(q) && !/\{\{|<|>/.test(q))
        .slice(0, 6),
      tags: tags.length ? tags : ["#Marketing"],
    },
    angleIndex: platformLabel !== undefined ? PLATFORM_ANGLE[platformLabel.trim().toLowerCase()] : undefined,
    folded: fold(`${sources.prompt}\n${dataText}`),
    defs: {},
    used: new Map(),
  };
}

/** Deterministic number in [0, 1) for a path in the output. */
function rnd(ctx: Ctx, path: string): number {
  return fnv1a(path, ctx.seed) / 4294967296;
}

function fill(template: string, ctx: Ctx, path: string): string {
  const s = ctx.slots;
  const picked = s.quotes.length ? s.quotes[Math.floor(rnd(ctx, `${path}:q`) * s.quotes.length)]! : "";
  // A sentence of the material: ended like one ("… d'aménagement Regardez" read as one run-on sentence).
  const quote = picked && !/[.!?…»"]$/.test(picked) ? `${picked}.` : picked;
  // Noun phrases for "{np1}", else the keywords: "derrière {np3}" never reads "derrière ".
  const np = (i: number) => s.nps[i] ?? s.nps[i % Math.max(1, s.nps.length)] ?? s.kws[i]!;
  const v: Record<string, string> = { topic: s.topic, brand: s.brand, audience: s.audience, angle: s.angle, platform: s.platform, quote, kw1: s.kws[0]!, kw2: s.kws[1]!, kw3: s.kws[2]!, np1: np(0), np2: np(1), np3: np(2) };
  return template
    .replace(/\{(\w+)\}/g, (_, k: string) => {
      const val = v[k.toLowerCase()] ?? "";
      return k[0] === k[0]!.toUpperCase() ? capitalise(val) : val;
    })
    .replace(/\s+/g, " ")
    .replace(/\s+([.,;:!?])/g, (m, p: string) => (ctx.locale === "fr" && /[;:!?]/.test(p) ? ` ${p}` : p))
    .replace(/([.!?])\s*\./g, "$1")
    .trim();
}

/** Categories whose template follows the platform's angle, so one idea's pieces read differently. */
const ANGLED = new Set<Category>(["title", "body", "cta"]);

/** Readable: no "A : B : C" chain of labels, no empty "()" left by a missing slot. */
const readable = (s: string) => (s.match(/:\s/g) ?? []).length <= 1 && !/\(\s*\)/.test(s);

/** A template of the category, filled; with maxLength, the first one (from a seeded start) that fits. */
function phrase(ctx: Ctx, cat: Category, path: string, index = 0, maxLength?: number): string {
  const list = PHRASES[ctx.locale][cat];
  // Items of one array share a start, so consecutive items use different templates ("segments[1].text" counts as item 1).
  const inner = /\[(\d+)\][^[]+$/.exec(path);
  const offset = index + (inner ? Number(inner[1]) : 0);
  const base = path.replace(/\[\d+\]/g, "");
  // Topics lead with the material's own subject; a script's beats run in order (opening shot first, last shot last).
  const start = ctx.angleIndex !== undefined && ANGLED.has(cat) ? ctx.angleIndex : cat === "topic" || cat === "beat" ? 0 : Math.floor(rnd(ctx, base) * list.length);
  const candidates = list.map((_, i) => fill(list[(start + offset + i) % list.length]!, ctx, `${path}#${index}`));
  const fits = (c: string) => maxLength === undefined || c.length <= maxLength;
  if (!inner) return candidates.find((c) => fits(c) && readable(c)) ?? candidates.find(fits) ?? candidates[0]!;
  // An array item (a script's segments, a list of ideas): a text its siblings already have is the last resort.
  const key = `${cat}:${base}`;
  const used = ctx.used.get(key) ?? new Set<string>();
  ctx.used.set(key, used);
  const fresh = (c: string) => !used.has(c);
  const chosen = candidates.find((c) => fresh(c) && fits(c) && readable(c)) ?? candidates.find((c) => fresh(c) && fits(c)) ?? candidates.find((c) => fits(c) && readable(c)) ?? candidates.find(fits) ?? candidates[0]!;
  used.add(chosen);
  return chosen;
}

const NAME_RULES: [RegExp, Category | "brand" | "country" | "hashtag" | "keyword" | "url" | "email" | "phone" | "locale" | "platform" | "emoji" | "color" | "date" | "datetime" | "format" | "sentiment"][] = [
  [/hashtag/, "hashtag"],
  [/(^|_)(brand|marque|company|entreprise|societe|organi[sz]ation)(_name|_nom)?$/, "brand"],
  [/(^|_)(keywords?|tags?|mots?_?cles?)(_|$)/, "keyword"],
  [/(^|_)(url|link|lien|website|href)s?(_|$)/, "url"],
  [/e_?mail/, "email"],
  [/phone|telephone|mobile/, "phone"],
  [/(^|_)(lang|language|langue|locale)(_|$)/, "locale"],
  [/(^|_)(platform|plateforme|channel|canal|network)s?(_|$)/, "platform"],
  [/emoji/, "emoji"],
  [/colou?r|couleur/, "color"],
  [/(_at|datetime|timestamp)$/, "datetime"],
  [/(^|_)(date|day|jour)(_|$)/, "date"],
  [/(^|_)(format|content_type|type_de_contenu)s?(_|$)/, "format"],
  [/countr|(^|_)pays(_|$)|location|region|market|marche|geo/, "country"],
  [/sentiment|polarity|tonalite/, "sentiment"],
  [/cta|call_to_action|appel_a_l_action/, "cta"],
  [/title|headline|titre|hook|accroche|subject_line|(^|_)objet(_|$)|(^|_)(name|nom|label|libelle)(_|$)/, "title"],
  [/summary|resume|synthese|abstract|tldr/, "summary"],
  [/(^|_)angles?(_|$)/, "angle"],
  [/(^|_)(topics?|sujets?|themes?|subjects?)(_|$)/, "topic"],
  [/reply|reponse|answer|response/, "reply"],
  [/ideas?|idees?|suggestions?|format_suggestions/, "idea"],
  [/key_messages?|messages?_cles?|points?|bullets?|benefits?|avantages?|takeaways?/, "message"],
  [/reason|rationale|why|pourquoi|explanation|explication|analys|justification|insight|recommend|conseil|advice|learning|observation|strategy|strategie/, "reason"],
  [/audience|cible|target|persona|segment/, "audience"],
  [/(^|_)(tone|ton|voice|voix)(_|$)/, "tone"],
  [/body|text|texte|content|contenu|caption|legende|post|copy|script|description|draft|brouillon|article|paragraph|message/, "body"],
];

/** callToAction, call_to_action, "Call to action" -> call_to_action, matched against NAME_RULES. */
function categoryOf(name: string): (typeof NAME_RULES)[number][1] {
  const key = fold(name.replace(/([a-z0-9])([A-Z])/g, "$1_$2")).replace(/[^a-z0-9]+/g, "_");
  return NAME_RULES.find(([re]) => re.test(key))?.[1] ?? "generic";
}

function ascii(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, " ").trim();
}

function camel(s: string): string {
  return ascii(s)
    .split(" ")
    .filter(Boolean)
    .map(capitalise)
    .join("");
}

function slug(s: string): string {
  return ascii(s).replace(/\s+/g, "-").slice(0, 48) || "article";
}

/** Cut at a word boundary to at most max characters. */
function clampLength(s: string, min: number | undefined, max: number | undefined, extra: () => string): string {
  let out = s;
  for (let i = 0; min !== undefined && out.length < min && i < 50; i++) out = `${out} ${extra()}`.trim();
  if (min !== undefined && out.length < min) out = out.padEnd(min, ".");
  if (max !== undefined && out.length > max) {
    const cut = out.slice(0, max);
    const space = cut.lastIndexOf(" ");
    out = space > max * 0.6 ? cut.slice(0, space) : cut;
    out = out.replace(/[\s,;:–-]+$/, "");
    if (min !== undefined && out.length < min) out = s.slice(0, max);
  }
  return out;
}

function stringFor(schema: Schema, name: string, ctx: Ctx, path: string, index: number): string {
  const s = ctx.slots;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const fmt = typeof schema.format === "string" ? schema.format : undefined;
  if (fmt === "email") return `contact@${slug(s.brand).replace(/-/g, "") || "example"}.example`;
  if (fmt === "uri" || fmt === "url") return `https://example.com/${slug(s.topic)}`;
  if (fmt === "uuid") {
    const h = [0, 1, 2, 3].map((i) => fnv1a(`${path}:${i}`, ctx.seed).toString(16).padStart(8, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  const when = new Date(Date.UTC(2026, 0, 1 + Math.floor(rnd(ctx, path) * 60), 9, 0, 0));
  if (fmt === "date-time") return when.toISOString();
  if (fmt === "date") return when.toISOString().slice(0, 10);
  if (fmt === "time") return "09:00:00";
  if (fmt === "ipv4") return "192.0.2.10";
  if (fmt === "hostname") return "example.com";
  if (fmt === "duration") return "PT45S";
  const cat = categoryOf(name);
  switch (cat) {
    case "hashtag":
      return s.tags[index % s.tags.length]!;
    case "brand":
      return s.brand;
    case "keyword":
      return s.kws[index % s.kws.length]!.toLowerCase();
    case "url":
      return `https://example.com/${slug(s.topic)}`;
    case "email":
      return `contact@${slug(s.brand).replace(/-/g, "") || "example"}.example`;
    case "phone":
      return "+33 1 84 80 00 00";
    case "locale":
      return ctx.locale;
    case "platform":
      return ["linkedin", "instagram", "facebook", "tiktok", "x"][index % 5]!;
    case "emoji":
      return ["🚀", "✨", "📈", "💡", "✅"][index % 5]!;
    case "color":
      return "#4F46E5";
    case "date":
      return when.toISOString().slice(0, 10);
    case "datetime":
      return when.toISOString();
    case "country": {
      const codes = ["FR", "SN", "BE", "CH", "CI", "CA"];
      const names = ctx.locale === "fr" ? ["France", "Sénégal", "Belgique", "Suisse", "Côte d'Ivoire", "Canada"] : ["France", "Senegal", "Belgium", "Switzerland", "Ivory Coast", "Canada"];
      return (max !== undefined && max <= 3 ? codes : names)[index % codes.length]!;
    }
    case "format":
      return (ctx.locale === "fr" ? ["carrousel", "vidéo courte", "post texte", "image"] : ["carousel", "short video", "text post", "image"])[index % 4]!;
    case "sentiment": {
      const p = polarity(ctx.folded);
      return ctx.locale === "fr" ? (p > 0 ? "positif" : p < 0 ? "négatif" : "neutre") : p > 0 ? "positive" : p < 0 ? "negative" : "neutral";
    }
    case "body": {
      // A video script's beat (segments[2].text): one shot of its own, no call to action (the script ends with one).
      if (/(segments?|scenes?|beats?|shots?)\[\d+\]\.[^.[\]]+$/.test(path)) return phrase(ctx, "beat", path, index, max);
      const text = phrase(ctx, "body", path, index, max);
      const cta = phrase(ctx, "cta", `${path}:cta`, index);
      const withCta = `${text} ${cta}`;
      return /description|caption|legende/.test(fold(name)) || (max !== undefined && withCta.length > max) ? text : withCta;
    }
    default:
      return phrase(ctx, cat, path, index, max);
  }
}

function patternCandidates(base: string, ctx: Ctx, index: number): string[] {
  const kw = ctx.slots.kws[index % ctx.slots.kws.length]!;
  return [base, ascii(base), `#${camel(kw)}`, camel(kw), kw.toLowerCase(), ascii(kw), slug(base), slug(kw), "ABC", "12345", "A1", `${ascii(kw).replace(/\s+/g, "_")}`];
}

/** Bounds as huge as the safe-integer range (z.number().int()) say nothing about plausible values. */
const meaningful = (v: unknown): number | undefined => (typeof v === "number" && Math.abs(v) < 1e12 ? v : undefined);

function numberFor(schema: Schema, name: string, integer: boolean, ctx: Ctx, path: string): number {
  const n = fold(name);
  const exMin = meaningful(schema.exclusiveMinimum);
  const exMax = meaningful(schema.exclusiveMaximum);
  const min = meaningful(schema.minimum) ?? (exMin !== undefined ? exMin + (integer ? 1 : 1e-6) : undefined);
  const max = meaningful(schema.maximum) ?? (exMax !== undefined ? exMax - (integer ? 1 : 1e-6) : undefined);
  const r = rnd(ctx, path);
  let v: number;
  if (min !== undefined && max !== undefined && /(^|_)min(imum)?(_|$)/.test(n)) v = min + (max - min) * (0.1 + r * 0.2);
  else if (min !== undefined && max !== undefined && /(^|_)max(imum)?(_|$)/.test(n)) v = min + (max - min) * (0.7 + r * 0.2);
  else if (/confidence|probab|ratio|rate|taux|share|part|weight|poids/.test(n) && (max === undefined || max <= 1)) v = 0.55 + r * 0.35;
  else if (/score|note|rating|priority|priorite|strength|force|relevance|pertinence/.test(n)) v = (min ?? 0) + ((max ?? 100) - (min ?? 0)) * (0.6 + r * 0.3);
  else if (/budget|amount|montant|price|prix|cost|cout|spend|revenue|value|minor|cents/.test(n)) v = (/minor|cents/.test(n) ? 100 : 1) * (/total/.test(n) ? 30 : 1) * (50 + Math.floor(r * 10) * 10);
  else if (/count|nombre|number|quantity|qty|items|days|jours/.test(n)) v = 3 + Math.floor(r * 5);
  else if (/hour|heure/.test(n)) v = 9 + Math.floor(r * 9);
  else if (/second|duration|duree/.test(n)) v = 30 + Math.floor(r * 30);
  else if (min !== undefined && max !== undefined) v = min + (max - min) * (0.5 + r * 0.4);
  else if (min !== undefined) v = min + 1 + Math.floor(r * 10);
  else if (max !== undefined) v = max > 1 ? max / 2 : max;
  else v = 1 + Math.floor(r * 99);
  if (integer) v = Math.round(v);
  else v = Math.round(v * 100) / 100;
  const step = typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (step) v = Math.round(v / step) * step;
  if (min !== undefined && v < min) v = step ? Math.ceil(min / step) * step : integer ? Math.ceil(min) : min;
  if (max !== undefined && v > max) v = step ? Math.floor(max / step) * step : integer ? Math.floor(max) : max;
  return v;
}

function types(schema: Schema): string[] {
  const t = schema.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === "string" ? [t] : [];
}

function resolveRef(ref: string, ctx: Ctx, root: Schema): Schema | undefined {
  if (ref === "#") return root;
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  return m ? ctx.defs[decodeURIComponent(m[2]!)] : undefined;
}

/** Sentiment-like enums follow the text's polarity; otherwise options the text mentions come first. Array items rotate. */
function enumChoice(options: unknown[], ctx: Ctx, path: string, index: number): unknown {
  const strings = options.filter((o): o is string => typeof o === "string");
  const p = polarity(ctx.folded);
  const polar = strings.find((o) => (p > 0 && /^(positi|pos$)/i.test(fold(o))) || (p < 0 && /^(negati|neg$)/i.test(fold(o))) || (p === 0 && /^(neutr)/i.test(fold(o))));
  if (polar && index === 0 && strings.some((o) => /neutr/i.test(o))) return polar;
  const mentioned = (o: unknown) => typeof o === "string" && o.length > 2 && new RegExp(`\\b${fold(o).replace(/[^a-z0-9]+/g, "[^a-z0-9]*")}\\b`).test(ctx.folded);
  const start = Math.floor(rnd(ctx, path.replace(/\[\d+\]$/, "")) * options.length);
  const rotated = options.map((_, i) => options[(start + i) % options.length]);
  const ordered = [...rotated.filter(mentioned), ...rotated.filter((o) => !mentioned(o))];
  return ordered[index % ordered.length];
}

function arrayLength(schema: Schema, name: string): number {
  const cat = categoryOf(name);
  const wanted = cat === "hashtag" ? 5 : 3;
  const min = typeof schema.minItems === "number" ? schema.minItems : 0;
  const max = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
  return Math.max(min, Math.min(max, wanted));
}

function build(schema: unknown, name: string, ctx: Ctx, path: string, index: number, root: Schema, depth: number): unknown {
  if (schema === true || schema === undefined) return stringFor({}, name, ctx, path, index);
  if (schema === false || typeof schema !== "object" || schema === null) return null;
  const s = schema as Schema;
  if (depth > 8) return types(s).includes("null") ? null : types(s).includes("array") ? [] : types(s).includes("object") ? {} : types(s).includes("string") ? "" : null;
  if (typeof s.$ref === "string") {
    const target = resolveRef(s.$ref, ctx, root);
    return build(target ?? {}, name, ctx, path, index, root, depth + 1);
  }
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return enumChoice(s.enum, ctx, path, index);
  const variants = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as Schema[] | undefined;
  if (variants?.length) {
    const nonNull = variants.filter((v) => !(types(v).length === 1 && types(v)[0] === "null"));
    return build((nonNull[0] ?? variants[0]) as Schema, name, ctx, path, index, root, depth + 1);
  }
  if (Array.isArray(s.allOf) && s.allOf.length) return build(Object.assign({}, ...(s.allOf as Schema[])), name, ctx, path, index, root, depth + 1);
  const ts = types(s).filter((t) => t !== "null");
  const t = ts[0] ?? (s.properties ? "object" : s.items || s.prefixItems ? "array" : types(s).includes("null") ? "null" : "string");
  switch (t) {
    case "null":
      return null;
    case "boolean":
      return /escalat|spam|urgent|block|human|humain|risk|risque|sensitive|sensible/.test(fold(name)) ? false : rnd(ctx, path) < 0.6;
    case "integer":
      return numberFor(s, name, true, ctx, path);
    case "number":
      return numberFor(s, name, false, ctx, path);
    case "array": {
      if (Array.isArray(s.prefixItems)) return (s.prefixItems as Schema[]).map((item, i) => build(item, name, ctx, `${path}[${i}]`, i, root, depth + 1));
      const n = arrayLength(s, name);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        let v = build(s.items, name, ctx, `${path}[${i}]`, i, root, depth + 1);
        if (s.uniqueItems && out.some((o) => JSON.stringify(o) === JSON.stringify(v))) v = build(s.items, name, ctx, `${path}[${i}]`, i + n, root, depth + 1);
        out.push(v);
      }
      return out;
    }
    case "object": {
      const obj: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const [key, sub] of Object.entries(props)) obj[key] = build(sub, key, ctx, `${path}.${key}`, 0, root, depth + 1);
      if (!s.properties && s.additionalProperties && typeof s.additionalProperties === "object") {
        const count = Math.max(typeof s.minProperties === "number" ? s.minProperties : 0, 2);
        for (let i = 0; i < count; i++) {
          const key = ascii(ctx.slots.kws[i % ctx.slots.kws.length]!).replace(/\s+/g, "_") + (i >= ctx.slots.kws.length ? `_${i}` : "");
          obj[key] = build(s.additionalProperties, key, ctx, `${path}.${key}`, i, root, depth + 1);
        }
      }
      return obj;
    }
    default: {
      const base = stringFor(s, name, ctx, path, index);
      const min = typeof s.minLength === "number" ? s.minLength : undefined;
      const max = typeof s.maxLength === "number" ? s.maxLength : undefined;
      let extraN = 0;
      const extra = () => phrase(ctx, "message", `${path}:more`, ++extraN);
      if (typeof s.pattern === "string") {
        let re: RegExp | undefined;
        try {
          re = new RegExp(s.pattern, "u");
        } catch {
          re = undefined;
        }
        if (re) {
          for (const c of patternCandidates(base, ctx, index)) {
            const v = clampLength(c, min, max, extra);
            if (re.test(v)) return v;
          }
        }
      }
      return clampLength(base, min, max, extra);
    }
  }
}

/** A value for `jsonSchema` built from the sources (deterministic). */
export function buildOfflineValue(jsonSchema: Schema, sources: OfflineSources): unknown {
  const schemaText = JSON.stringify(jsonSchema);
  const ctx = offlineContext(sources, schemaText);
  ctx.defs = { ...((jsonSchema.definitions as Record<string, Schema>) ?? {}), ...((jsonSchema.$defs as Record<string, Schema>) ?? {}) };
  return build(jsonSchema, "root", ctx, "$", 0, jsonSchema, 0);
}

/** Free text (generateText): a short post-like answer built from the sources, at most maxChars. */
export function buildOfflineText(sources: OfflineSources, maxChars: number): string {
  const ctx = offlineContext(sources, "text");
  const wantsSummary = /resum|summar|synthes/.test(ctx.folded.slice(0, 400));
  const wantsReply = /repon|reply|respond|answer/.test(ctx.folded.slice(0, 400));
  const parts = wantsReply ? [phrase(ctx, "reply", "$")] : wantsSummary ? [phrase(ctx, "summary", "$")] : [phrase(ctx, "title", "$t"), phrase(ctx, "body", "$b"), phrase(ctx, "cta", "$c")];
  return clampLength(parts.join("\n\n"), undefined, Math.max(40, maxChars), () => "");
}
