import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { generateObject, type Locale } from "@/lib/providers/ai";
import { readResearch, researchSchema, type Research } from "./schemas";

export type ResearchInputOptions = { organizationId: string; inputId: string; aiKey?: string };
export type ResearchInputResult = { inputId: string; brandId: string; research: Research; skipped: boolean };

const SYSTEM = `Tu es un expert en stratégie de contenu digital. Analyse l'input fourni dans le contexte de la marque
et propose une stratégie de contenu : un sujet, un angle, 2 à 5 messages clés, les plateformes adaptées
(LINKEDIN, FACEBOOK, INSTAGRAM, TIKTOK, X), des formats et des hashtags. Appuie-toi sur les contenus récents
les plus performants de la marque quand ils sont fournis. Respecte la voix et les consignes de la marque.`;

/**
 * MKT-102: brand voice, audience, guidelines and the brand's recent top content (20 latest
 * published, by engagement) + the processed input -> topic, angle, key messages, platforms,
 * formats, hashtags, stored on the input (status RESEARCHED). Safe to re-run.
 */
export async function researchInput(opts: ResearchInputOptions): Promise<ResearchInputResult> {
  const input = await db().contentInput.findFirst({
    where: { id: opts.inputId, organizationId: opts.organizationId },
    select: {
      id: true,
      brandId: true,
      status: true,
      type: true,
      rawContent: true,
      transcription: true,
      url: true,
      aiSummary: true,
      aiSuggestedTopics: true,
      research: true,
      brand: { select: { name: true, voice: true, targetAudience: true, contentGuidelines: true, language: true, defaultHashtags: true } },
    },
  });
  if (!input) throw notFound("contentInput");
  const stored = input.status === "RESEARCHED" ? readResearch(input.research) : null;
  if (stored) return { inputId: input.id, brandId: input.brandId, research: stored, skipped: true };
  if (input.status !== "PROCESSED") throw new AppError("conflict", "content.inputNotProcessed", { values: { status: input.status.toLowerCase() } });

  const recent = await db().contentPiece.findMany({
    where: { organizationId: opts.organizationId, brandId: input.brandId, firstPublishedAt: { not: null } },
    orderBy: { firstPublishedAt: "desc" },
    take: 20,
    select: { title: true, body: true, platform: true, engagementScore: true, engagementRate: true },
  });
  const top = recent
    .sort((a, b) => (b.engagementScore ?? 0) - (a.engagementScore ?? 0))
    .slice(0, 10)
    .map((p) => ({ platform: p.platform, title: p.title, excerpt: p.body.slice(0, 200), engagement_score: p.engagementScore, engagement_rate: p.engagementRate }));
  const locale: Locale = input.brand.language === "en" ? "en" : "fr";
  const b = input.brand;
  const { object } = await generateObject({
    organizationId: opts.organizationId,
    agent: "mkt-102-research",
    operation: "research",
    idempotencyKey: opts.aiKey,
    schema: researchSchema,
    system: SYSTEM,
    prompt: [`Marque: ${b.name}`, `Voix: ${b.voice}`, `Audience: ${b.targetAudience}`, `Consignes: ${b.contentGuidelines}`, `Langue: ${locale}`, b.defaultHashtags.length ? `Hashtags de marque: ${b.defaultHashtags.join(" ")}` : ""].filter(Boolean).join("\n"),
    data: {
      input: { type: input.type.toLowerCase(), summary: input.aiSummary, suggested_topics: input.aiSuggestedTopics, text: (input.rawContent ?? "").slice(0, 6000), extracted_text: (input.transcription ?? "").slice(0, 6000), url: input.url },
      recent_top_content: top,
    },
    locale,
    maxTokens: 2048,
  });
  const research: Research = { ...object, platforms: [...new Set(object.platforms)] };
  await db().contentInput.update({ where: { id: input.id }, data: { status: "RESEARCHED", research, errorMessage: null } });
  return { inputId: input.id, brandId: input.brandId, research, skipped: false };
}
