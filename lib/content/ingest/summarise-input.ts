import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { generateObject, type Locale } from "@/lib/providers/ai";
import { inputSummarySchema } from "./schemas";

export type SummariseInputOptions = { organizationId: string; inputId: string; aiKey?: string };
export type SummariseInputResult = { inputId: string; brandId: string; summary: string; suggestedTopics: string[]; skipped: boolean };

const SYSTEM = `Tu es un stratège de contenu digital. Résume l'input fourni (dans les données) en quelques phrases fidèles,
puis suggère exactement 3 sujets de contenu potentiels, concrets et distincts, pour la marque.
N'invente pas de faits absents de l'input. Si l'input est une image ou un audio sans transcription, dis-le et appuie-toi sur la légende et le nom du fichier.`;

/** MKT-101, second half: summary + 3 suggested topics; the input becomes PROCESSED. Safe to re-run. */
export async function summariseInput(opts: SummariseInputOptions): Promise<SummariseInputResult> {
  const input = await db().contentInput.findFirst({
    where: { id: opts.inputId, organizationId: opts.organizationId },
    select: { id: true, brandId: true, type: true, status: true, rawContent: true, url: true, transcription: true, transcriptionUnavailable: true, aiSummary: true, aiSuggestedTopics: true, brand: { select: { name: true, language: true } }, mediaAsset: { select: { fileName: true, mimeType: true } } },
  });
  if (!input) throw notFound("contentInput");
  if ((input.status === "PROCESSED" || input.status === "RESEARCHED") && input.aiSummary) {
    const topics = Array.isArray(input.aiSuggestedTopics) ? input.aiSuggestedTopics.filter((t): t is string => typeof t === "string") : [];
    return { inputId: input.id, brandId: input.brandId, summary: input.aiSummary, suggestedTopics: topics, skipped: true };
  }
  const locale: Locale = input.brand.language === "en" ? "en" : "fr";
  const data: Record<string, unknown> = { input_type: input.type.toLowerCase() };
  if (input.rawContent) data[input.type === "TEXT" ? "text" : "note"] = input.rawContent.slice(0, 12_000);
  if (input.url) data.url = input.url;
  if (input.transcription) data[input.type === "URL" ? "page_text" : input.type === "IMAGE" ? "image_description" : "transcript"] = input.transcription.slice(0, 12_000);
  if (input.type === "AUDIO" && input.transcriptionUnavailable) data.transcript_status = "unavailable";
  if (input.mediaAsset) data.file = { name: input.mediaAsset.fileName, type: input.mediaAsset.mimeType };
  const { object } = await generateObject({
    organizationId: opts.organizationId,
    agent: "mkt-101-ingest-input",
    operation: "summarise",
    idempotencyKey: opts.aiKey,
    schema: inputSummarySchema,
    system: SYSTEM,
    prompt: `Marque: ${input.brand.name}\nLangue: ${locale}\nRésume cet input et suggère 3 sujets de contenu potentiels.`,
    data,
    locale,
    effort: "low",
  });
  await db().contentInput.update({
    where: { id: input.id },
    data: { status: "PROCESSED", aiSummary: object.summary, aiSuggestedTopics: object.suggested_topics, processedAt: new Date(), errorMessage: null },
  });
  return { inputId: input.id, brandId: input.brandId, summary: object.summary, suggestedTopics: object.suggested_topics, skipped: false };
}
