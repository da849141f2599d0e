import { CAPABILITIES } from "@/lib/connectors/registry";
import { platformKeyOf, type PlatformEnum, type SocialPlatform } from "@/lib/connectors/types";

/**
 * Per-platform writing rules for MKT-106 (seed 000, MKT-103 prompt): the connector's hard limits
 * (CAPABILITIES: max text length, hashtag rules) plus the editorial ones (LinkedIn 3-5 hashtags,
 * Facebook body <= 500, Instagram 20-30 hashtags, X 280 with 1-2 hashtags, TikTok hook first).
 */
export type PlatformRules = {
  platform: PlatformEnum;
  /** Hard limit of the whole post text (body + CTA + hashtags), from the connector. */
  maxTextLength: number;
  /** Editorial limit of the body alone. */
  maxBodyLength: number;
  hashtagsAllowed: boolean;
  minHashtags: number;
  maxHashtags: number;
  /** Writing style given to the adaptation prompt. */
  tone: string;
};

const EDITORIAL: Partial<Record<SocialPlatform, { maxBody?: number; min: number; max: number; tone: string }>> = {
  linkedin: { min: 3, max: 5, tone: "professional, insight-led, short paragraphs" },
  facebook: { maxBody: 500, min: 0, max: 3, tone: "warm and engaging, a question to spark comments" },
  instagram: { min: 20, max: 30, tone: "visual storytelling, emoji welcome" },
  tiktok: { maxBody: 300, min: 3, max: 5, tone: "a hook in the first 3 seconds, spoken script style" },
  x: { min: 1, max: 2, tone: "punchy, one idea" },
};

/** Platforms a piece can be adapted to (WhatsApp is messaging, not publishing). */
export const ADAPTABLE: PlatformEnum[] = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"];

export function rulesFor(platform: PlatformEnum): PlatformRules {
  const key = platformKeyOf(platform) as SocialPlatform;
  const cap = CAPABILITIES[key];
  const ed = EDITORIAL[key] ?? { min: 0, max: 0, tone: "neutral" };
  const capMax = cap.hashtags.allowed ? (cap.hashtags.max ?? Number.POSITIVE_INFINITY) : 0;
  const maxHashtags = Math.min(ed.max, capMax);
  return {
    platform,
    maxTextLength: cap.maxTextLength,
    maxBodyLength: Math.min(ed.maxBody ?? cap.maxTextLength, cap.maxTextLength),
    hashtagsAllowed: cap.hashtags.allowed && maxHashtags > 0,
    minHashtags: Math.min(ed.min, maxHashtags),
    maxHashtags,
    tone: ed.tone,
  };
}

/** Lengths in UTF-16 units (what most APIs count; never less than X's code points), so both limits hold. */
const length = (s: string) => s.length;

/** The longest prefix of whole code points (no split surrogate pair) within `max` UTF-16 units. */
function prefix(text: string, max: number): string {
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

function truncate(text: string, max: number): string {
  if (length(text) <= max) return text;
  if (max <= 1) return prefix(text, max);
  const cut = prefix(text, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function normaliseHashtag(tag: string): string | null {
  const clean = tag.trim().replace(/^#+/, "").replace(/[^\p{L}\p{N}_]/gu, "");
  return clean ? clean : null;
}

export type FittedPost = { body: string; hashtags: string[]; callToAction: string | null; text: string };

/** The post text as published: body, CTA, then the hashtags line. */
export function composePostText(p: { body: string; callToAction?: string | null; hashtags: string[] }): string {
  const tags = p.hashtags.map((h) => `#${h}`).join(" ");
  return [p.body.trim(), p.callToAction?.trim() || null, tags || null].filter(Boolean).join("\n\n");
}

/**
 * Make a post respect a platform: hashtags normalised, deduplicated and capped (none where not
 * allowed), body capped to the editorial limit, then the whole text (body + CTA + hashtags) capped
 * to the connector's max length: hashtags are dropped first, then the CTA, then the body is cut.
 */
export function fitToPlatform(p: { body: string; hashtags: string[]; callToAction?: string | null }, rules: PlatformRules): FittedPost {
  const seen = new Set<string>();
  let hashtags = rules.hashtagsAllowed
    ? p.hashtags.map(normaliseHashtag).filter((h): h is string => !!h && !seen.has(h.toLowerCase()) && !!seen.add(h.toLowerCase())).slice(0, rules.maxHashtags)
    : [];
  let cta = p.callToAction?.trim() || null;
  let body = truncate(p.body.trim(), rules.maxBodyLength);
  const fits = () => length(composePostText({ body, callToAction: cta, hashtags })) <= rules.maxTextLength;
  while (!fits() && hashtags.length > rules.minHashtags) hashtags = hashtags.slice(0, -1);
  if (!fits() && cta) cta = null;
  if (!fits()) {
    const reserved = length(composePostText({ body: "", callToAction: cta, hashtags })) + (cta || hashtags.length ? 2 : 0);
    body = truncate(body, Math.max(1, rules.maxTextLength - reserved));
  }
  if (!fits()) hashtags = [];
  if (!fits()) body = truncate(body, rules.maxTextLength);
  return { body, hashtags, callToAction: cta, text: composePostText({ body, callToAction: cta, hashtags }) };
}
