import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildOfflineValue } from "@/lib/providers/ai/offline-object";
import { outputJsonSchema } from "@/lib/providers/ai/output";
import { words } from "@/lib/providers/ai/text-tools";
import { inputSummarySchema } from "@/lib/content/ingest/schemas";
import { researchSchema, type ContentPlatform } from "@/lib/content/research/schemas";
import { copySchemaFor } from "@/lib/content/generation/copy-rules";

/**
 * Issue 9, "the offline AI provider is a convincing writer": one idea through the three prompts of
 * the flywheel as MKT-101 (summary), MKT-102 (research) and MKT-103 (copy per network) build them
 * (labelled lines around the brand's instructions, the idea in the data) on the offline provider.
 * The copy is about the idea's own subject, in the organisation's language, with no label, test
 * token, placeholder or network name, and the pieces of one idea take distinct angles.
 */
const BRAND = {
  name: "Atelier Sahel",
  voice: "Chaleureuse, précise et fière du geste artisanal. On vouvoie, on raconte des histoires vraies, sans superlatifs creux ni jargon. Une touche de poésie sur la matière.",
  audience: "Décideurs B2B en France et en Afrique de l'Ouest (Sénégal, Côte d'Ivoire) : directeurs d'hôtels, restaurateurs, architectes d'intérieur prescripteurs.",
  guidelines: "Toujours citer une réalisation ou un chiffre vérifiable (semaines, nombre de pièces). Pas de prix publics. Hashtags en français, 3 à 5 sur LinkedIn.",
  hashtags: ["#ateliersahel", "#artisanat", "#faitmain"],
};
const IDEA_FR = "Idée e2e mi4x2k : nos tisserandes de Kayes racontent aux boutiques de Lyon comment naît un pagne tissé main.";
const IDEA_EN = "Idea e2e 7q : our weavers in Kayes tell the shops of Lyon how a hand-woven wrap is made. Each wrap takes three weeks on the loom.";
const PROPOSALS: ContentPlatform[] = ["LINKEDIN", "FACEBOOK", "INSTAGRAM"];

const gen = <S extends z.ZodType>(schema: S, prompt: string, data: Record<string, unknown>, locale: "fr" | "en"): z.infer<S> => schema.parse(buildOfflineValue(outputJsonSchema(schema), { prompt, data, locale }));

function flywheel(idea: string, locale: "fr" | "en") {
  const summary = gen(inputSummarySchema, `Marque: ${BRAND.name}\nLangue: ${locale}\nRésume cet input et suggère 3 sujets de contenu potentiels.`, { input_type: "text", text: idea }, locale);
  const research = gen(
    researchSchema,
    [`Marque: ${BRAND.name}`, `Voix: ${BRAND.voice}`, `Audience: ${BRAND.audience}`, `Consignes: ${BRAND.guidelines}`, `Langue: ${locale}`, `Hashtags de marque: ${BRAND.hashtags.join(" ")}`].join("\n"),
    { input: { type: "text", summary: summary.summary, suggested_topics: summary.suggested_topics, text: idea, extracted_text: "", url: null }, recent_top_content: [] },
    locale,
  );
  const copy = (platform: ContentPlatform) =>
    gen(
      copySchemaFor(platform),
      [`Génère un contenu post pour ${platform}.`, `Plateforme: ${platform.toLowerCase()}`, "Ton: professionnel", `Sujet: ${research.topic}`, `Angle: ${research.angle}`, `Messages clés: ${research.key_messages.join(" | ")}`, `Hashtags suggérés: ${research.hashtag_suggestions.join(" ")}`, `Langue: ${locale}`].join("\n"),
      { input_summary: summary.summary },
      locale,
    ) as { title: string; body?: string; caption?: string; hashtags: string[]; call_to_action: string };
  return { summary, research, pieces: Object.fromEntries((["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"] as const).map((p) => [p, copy(p)])) };
}

/** Jaccard similarity of two texts' word sets (accents folded, lower case). */
function jaccard(a: string, b: string): number {
  const A = new Set(words(a));
  const B = new Set(words(b));
  const inter = [...A].filter((w) => B.has(w)).length;
  return inter / (A.size + B.size - inter);
}

const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === "object" ? Object.values(v).flatMap(strings) : []);

