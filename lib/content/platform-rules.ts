import { CAPABILITIES } from "@/lib/connectors/capabilities";
import { platformKeyOf, type MediaKind, type PlatformEnum, type SocialPlatform } from "@/lib/connectors/types";
import type { ImageSize } from "@/lib/providers/ai/types";

/**
 * The one table of platform rules: what each network accepts and what we aim for, used by
 * generation (MKT-103 schemas and repairs), adaptation (MKT-106), media conversion and quality gates
 * (lib/media), previews and character counters (client components: this module imports nothing
 * server-side).
 *
 * Hard limits come from the connectors' capabilities (lib/connectors/capabilities.ts: text length,
 * media kinds and sizes, video duration, carousel size, hashtag caps). What capabilities do not say
 * comes from the vendors' publishing references, checked by tests/unit/content/platform-rules-table.test.ts:
 *   - Instagram content publishing: `image_url` must be a JPEG, feed images between 4:5 and 1.91:1,
 *     carousels of at most 10 children, 100 API posts per 24 h.
 *   - TikTok Content Posting API: photos as JPEG/WEBP (`photo_images`), videos up to
 *     `max_video_post_duration_sec` (600 s); the caption (`title`) carries the hashtags.
 *   - LinkedIn Posts API: `commentary` up to 3,000 characters, images JPEG/PNG/GIF.
 *   - X API v2: 280 characters, hashtags included; up to 4 images.
 * Editorial rules (body length, hashtag ranges, tone) are the seed's MKT-103 prompt.
 */
export type AspectRange = readonly [min: number, max: number];

export type PlatformRule = {
  platform: PlatformEnum;
  key: SocialPlatform;
  /** Display name (a proper noun, the same in every language). */
  name: string;
  /** False for messaging-only networks (WhatsApp): never a publication target. */
  publishes: boolean;
  format: "POST" | "VIDEO_SCRIPT";
  text: {
    /** Hard limit of the whole published text (body + CTA + hashtags), from the connector. */
    max: number;
    /** Editorial limit of the body alone. */
    maxBody: number;
    /** Where the network folds a post behind "see more" (previews). */
    foldAt: number;
  };
  hashtags: { allowed: boolean; min: number; max: number };
  /** Links in the text are clickable (else: "link in bio" networks). */
  clickableLinks: boolean;
  /** The network has comments, so a first comment can be posted under the post. */
  firstComment: boolean;
  /** Writing style given to the models. */
  tone: string;
  media: {
    kinds: MediaKind[];
    textOnly: boolean;
    maxCarouselItems: number;
    image: {
      types: string[];
      maxBytes: number;
      /** width / height; undefined = any. */
      aspect?: AspectRange;
      /** What generated or converted images are made into. */
      target: { mimeType: "image/jpeg" | "image/webp"; width: number; height: number };
      /** Size asked to the image model before conversion. */
      generationSize: ImageSize;
    };
    video: { types: string[]; codecs: string[]; maxBytes: number; aspect?: AspectRange; minSeconds?: number; maxSeconds: number };
  };
};

type Editorial = Pick<PlatformRule, "format" | "clickableLinks" | "tone"> & {
  maxBody?: number;
  foldAt: number;
  hashtags: { min: number; max: number };
  image: Omit<PlatformRule["media"]["image"], "maxBytes">;
  video: Omit<PlatformRule["media"]["video"], "maxBytes" | "maxSeconds">;
};

const ANY_IMAGE = ["image/jpeg", "image/png", "image/gif", "image/webp"];

