import { z } from "zod";
import type { ContentPlatform } from "@/lib/content/research/schemas";
import { PLATFORM_RULES, truncateText } from "@/lib/content/platform-rules";

/**
 * MKT-103 copy rules on top of the platform-rules table (lib/content/platform-rules.ts):
 *   LinkedIn  3000 characters, professional, 3-5 hashtags
 *   Facebook  500 characters of body, engaging
 *   Instagram 2200 characters (caption with its hashtags), 20-30 hashtags
 *   TikTok    a 30-60 s script with a hook in the first 3 seconds
 *   X         280 characters (with its hashtags), 1-2 hashtags
 * The zod schema given to the model asks for them; enforcePlatformConstraints() repairs what the
 * model still got wrong (truncates, pads hashtags, rescales the script); checkPlatformConstraints()
 * is the final judge before anything is written.
 */
export const SCRIPT_RULES = { minSeconds: 30, maxSeconds: 60, hookMaxSeconds: 3, wordsPerSecond: 3 } as const;
export const HOOK_MAX_WORDS = SCRIPT_RULES.hookMaxSeconds * SCRIPT_RULES.wordsPerSecond;

const tag = z.string().min(2).max(40);
const common = { title: z.string().min(3).max(150), call_to_action: z.string().min(2).max(200) };

/** What the model must answer for each platform (bodies leave room for the hashtags). */
export function copySchemaFor(platform: ContentPlatform) {
  const r = PLATFORM_RULES[platform];
  const hashtags = z.array(tag).min(Math.max(r.hashtags.min, platform === "FACEBOOK" ? 1 : 0)).max(r.hashtags.max);
  switch (platform) {
    case "TIKTOK":
      return z.object({
        ...common,
        hook: z.string().min(3).max(80),
        hook_seconds: z.number().min(1).max(3),
        segments: z.array(z.object({ seconds: z.number().int().min(3).max(20), text: z.string().min(3).max(300) })).min(3).max(8),
        caption: z.string().min(3).max(300),
        hashtags,
      });
    case "X":
      return z.object({ ...common, body: z.string().min(10).max(230), hashtags });
    case "INSTAGRAM":
      return z.object({ ...common, body: z.string().min(10).max(1600), hashtags });
    case "LINKEDIN":
      return z.object({ ...common, body: z.string().min(10).max(2800), hashtags });
    case "FACEBOOK":
      return z.object({ ...common, body: z.string().min(10).max(500), hashtags });
  }
}

export type ScriptCopy = { title: string; call_to_action: string; hook: string; hook_seconds: number; segments: { seconds: number; text: string }[]; caption: string; hashtags: string[] };
export type PostCopy = { title: string; call_to_action: string; body: string; hashtags: string[] };
export type RawCopy = ScriptCopy | PostCopy;

export type Script = { hook: string; hookSeconds: number; segments: { startSecond: number; endSecond: number; text: string }[]; totalSeconds: number };

/** A piece ready to be written: what ContentPiece stores, plus the script for TikTok. */
export type PieceDraft = {
  platform: ContentPlatform;
  format: "POST" | "VIDEO_SCRIPT";
  title: string;
  body: string;
  hashtags: string[];
  callToAction: string;
  script?: Script;
};

/** "#Fait main!" -> "#Faitmain"; empty or duplicate (case-insensitive) tags dropped. */
export function normaliseHashtags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const core = t.replace(/^#+/, "").replace(/[^\p{L}\p{N}_]/gu, "").slice(0, 40);
    if (core.length < 2 || seen.has(core.toLowerCase())) continue;
    seen.add(core.toLowerCase());
    out.push(`#${core}`);
  }
  return out;
}

export function totalLength(body: string, hashtags: string[]): number {
  return hashtags.length ? body.length + 2 + hashtags.join(" ").length : body.length;
}

/** The text that gets published: body, then the hashtags on their own line. */
export function composedText(piece: Pick<PieceDraft, "body" | "hashtags">): string {
  return piece.hashtags.length ? `${piece.body}\n\n${piece.hashtags.join(" ")}` : piece.body;
}