describe("offline provider: one idea through summary, research and copy", () => {
  const fr = flywheel(IDEA_FR, "fr");

  it("the research topic is the idea's own sentence, without its label", () => {
    expect(fr.research.topic).toBe("Nos tisserandes de Kayes racontent aux boutiques de Lyon comment naît un pagne tissé main");
    expect(fr.summary.suggested_topics[0]).toBe(fr.research.topic);
    expect(new Set(fr.summary.suggested_topics).size).toBe(3);
  });

  it("keywords and hashtags are content words of the idea, never labels, test tokens or the brand's instructions", () => {
    const tags = [...fr.research.hashtag_suggestions, ...Object.values(fr.pieces).flatMap((p) => p.hashtags)].map((t) => t.toLowerCase());
    expect(fr.research.hashtag_suggestions.slice(0, 3).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(["#tisserandes", "#kayes"]));
    for (const bad of ["#idee", "#e2e", "#mi4x2k", "#text", "#semaines", "#matiere", "#racontent"]) expect(tags).not.toContain(bad);
  });

  it("no template inside a template, no placeholder, no network name, no leftover label", () => {
    for (const s of strings(fr)) {
      if (/^(LINKEDIN|FACEBOOK|INSTAGRAM|TIKTOK|X)$/.test(s)) continue; // research.platforms: codes, not copy
      expect(s, s).not.toMatch(/:\s[^:]*:\s/); // "A : B : C"
      expect(s, s).not.toMatch(/[{}]|undefined|null/);
      expect(s, s).not.toMatch(/linkedin|facebook|instagram|tiktok|\bX\b/i);
      expect(s, s).not.toMatch(/\b(Idée|e2e|mi4x2k|text)\b/);
    }
    for (const p of Object.values(fr.pieces)) expect(p.body ?? p.caption).toMatch(/tisserandes|pagne/);
  });

  it("the three proposals of one idea take distinct angles (word-set Jaccard < 0.6, distinct titles)", () => {
    const bodies = PROPOSALS.map((p) => fr.pieces[p]!.body!);
    for (let i = 0; i < bodies.length; i++) for (let j = i + 1; j < bodies.length; j++) expect(jaccard(bodies[i]!, bodies[j]!), `${PROPOSALS[i]} / ${PROPOSALS[j]}`).toBeLessThan(0.6);
    expect(new Set(PROPOSALS.map((p) => fr.pieces[p]!.title)).size).toBe(3);
    // The measure can fail: a piece against itself is 1.
    expect(jaccard(bodies[0]!, bodies[0]!)).toBe(1);
  });

  it("in the organisation's language, and the same idea gives the same copy", () => {
    const en = flywheel(IDEA_EN, "en");
    expect(en.research.topic).toBe("Our weavers in Kayes tell the shops of Lyon how a hand-woven wrap is made");
    for (const p of Object.values(en.pieces)) expect(`${p.title} ${p.body ?? p.caption} ${p.call_to_action}`).not.toMatch(/\b(nous|vous|les|des|une|histoire)\b/i);
    for (const p of Object.values(fr.pieces)) expect(`${p.body ?? p.caption}`).toMatch(/\b(nous|vous)\b/);
    expect(flywheel(IDEA_FR, "fr")).toEqual(fr);
  });

  it("a TikTok script's segments are distinct shots, in order, with no call to action of their own and none repeating the caption", () => {
    for (const [locale, pieces] of [["fr", fr.pieces], ["en", flywheel(IDEA_EN, "en").pieces]] as const) {
      const script = pieces.TIKTOK as unknown as { hook: string; segments: { text: string }[]; caption: string; call_to_action: string };
      const texts = script.segments.map((s) => s.text);
      expect(texts.length).toBeGreaterThanOrEqual(3);
      expect(new Set(texts).size, texts.join(" | ")).toBe(texts.length);
      for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) expect(jaccard(texts[i]!, texts[j]!), `${locale} ${i}/${j}`).toBeLessThan(0.6);
      for (const t of texts) {
        expect(t).not.toContain(script.call_to_action);
        expect(script.caption).not.toContain(t);
      }
      expect(texts[0]).toMatch(locale === "fr" ? /^Plan d'ouverture/ : /^Opening shot/);
    }
  });

  it("segments stay distinct (word-set Jaccard < 0.6) when the schema asks for the most of them and the material's sentences are full of colons", () => {
    const schema = copySchemaFor("TIKTOK");
    const json = outputJsonSchema(schema) as { properties: { segments: { minItems?: number; maxItems?: number } } };
    json.properties.segments.minItems = json.properties.segments.maxItems;
    const material = "Atelier : trois bains d'argile. Kayes : huit semaines par pagne. Lyon : douze boutiques partenaires. Tissage : un métier à pédales.";
    const value = buildOfflineValue(json, { prompt: `Plateforme: tiktok\nSujet: ${IDEA_FR}\nLangue: fr`, data: { input_summary: material }, locale: "fr" }) as { segments: { text: string }[] };
    const texts = value.segments.map((s) => s.text);
    expect(texts.length).toBe(json.properties.segments.maxItems);
    expect(new Set(texts).size, texts.join(" | ")).toBe(texts.length);
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) expect(jaccard(texts[i]!, texts[j]!), `${i}/${j}: ${texts[i]} | ${texts[j]}`).toBeLessThan(0.6);
    expect(schema.safeParse(value).success).toBe(true);
  });
});
