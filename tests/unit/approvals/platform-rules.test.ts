import { describe, expect, it } from "vitest";
import { composePostText, fitToPlatform, rulesFor } from "@/lib/content/adaptation/platform-rules";

const long = "Huit semaines de travail, trois bains d'argile et une pièce unique qui raconte une histoire. ".repeat(60);
const tags = Array.from({ length: 40 }, (_, i) => `tag${i}`);

describe("MKT-106 platform rules", () => {
  it("takes hard limits from the connector capabilities and editorial ones from the seed", () => {
    expect(rulesFor("X")).toMatchObject({ maxTextLength: 280, maxHashtags: 2, minHashtags: 1, hashtagsAllowed: true });
    expect(rulesFor("LINKEDIN")).toMatchObject({ maxTextLength: 3000, maxHashtags: 5, minHashtags: 3 });
    expect(rulesFor("INSTAGRAM")).toMatchObject({ maxTextLength: 2200, maxHashtags: 30 });
    expect(rulesFor("FACEBOOK")).toMatchObject({ maxBodyLength: 500 });
    expect(rulesFor("WHATSAPP")).toMatchObject({ hashtagsAllowed: false, maxHashtags: 0 });
  });

  it.each(["X", "LINKEDIN", "INSTAGRAM", "FACEBOOK", "TIKTOK"] as const)("%s: the composed text fits and hashtags are capped", (platform) => {
    const rules = rulesFor(platform);
    const fitted = fitToPlatform({ body: long, hashtags: tags, callToAction: "Découvrez la collection sur notre site" }, rules);
    expect(fitted.text.length).toBeLessThanOrEqual(rules.maxTextLength);
    expect(fitted.body.length).toBeLessThanOrEqual(rules.maxBodyLength);
    expect(fitted.hashtags.length).toBeLessThanOrEqual(rules.maxHashtags);
    expect(fitted.hashtags.length).toBeGreaterThanOrEqual(rules.minHashtags);
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
});
