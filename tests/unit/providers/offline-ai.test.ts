import { describe, expect, it } from "vitest";
import { z } from "zod";
import { offlineTextProvider, offlineMediaProvider } from "@/lib/providers/ai/offline";
import { outputJsonSchema } from "@/lib/providers/ai/output";
import type { TextRequest } from "@/lib/providers/ai/types";

/**
 * The offline provider is the default on every fresh install: its answers must pass the caller's
 * zod schema for any reasonable schema, be the same for the same inputs, and read like marketing
 * copy made from the inputs (French by default, English when the prompt is English).
 */
const FR_PROMPT = [
  "Tu es un copywriter expert pour Atelier Baobab.",
  "Marque: Atelier Baobab",
  "Sujet: Le cuir artisanal sénégalais",
  "Angle: Savoir-faire transmis de génération en génération",
  "Génère un contenu pour LinkedIn. Inclus un CTA pertinent.",
].join("\n");
const FR_DATA = { input: "Nos artisans de Dakar travaillent le cuir depuis trois générations. Chaque sac est cousu main. Nous lançons une collection de sacs en cuir tanné végétal en décembre." };

async function complete(schema: z.ZodType, prompt = FR_PROMPT, data: Record<string, unknown> = FR_DATA): Promise<unknown> {
  const req: TextRequest = {
    system: "system",
    messages: [{ role: "user", content: prompt }],
    maxTokens: 2048,
    jsonSchema: outputJsonSchema(schema),
    sources: { prompt, data },
    signal: new AbortController().signal,
    timeoutMs: 1000,
  };
  const res = await offlineTextProvider.complete(req);
  expect(res.model).toBe("offline-text-v1");
  expect(res.usage.inputTokens).toBeGreaterThan(0);
  return JSON.parse(res.text);
}

