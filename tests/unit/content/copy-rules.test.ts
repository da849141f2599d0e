import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  checkPlatformConstraints,
  composedText,
  copySchemaFor,
  enforcePlatformConstraints,
  normaliseHashtags,
  type PostCopy,
  type ScriptCopy,
} from "@/lib/content/generation/copy-rules";
import { PLATFORM_RULES, truncateText } from "@/lib/content/platform-rules";

const tags = (n: number, prefix = "tag") => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const post = (body: string, hashtags: string[]): PostCopy => ({ title: "Titre", call_to_action: "Écrivez-nous", body, hashtags });
const longText = (n: number) => Array.from({ length: Math.ceil(n / 6) }, (_, i) => `mot${i % 10}`).join(" ").slice(0, n);

describe("platform constraints (MKT-103)", () => {
  it("X: body and 1-2 hashtags fit in 280 characters together", () => {
    const { piece, repairs } = enforcePlatformConstraints("X", post(longText(400), ["#a1", "b2", "c3", "d4"]));
    expect(piece.hashtags).toEqual(["#a1", "#b2"]);
    expect(composedText(piece).length).toBeLessThanOrEqual(280);
    expect(piece.body.endsWith("…")).toBe(true);
    expect(repairs).toEqual(expect.arrayContaining(["hashtags cut", expect.stringMatching(/^body truncated/)]));
    expect(checkPlatformConstraints(piece)).toEqual([]);
    expect(checkPlatformConstraints({ ...piece, hashtags: [] })).toContain("0 hashtags (expected 1-2)");
    expect(checkPlatformConstraints({ ...piece, body: "x".repeat(281) })).toEqual(expect.arrayContaining([expect.stringContaining("max 280")]));
  });

  it("Facebook: body at most 500 characters; LinkedIn: 3000 with 3-5 hashtags", () => {
    const fb = enforcePlatformConstraints("FACEBOOK", post(longText(900), ["#maison"])).piece;
    expect(fb.body.length).toBeLessThanOrEqual(500);
    expect(checkPlatformConstraints(fb)).toEqual([]);
    const li = enforcePlatformConstraints("LINKEDIN", post(longText(3500), ["#a1"]), ["#b2", "#c3", "#d4"]).piece;
    expect(li.hashtags).toEqual(["#a1", "#b2", "#c3"]);
    expect(composedText(li).length).toBeLessThanOrEqual(3000);
    expect(checkPlatformConstraints(li)).toEqual([]);
  });

  it("Instagram: 20-30 hashtags (padded from fallbacks, duplicates dropped) and 2200 characters with them", () => {
    const few = enforcePlatformConstraints("INSTAGRAM", post(longText(2500), [...tags(10), "#Tag1", "TAG2"]), tags(30, "extra"));
    expect(few.piece.hashtags).toHaveLength(20);
    expect(composedText(few.piece).length).toBeLessThanOrEqual(2200);
    expect(checkPlatformConstraints(few.piece)).toEqual([]);
    const many = enforcePlatformConstraints("INSTAGRAM", post("Bonjour à tous, voici notre atelier.", tags(40))).piece;
    expect(many.hashtags).toHaveLength(30);
    // Not enough material to reach 20: the check reports it (the caller raises a typed error).
    const short = enforcePlatformConstraints("INSTAGRAM", post("Court.", tags(5))).piece;
    expect(checkPlatformConstraints(short)).toContain("5 hashtags (expected 20-30)");
  });

  it("TikTok: script rescaled to 30-60 s with a hook of at most 3 s and 9 words", () => {
    const base: ScriptCopy = { title: "Bogolan", call_to_action: "Abonnez-vous", hook: "Vous ne devinerez jamais comment ce tissu est teint avec de la boue du fleuve", hook_seconds: 3, caption: "Le bogolan", hashtags: ["#bogolan", "#mali", "#artisanat"], segments: [{ seconds: 20, text: "a" }, { seconds: 20, text: "b" }, { seconds: 20, text: "c" }, { seconds: 20, text: "d" }] };
    const long = enforcePlatformConstraints("TIKTOK", base).piece;
    expect(long.format).toBe("VIDEO_SCRIPT");
    expect(long.script!.totalSeconds).toBeLessThanOrEqual(60);
    expect(long.script!.totalSeconds).toBeGreaterThanOrEqual(30);
    expect(long.script!.hook.replace(/…$/, "").split(" ")).toHaveLength(9);
    expect(long.body.startsWith("[0-3 s] Accroche : ")).toBe(true);
    expect(enforcePlatformConstraints("TIKTOK", base, [], "en").piece.body).toMatch(/^\[0-3 s\] Hook: [^]*\nCall to action: [^]*\nCaption: /);
    expect(checkPlatformConstraints(long)).toEqual([]);
    const short = enforcePlatformConstraints("TIKTOK", { ...base, hook: "Regardez ça", segments: [{ seconds: 3, text: "a" }, { seconds: 4, text: "b" }, { seconds: 3, text: "c" }] }).piece;
    expect(short.script!.totalSeconds).toBe(30);
    expect(short.script!.segments.at(-1)!.endSecond).toBe(30);
    expect(checkPlatformConstraints(short)).toEqual([]);
    expect(checkPlatformConstraints({ ...short, script: { ...short.script!, totalSeconds: 75 } })).toContain("script lasts 75 s (expected 30-60 s)");
    expect(checkPlatformConstraints({ ...short, script: undefined })).toContain("script missing");
  });

  it("the schemas sent to the model carry the limits", () => {
    const x = z.toJSONSchema(copySchemaFor("X")) as unknown as { properties: { body: { maxLength: number }; hashtags: { minItems: number; maxItems: number } } };
    expect(x.properties.body.maxLength).toBeLessThan(280);
    expect([x.properties.hashtags.minItems, x.properties.hashtags.maxItems]).toEqual([1, 2]);
    const ig = z.toJSONSchema(copySchemaFor("INSTAGRAM")) as unknown as { properties: { hashtags: { minItems: number; maxItems: number } } };
    expect([ig.properties.hashtags.minItems, ig.properties.hashtags.maxItems]).toEqual([20, 30]);
    expect(PLATFORM_RULES.INSTAGRAM.media.image.generationSize).toBe("1024x1536");
    expect(PLATFORM_RULES.LINKEDIN.media.image.generationSize).toBe("1024x1024");
  });

  it("hashtags and truncation helpers", () => {
    expect(normaliseHashtags(["#Fait main!", "faitmain", "#", "été2026", "#x"])).toEqual(["#Faitmain", "#été2026"]);
    expect(truncateText("un deux trois quatre cinq", 16)).toBe("un deux trois…");
    expect(truncateText("court", 10)).toBe("court");
  });
});