const EDITORIAL: Record<SocialPlatform, Editorial> = {
  linkedin: {
    format: "POST",
    foldAt: 210,
    clickableLinks: true,
    hashtags: { min: 3, max: 5 },
    tone: "professionnel, expert, aéré",
    image: {
      types: ["image/jpeg", "image/png", "image/gif"],
      aspect: [1 / 2.4, 2.4],
      target: { mimeType: "image/jpeg", width: 1200, height: 1200 },
      generationSize: "1024x1024",
    },
    video: { types: [], codecs: [] },
  },
  facebook: {
    format: "POST",
    maxBody: 500,
    foldAt: 480,
    clickableLinks: true,
    hashtags: { min: 0, max: 3 },
    tone: "engageant, conversationnel",
    image: { types: ANY_IMAGE, target: { mimeType: "image/jpeg", width: 1080, height: 1080 }, generationSize: "1024x1024" },
    video: { types: ["video/mp4"], codecs: ["h264", "hevc", "vp9", "av1"], minSeconds: 1 },
  },
  instagram: {
    format: "POST",
    foldAt: 125,
    clickableLinks: false,
    hashtags: { min: 20, max: 30 },
    tone: "visuel, chaleureux, emojis bienvenus",
    image: { types: ["image/jpeg"], aspect: [4 / 5, 1.91], target: { mimeType: "image/jpeg", width: 1080, height: 1350 }, generationSize: "1024x1536" },
    video: { types: ["video/mp4"], codecs: ["h264", "hevc"], aspect: [0.01, 10], minSeconds: 3 },
  },
  tiktok: {
    format: "VIDEO_SCRIPT",
    foldAt: 100,
    clickableLinks: false,
    hashtags: { min: 3, max: 5 },
    tone: "direct, rythmé, oral",
    image: {
      types: ["image/jpeg", "image/webp"],
      aspect: [9 / 16, 9 / 16],
      target: { mimeType: "image/jpeg", width: 1080, height: 1920 },
      generationSize: "1024x1536",
    },
    video: { types: ["video/mp4", "video/webm"], codecs: ["h264", "hevc", "vp8", "vp9"], minSeconds: 3 },
  },
  x: {
    format: "POST",
    foldAt: 280,
    clickableLinks: true,
    hashtags: { min: 1, max: 2 },
    tone: "concis, percutant",
    image: { types: ANY_IMAGE, target: { mimeType: "image/jpeg", width: 1200, height: 1200 }, generationSize: "1024x1024" },
    video: { types: ["video/mp4"], codecs: ["h264"], aspect: [1 / 3, 3], minSeconds: 0.5 },
  },
  whatsapp: {
    format: "POST",
    foldAt: 4096,
    clickableLinks: true,
    hashtags: { min: 0, max: 0 },
    tone: "personnel, bref",
    image: { types: ["image/jpeg", "image/png"], target: { mimeType: "image/jpeg", width: 1080, height: 1080 }, generationSize: "1024x1024" },
    video: { types: ["video/mp4"], codecs: ["h264"] },
  },
};

const NAMES: Record<SocialPlatform, string> = {
  linkedin: "LinkedIn",
  facebook: "Facebook",
  instagram: "Instagram",
  tiktok: "TikTok",
  x: "X",
  whatsapp: "WhatsApp",
};

function derive(key: SocialPlatform): PlatformRule {
  const cap = CAPABILITIES[key];
  const ed = EDITORIAL[key];
  const capMaxTags = cap.hashtags.allowed ? (cap.hashtags.max ?? Number.POSITIVE_INFINITY) : 0;
  const maxTags = Math.min(ed.hashtags.max, capMaxTags);
  return {
    platform: key.toUpperCase() as PlatformEnum,
    key,
    name: NAMES[key],
    publishes: key !== "whatsapp",
    format: ed.format,
    text: { max: cap.maxTextLength, maxBody: Math.min(ed.maxBody ?? cap.maxTextLength, cap.maxTextLength), foldAt: ed.foldAt },
    hashtags: { allowed: cap.hashtags.allowed && maxTags > 0, min: Math.min(ed.hashtags.min, maxTags), max: maxTags },
    clickableLinks: ed.clickableLinks,
    firstComment: cap.comments,
    tone: ed.tone,
    media: {
      kinds: cap.media,
      textOnly: cap.textOnly,
      maxCarouselItems: cap.maxCarouselItems,
      image: { ...ed.image, maxBytes: cap.maxImageBytes },
      video: { ...ed.video, maxBytes: cap.maxVideoBytes, maxSeconds: cap.maxVideoDurationSec },
    },
  };
}

