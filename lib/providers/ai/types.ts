/**
 * Contracts between the AI gateway (index.ts) and the vendors behind it. Business code never sees
 * these: it calls generateObject / generateText / generateImage / transcribe / embed.
 */
export type AiProviderName = "anthropic" | "openai" | "offline";

/** Sizes the image models still accept (DALL-E's 1024x1792 is retired): square post, portrait story. */
export const IMAGE_SIZES = ["1024x1024", "1024x1536"] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export type Locale = "fr" | "en";

/**
 * What the offline provider should write instead of its generic copy: "letter" = a follow-up email
 * `{ subject, body }` (offline-letter.ts); "reply-classification", "objection-answer" and
 * "escalation-brief" = MKT-304/306's answers (offline-replies.ts); "briefing" = MKT-305's call briefing `{ summary, points, nextStep }` (offline-briefing.ts); "scenario-assistant" = the scenario assistant's target suggestions, plans
 * and chat answers (offline-scenarios.ts).
 */
export type OfflineWriter = "letter" | "reply-classification" | "objection-answer" | "escalation-brief" | "briefing" | "scenario-assistant" | "weekly-report" | "inbox-triage";

export type ChatMessage = { role: "user" | "assistant"; content: string };

/** What was billed for one provider call (the ledger turns it into credits). */
export type AiUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  imageCount?: number;
  audioSeconds?: number;
  /** Image models bill image output tokens separately from text tokens. */
  imageOutputTokens?: number;
};

/** An image shown to the text model (vision), e.g. an uploaded idea to describe. Outsider content. */
export type ImageInput = { data: Uint8Array; mimeType: "image/png" | "image/jpeg" | "image/webp" | "image/gif" };

export type TextRequest = {
  /** Images attached to the first user message (providers without vision ignore them). */
  images?: ImageInput[];
  system: string;
  messages: ChatMessage[];
  maxTokens: number;
  /** JSON calls: the JSON Schema of the expected output (the zod schema stays the judge). */
  jsonSchema?: Record<string, unknown>;
  /** How much the model may think first (Anthropic output_config.effort); thinking counts against maxTokens. */
  effort?: "low" | "medium" | "high";
  /** The caller's own inputs, for the offline provider that builds its answer from them. */
  sources: { prompt: string; data: Record<string, unknown>; locale?: Locale; writer?: OfflineWriter };
  signal: AbortSignal;
  timeoutMs: number;
};

export type TextResult = {
  text: string;
  model: string;
  usage: AiUsage;
  /** "max_tokens" when the answer was cut. */
  stopReason: string | null;
  requestId?: string;
};

export interface TextProvider {
  readonly name: AiProviderName;
  readonly model: string;
  complete(req: TextRequest): Promise<TextResult>;
}

export type ImageRequest = { prompt: string; size: ImageSize; quality?: "low" | "medium" | "high"; brandColor?: string; signal: AbortSignal; timeoutMs: number };
export type ImageResult = { png: Buffer; width: number; height: number; model: string; usage: AiUsage; revisedPrompt?: string; placeholder: boolean };

export type TranscriptionRequest = { audio: Uint8Array; fileName: string; mimeType: string; language?: string; durationSeconds?: number; signal: AbortSignal; timeoutMs: number };
/** `available: false` = no transcription service (offline): the caller keeps the audio and says so. */
export type TranscriptionResult = { available: boolean; text: string | null; language?: string; model: string; usage: AiUsage };

export type EmbeddingRequest = { texts: string[]; signal: AbortSignal; timeoutMs: number };
export type EmbeddingResult = { vectors: number[][]; model: string; dimensions: number; usage: AiUsage };

export interface MediaProvider {
  readonly name: AiProviderName;
  readonly imageModel: string;
  readonly transcribeModel: string;
  readonly embeddingModel: string;
  image(req: ImageRequest): Promise<ImageResult>;
  transcribe(req: TranscriptionRequest): Promise<TranscriptionResult>;
  embed(req: EmbeddingRequest): Promise<EmbeddingResult>;
}

export type AiProviders = { text: TextProvider; media: MediaProvider };
