import { describe, expect, it } from "vitest";
import { GATED_PLATFORMS } from "@/lib/media/check-quality-gates";
import { composePostText, fitToPlatform, PLATFORM_RULES, PUBLISHING_PLATFORMS, rulesFor } from "@/lib/content/platform-rules";

const long = "Huit semaines de travail, trois bains d'argile et une pièce unique qui raconte une histoire. ".repeat(60);
const tags = Array.from({ length: 40 }, (_, i) => `tag${i}`);

describe("the platform-rules table (issue 11)", () => {
  it("takes hard limits from the connector capabilities and editorial ones from the seed", () => {
    expect(rulesFor("X")).toMatchObject({ text: { max: 280 }, hashtags: { max: 2, min: 1, allowed: true } });
    expect(rulesFor("LINKEDIN")).toMatchObject({ text: { max: 3000 }, hashtags: { max: 5, min: 3 } });
    expect(rulesFor("INSTAGRAM")).toMatchObject({ text: { max: 2200 }, hashtags: { max: 30 } });
    expect(rulesFor("FACEBOOK")).toMatchObject({ text: { maxBody: 500 } });
    expect(rulesFor("WHATSAPP")).toMatchObject({ publishes: false, hashtags: { allowed: false, max: 0 } });
    expect(rulesFor("instagram")).toBe(rulesFor("INSTAGRAM"));
  });

  it.each(["X", "LINKEDIN", "INSTAGRAM", "FACEBOOK", "TIKTOK"] as const)("%s: the composed text fits and hashtags are capped", (platform) => {
    const rules = rulesFor(platform);
    const fitted = fitToPlatform({ body: long, hashtags: tags, callToAction: "Découvrez la collection sur notre site" }, rules);
    expect(fitted.text.length).toBeLessThanOrEqual(rules.text.max);
    expect(fitted.body.length).toBeLessThanOrEqual(rules.text.maxBody);
    expect(fitted.hashtags.length).toBeLessThanOrEqual(rules.hashtags.max);
    expect(fitted.hashtags.length).toBeGreaterThanOrEqual(rules.hashtags.min);
    expect(fitted.text).toBe(composePostText(fitted));
  });

  it("X: at most 2 hashtags, counted in the 280 characters; a long body drops down to the minimum (1) before being cut", () => {
    expect(fitToPlatform({ body: "Une pièce unique.", hashtags: ["#Bogolan", "artisanat", "#Mali"], callToAction: null }, rulesFor("X")).hashtags).toEqual(["Bogolan", "artisanat"]);
    const fitted = fitToPlatform({ body: long, hashtags: ["#Bogolan", "artisanat", "#Mali"], callToAction: null }, rulesFor("X"));
    expect(fitted.hashtags).toEqual(["Bogolan"]);
    expect(fitted.text.endsWith("#Bogolan")).toBe(true);
    expect(fitted.text.length).toBeLessThanOrEqual(280);
    expect(fitted.body.endsWith("…")).toBe(true);
  });

  it("normalises and deduplicates hashtags, drops them where not allowed, and never splits an emoji", () => {
    expect(fitToPlatform({ body: "Hello", hashtags: ["#Mode", "mode", "# ", "Été 2026"], callToAction: null }, rulesFor("LINKEDIN")).hashtags).toEqual(["Mode", "Été2026"]);
    expect(fitToPlatform({ body: "Hello", hashtags: ["a", "b"] }, rulesFor("WHATSAPP")).hashtags).toEqual([]);
    const emoji = fitToPlatform({ body: "🎉".repeat(300), hashtags: [], callToAction: null }, rulesFor("X"));
    expect(emoji.text.length).toBeLessThanOrEqual(280);
    expect(emoji.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("leaves a post that already fits unchanged", () => {
    const fitted = fitToPlatform({ body: "Court et clair.", hashtags: ["Dakar", "Mode", "Artisanat"], callToAction: "Venez nous voir" }, rulesFor("LINKEDIN"));
    expect(fitted).toEqual({ body: "Court et clair.", hashtags: ["Dakar", "Mode", "Artisanat"], callToAction: "Venez nous voir", text: "Court et clair.\n\nVenez nous voir\n\n#Dakar #Mode #Artisanat" });
  });

  it("agrees with the vendors' publishing references (PLATFORM_APIS reference of the project)", () => {
    // Instagram: image_url is a JPEG; feed images 4:5 .. 1.91:1; carousels of at most 10 children.
    expect(PLATFORM_RULES.INSTAGRAM.media.image.types).toEqual(["image/jpeg"]);
    expect(PLATFORM_RULES.INSTAGRAM.media.image.aspect).toEqual([4 / 5, 1.91]);
    expect(PLATFORM_RULES.INSTAGRAM.media.maxCarouselItems).toBe(10);
    expect(PLATFORM_RULES.INSTAGRAM.text.max).toBe(2200);
    // TikTok: photo_images are JPEG/WEBP; max_video_post_duration_sec 600; captions carry the hashtags.
    expect(PLATFORM_RULES.TIKTOK.media.image.types).toEqual(["image/jpeg", "image/webp"]);
    expect(PLATFORM_RULES.TIKTOK.media.video.maxSeconds).toBe(600);
    expect(PLATFORM_RULES.TIKTOK.hashtags.allowed).toBe(true);
    // LinkedIn Posts API: commentary up to 3,000 characters, no video through the Images API.
    expect(PLATFORM_RULES.LINKEDIN.text.max).toBe(3000);
    expect(PLATFORM_RULES.LINKEDIN.media.video.types).toEqual([]);
    // X: 280 characters, hashtags included; 4 media per post.
    expect(PLATFORM_RULES.X.text.max).toBe(280);
    expect(PLATFORM_RULES.X.media.maxCarouselItems).toBe(4);
  });

  it("targets of generated and converted images sit inside each network's accepted formats and ratios", () => {
    for (const p of PUBLISHING_PLATFORMS) {
      const { image } = PLATFORM_RULES[p].media;
      expect(image.types).toContain(image.target.mimeType);
      const r = image.target.width / image.target.height;
      if (image.aspect) expect(r >= image.aspect[0] * 0.99 && r <= image.aspect[1] * 1.01).toBe(true);
    }
    expect(PLATFORM_RULES.INSTAGRAM.media.image.target).toEqual({ mimeType: "image/jpeg", width: 1080, height: 1350 });
    expect(PLATFORM_RULES.TIKTOK.media.image.target).toEqual({ mimeType: "image/jpeg", width: 1080, height: 1920 });
  });

  it("is one table: generation, adaptation and quality gates read the same values", () => {
    expect(PUBLISHING_PLATFORMS).toEqual(["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"]);
    expect(GATED_PLATFORMS).toEqual(PUBLISHING_PLATFORMS.map((p) => PLATFORM_RULES[p].key));
    // TikTok used to say 2200 in generation and 300 in adaptation.
    expect(PLATFORM_RULES.TIKTOK.text.maxBody).toBe(2200);
  });
});