/** A Platform enum value that has rules (the social networks, not the ad platforms). */
export type RulePlatform = Uppercase<SocialPlatform>;

/** Keyed by the Platform enum value ("INSTAGRAM"), as stored on pieces, accounts and publications. */
export const PLATFORM_RULES = Object.fromEntries((Object.keys(EDITORIAL) as SocialPlatform[]).map((k) => [k.toUpperCase(), derive(k)])) as Record<
  RulePlatform,
  PlatformRule
>;

/** The longest first comment a network accepts (Instagram's 2,200 characters; the others accept at least as much or no comment). */
export const FIRST_COMMENT_MAX = 2200;

/** Networks a piece is written for and published to (WhatsApp is messaging, not publishing). */
export const PUBLISHING_PLATFORMS = Object.values(PLATFORM_RULES)
  .filter((r) => r.publishes)
  .map((r) => r.platform as RulePlatform);

export function rulesFor(platform: PlatformEnum | SocialPlatform): PlatformRule {
  const key = (platform === platform.toUpperCase() ? platformKeyOf(platform as PlatformEnum) : platform) as SocialPlatform;
  const r = PLATFORM_RULES[key.toUpperCase() as Uppercase<SocialPlatform>];
  if (!r) throw new Error(`no platform rules for ${platform}`);
  return r;
}

// ---- Text ----

/** The longest prefix of whole code points (no split surrogate pair) within `max` UTF-16 units. */
function prefix(text: string, max: number): string {
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Cut at a word boundary and end with "…" so that the result has at most `max` UTF-16 units (never splits an emoji). */
export function truncateText(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  if (max <= 1) return prefix(t, max);
  const cut = prefix(t, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/u, "")}…`;
}

/** "#Fait main!" -> "Faitmain" (no "#"); null when nothing is left. */
export function normaliseHashtag(tag: string): string | null {
  const clean = tag
    .trim()
    .replace(/^#+/, "")
    .replace(/[^\p{L}\p{N}_]/gu, "");
  return clean ? clean : null;
}

/** The post text as published: body, CTA, then the hashtags line. Hashtags are stored without "#". */
export function composePostText(p: { body: string; callToAction?: string | null; hashtags: string[] }): string {
  const tags = p.hashtags.map((h) => `#${h.replace(/^#+/, "")}`).join(" ");
  return [p.body.trim(), p.callToAction?.trim() || null, tags || null].filter(Boolean).join("\n\n");
}

export type FittedPost = { body: string; hashtags: string[]; callToAction: string | null; text: string };

/**
 * Make a post respect a platform: hashtags normalised, deduplicated and capped (none where not
 * allowed), body capped to the editorial limit, then the whole text (body + CTA + hashtags) capped
 * to the connector's max length: hashtags are dropped first, then the CTA, then the body is cut.
 */
export function fitToPlatform(p: { body: string; hashtags: string[]; callToAction?: string | null }, rule: PlatformRule): FittedPost {
  const seen = new Set<string>();
  let hashtags = rule.hashtags.allowed
    ? p.hashtags
        .map(normaliseHashtag)
        .filter((h): h is string => !!h && !seen.has(h.toLowerCase()) && !!seen.add(h.toLowerCase()))
        .slice(0, rule.hashtags.max)
    : [];
  let cta = p.callToAction?.trim() || null;
  let body = truncateText(p.body, rule.text.maxBody);
  const max = rule.text.max;
  const fits = () => composePostText({ body, callToAction: cta, hashtags }).length <= max;
  while (!fits() && hashtags.length > rule.hashtags.min) hashtags = hashtags.slice(0, -1);
  if (!fits() && cta) cta = null;
  if (!fits()) {
    const reserved = composePostText({ body: "", callToAction: cta, hashtags }).length + (cta || hashtags.length ? 2 : 0);
    body = truncateText(body, Math.max(1, max - reserved));
  }
  if (!fits()) hashtags = [];
  if (!fits()) body = truncateText(body, max);
  return { body, hashtags, callToAction: cta, text: composePostText({ body, callToAction: cta, hashtags }) };
}