function words(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

function buildScript(copy: ScriptCopy): Script {
  const hookSeconds = Math.min(SCRIPT_RULES.hookMaxSeconds, Math.max(1, Math.round(copy.hook_seconds)));
  const hookWords = words(copy.hook);
  const hook = hookWords.length > HOOK_MAX_WORDS ? `${hookWords.slice(0, HOOK_MAX_WORDS).join(" ").replace(/[,;:.!?]+$/u, "")}…` : copy.hook.trim();
  let segs = copy.segments.map((s) => ({ seconds: Math.max(1, Math.round(s.seconds)), text: s.text.trim() })).filter((s) => s.text);
  const sum = () => hookSeconds + segs.reduce((n, s) => n + s.seconds, 0);
  // Too long: drop trailing segments (keep at least two), then scale down; too short: scale up.
  while (sum() > SCRIPT_RULES.maxSeconds && segs.length > 2) segs = segs.slice(0, -1);
  const target = Math.min(SCRIPT_RULES.maxSeconds, Math.max(SCRIPT_RULES.minSeconds, sum()));
  if (sum() !== target && segs.length > 0) {
    const body = segs.reduce((n, s) => n + s.seconds, 0);
    const want = target - hookSeconds;
    segs = segs.map((s) => ({ ...s, seconds: Math.max(1, Math.round((s.seconds * want) / body)) }));
    const diff = want - segs.reduce((n, s) => n + s.seconds, 0);
    const last = segs[segs.length - 1]!;
    last.seconds = Math.max(1, last.seconds + diff);
  }
  let at = hookSeconds;
  const segments = segs.map((s) => {
    const seg = { startSecond: at, endSecond: at + s.seconds, text: s.text };
    at += s.seconds;
    return seg;
  });
  return { hook, hookSeconds, segments, totalSeconds: at };
}

/** The script's labels, in the language the piece is written in (it is published text, not interface). */
const SCRIPT_LABELS = { fr: { hook: "Accroche", cta: "Appel à l'action", caption: "Légende", sep: " : " }, en: { hook: "Hook", cta: "Call to action", caption: "Caption", sep: ": " } } as const;

function scriptBody(script: Script, caption: string, cta: string, language: "fr" | "en"): string {
  const l = SCRIPT_LABELS[language];
  const lines = [`[0-${script.hookSeconds} s] ${l.hook}${l.sep}${script.hook}`, ...script.segments.map((s) => `[${s.startSecond}-${s.endSecond} s] ${s.text}`), `${l.cta}${l.sep}${cta}`, "", `${l.caption}${l.sep}${caption}`];
  return lines.join("\n");
}

/**
 * Repair a model answer into a piece that respects the platform: normalised hashtags padded from
 * `fallbackHashtags` up to the minimum and cut to the maximum, body truncated to fit, TikTok
 * script rescaled to 30-60 s with a hook of at most 3 s. Returns what was repaired.
 */
export function enforcePlatformConstraints(platform: ContentPlatform, copy: RawCopy, fallbackHashtags: string[] = [], language: "fr" | "en" = "fr"): { piece: PieceDraft; repairs: string[] } {
  const r = PLATFORM_RULES[platform];
  const repairs: string[] = [];
  let hashtags = normaliseHashtags(copy.hashtags);
  if (hashtags.length < r.hashtags.min) {
    hashtags = normaliseHashtags([...hashtags, ...fallbackHashtags]).slice(0, Math.max(r.hashtags.min, hashtags.length));
    repairs.push("hashtags padded");
  }
  if (hashtags.length > r.hashtags.max) {
    hashtags = hashtags.slice(0, r.hashtags.max);
    repairs.push("hashtags cut");
  }
  const title = truncateText(copy.title, 150);
  const callToAction = truncateText(copy.call_to_action, 200);
  let body: string;
  let script: Script | undefined;
  if ("segments" in copy) {
    script = buildScript(copy);
    if (script.totalSeconds !== copy.hook_seconds + copy.segments.reduce((n, s) => n + s.seconds, 0) || script.hook !== copy.hook.trim()) repairs.push("script timed to 30-60 s, hook <= 3 s");
    body = scriptBody(script, copy.caption.trim(), callToAction, language);
  } else {
    body = copy.body.trim();
  }
  const room = Math.min(r.text.maxBody, r.text.max - (hashtags.length ? 2 + hashtags.join(" ").length : 0));
  if (body.length > room) {
    body = truncateText(body, Math.max(0, room));
    repairs.push(`body truncated to ${room}`);
  }
  return { piece: { platform, format: r.format, title, body, hashtags, callToAction, ...(script ? { script } : {}) }, repairs };
}

/** Every broken rule of a piece (empty = publishable as far as the platform's limits go). */
export function checkPlatformConstraints(piece: PieceDraft): string[] {
  const r = PLATFORM_RULES[piece.platform];
  const v: string[] = [];
  if (!piece.body.trim()) v.push("body is empty");
  if (piece.body.length > r.text.maxBody) v.push(`body has ${piece.body.length} characters (max ${r.text.maxBody})`);
  if (totalLength(piece.body, piece.hashtags) > r.text.max) v.push(`text with hashtags has ${totalLength(piece.body, piece.hashtags)} characters (max ${r.text.max})`);
  if (piece.hashtags.length < r.hashtags.min || piece.hashtags.length > r.hashtags.max) v.push(`${piece.hashtags.length} hashtags (expected ${r.hashtags.min}-${r.hashtags.max})`);
  if (piece.hashtags.some((h) => !/^#[\p{L}\p{N}_]{2,40}$/u.test(h))) v.push("malformed hashtag");
  if (piece.format !== r.format) v.push(`format ${piece.format} (expected ${r.format})`);
  if (piece.platform === "TIKTOK") {
    const s = piece.script;
    if (!s) v.push("script missing");
    else {
      if (s.totalSeconds < SCRIPT_RULES.minSeconds || s.totalSeconds > SCRIPT_RULES.maxSeconds) v.push(`script lasts ${s.totalSeconds} s (expected 30-60 s)`);
      if (s.hookSeconds > SCRIPT_RULES.hookMaxSeconds) v.push(`hook lasts ${s.hookSeconds} s (max 3 s)`);
      if (words(s.hook.replace(/…$/, "")).length > HOOK_MAX_WORDS) v.push(`hook has more than ${HOOK_MAX_WORDS} words`);
      const last = s.segments[s.segments.length - 1];
      if (!last || last.endSecond !== s.totalSeconds || s.segments[0]!.startSecond !== s.hookSeconds) v.push("script timings do not add up");
    }
  }
  return v;
}