// The MKT workflows' outputs and a few harder shapes.
const SCHEMAS: Record<string, z.ZodType> = {
  "MKT-101 summary": z.object({ summary: z.string().min(20), suggested_topics: z.array(z.string().min(3)).length(3) }),
  "MKT-102 research": z.object({
    topic: z.string(),
    angle: z.string(),
    key_messages: z.array(z.string()).min(3).max(5),
    platforms: z.array(z.enum(["linkedin", "facebook", "instagram", "tiktok", "x"])).min(1),
    format_suggestions: z.array(z.string()),
    hashtag_suggestions: z.array(z.string().regex(/^#\w+$/)).max(6),
  }),
  "MKT-103 copy": z.object({ title: z.string().max(80), body: z.string().min(80).max(3000), hashtags: z.array(z.string()).min(3).max(5), call_to_action: z.string().min(5) }),
  "MKT-304 reply analysis": z.object({
    sentiment: z.enum(["positive", "neutral", "negative"]),
    intent: z.enum(["interested", "question", "not_interested", "unsubscribe", "booking"]),
    confidence: z.number().min(0).max(1),
    requires_human: z.boolean(),
    suggested_reply: z.string().max(280).nullable(),
  }),
  "MKT-202 campaign": z.object({
    objective: z.enum(["awareness", "traffic", "leads", "conversions"]),
    targeting: z.object({ age_min: z.number().int().min(18).max(65), age_max: z.number().int().min(18).max(65), interests: z.array(z.string()).min(2), locations: z.array(z.string().length(2)).min(1) }),
    budget: z.object({ daily_minor: z.number().int().positive(), total_minor: z.number().int().positive(), currency: z.literal("EUR") }),
    ad_variants: z.array(z.object({ headline: z.string().max(40), primary_text: z.string().max(125), cta: z.enum(["LEARN_MORE", "SIGN_UP", "SHOP_NOW"]) })).min(2).max(3),
    kpis: z.record(z.string(), z.number()),
  }),
  "odd shapes": z.object({
    id: z.uuid(),
    site: z.url(),
    contact: z.email(),
    when: z.iso.datetime(),
    pair: z.tuple([z.string(), z.number().int()]),
    either: z.union([z.literal("fixed"), z.number()]),
    maybe: z.string().optional(),
    withDefault: z.number().default(3),
    ratio: z.number().gt(0).lt(1),
    step: z.number().multipleOf(5).min(10).max(100),
    tags: z.array(z.string()).min(2).refine((a) => new Set(a).size === a.length, "unique"),
  }),
};

describe("offline provider: schema-valid, deterministic JSON built from the inputs", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: passes its zod schema`, async () => {
      const value = await complete(schema);
      const parsed = schema.safeParse(value);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });
  }

  it("same inputs -> same output; other inputs -> other output", async () => {
    const schema = SCHEMAS["MKT-103 copy"]!;
    expect(await complete(schema)).toEqual(await complete(schema));
    const other = await complete(schema, FR_PROMPT.replace("Le cuir artisanal sénégalais", "Les paniers tressés de Thiès"), { input: "Nos vanniers tressent des paniers colorés à Thiès." });
    expect(other).not.toEqual(await complete(schema));
  });

  it("fills strings from the prompt and the data (topic, brand, keywords), in French", async () => {
    const copy = (await complete(SCHEMAS["MKT-103 copy"]!)) as { title: string; body: string; hashtags: string[]; call_to_action: string };
    const all = JSON.stringify(copy);
    expect(all).toMatch(/cuir/i);
    expect(copy.hashtags.every((h) => h.startsWith("#"))).toBe(true);
    expect(copy.hashtags.join(" ")).toMatch(/#Cuir|#Artisans|#Dakar/);
    expect(copy.body).toMatch(/\b(vous|nous|notre|pour|avec)\b/); // French copy
    expect(new Set(copy.hashtags).size).toBe(copy.hashtags.length);
  });

  it("writes English when the prompt is English, and reads the sentiment of the data", async () => {
    const schema = SCHEMAS["MKT-304 reply analysis"]!;
    const happy = (await complete(schema, "Classify this reply from a lead and draft an answer for our team.", { reply: "Thanks, this looks great! Can you send me the pricing?" })) as { sentiment: string; suggested_reply: string };
    expect(happy.sentiment).toBe("positive");
    expect(happy.suggested_reply).toMatch(/\b(thanks|thank|our|you)\b/i);
    const angry = (await complete(schema, "Classify this reply from a lead.", { reply: "This is a scam, I want a refund, terrible service." })) as { sentiment: string };
    expect(angry.sentiment).toBe("negative");
  });

  it("array items differ from one another (messages, topics)", async () => {
    const r = (await complete(SCHEMAS["MKT-102 research"]!)) as { key_messages: string[]; platforms: string[] };
    expect(new Set(r.key_messages).size).toBe(r.key_messages.length);
    expect(new Set(r.platforms).size).toBe(r.platforms.length);
  });

  it("free text (no schema) stays within the token budget and uses the prompt's subject", async () => {
    const prompt = "Rédige un post LinkedIn sur la rentrée des classes pour notre librairie.";
    const res = await offlineTextProvider.complete({ system: "s", messages: [{ role: "user", content: prompt }], maxTokens: 60, sources: { prompt, data: {} }, signal: new AbortController().signal, timeoutMs: 1000 });
    expect(res.text.length).toBeLessThanOrEqual(180);
    expect(res.text).toMatch(/rentrée des classes/i);
  });

  it("an aborted signal is honoured", async () => {
    const c = new AbortController();
    c.abort();
    await expect(offlineTextProvider.complete({ system: "s", messages: [], maxTokens: 10, sources: { prompt: "x", data: {} }, signal: c.signal, timeoutMs: 1 })).rejects.toThrow();
  });

  it("transcription is reported unavailable, not invented", async () => {
    const t = await offlineMediaProvider.transcribe({ audio: new Uint8Array(10), fileName: "a.mp3", mimeType: "audio/mpeg", signal: new AbortController().signal, timeoutMs: 1000 });
    expect(t).toMatchObject({ available: false, text: null, model: "offline-transcribe-v1" });
  });
});
