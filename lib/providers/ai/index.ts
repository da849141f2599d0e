import "server-only";
import type { z } from "zod";
import type { AiOperation } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { anthropicTextProvider } from "./anthropic";
import { assertAiCredits, estimateCredits, IMAGE_OUTPUT_TOKENS } from "./credits";
import { AiOutputError, toProviderError } from "./errors";
import { logAiFailure, recordAiUsage } from "./ledger";
import { offlineMediaProvider, offlineTextProvider } from "./offline";
import { openaiMediaProvider } from "./openai";
import { checkOutput, outputJsonSchema } from "./output";
import { readImageHeader } from "@/lib/media/probe-image";
import { buildRepairMessage, buildSystem, buildUserMessage, cleanOutsiderData } from "./prompt";
import { IMAGE_SIZES, type AiProviderName, type AiProviders, type AiUsage, type ChatMessage, type ImageInput, type ImageSize, type Locale, type OfflineWriter } from "./types";

/**
 * The AI gateway: the one entry point for every AI call in the app.
 *
 *   generateObject  text -> JSON validated by a zod schema (one repair turn, then AiOutputError)
 *   generateText    free text
 *   generateImage   PNG at 1024x1024 or 1024x1536
 *   transcribe      audio -> text (or "unavailable" offline)
 *   embed           texts -> vectors
 *
 * Every call: monthly credits checked first (AiQuotaError, nothing sent), a deadline (AbortSignal),
 * transport failures mapped to AiProviderError, and one ledger row per provider answer
 * (organisation, agent, model, tokens, credits, latency). Outsider text goes in `data`, never in
 * `system` / `prompt`. Vendors: Anthropic (text) and OpenAI (media) when their keys are set,
 * otherwise the offline provider.
 */
export { AiOutputError, AiProviderError, AiQuotaError, isAiFailure, type AiFailureKind } from "./errors";
export { getAiCreditBalance, PLAN_AI_CREDITS, type AiCreditBalance } from "./credits";
export { cosine } from "./hashing-vectoriser";
export { IMAGE_SIZES, type ImageSize, type Locale, type AiProviderName } from "./types";

let chosen: { key: string; providers: AiProviders } | undefined;

/** Text: Anthropic when ANTHROPIC_API_KEY is set. Media: OpenAI when OPENAI_API_KEY is set. Otherwise offline. */
export function aiProvider(): AiProviders {
  const e = env();
  const key = JSON.stringify([e.ANTHROPIC_API_KEY, e.ANTHROPIC_BASE_URL, e.ANTHROPIC_MODEL, e.ANTHROPIC_STRUCTURED_OUTPUT, e.OPENAI_API_KEY, e.OPENAI_BASE_URL, e.OPENAI_IMAGE_MODEL, e.OPENAI_TRANSCRIBE_MODEL, e.OPENAI_EMBEDDING_MODEL, e.AI_MAX_RETRIES]);
  if (chosen?.key !== key) {
    chosen = {
      key,
      providers: {
        text: e.ANTHROPIC_API_KEY
          ? anthropicTextProvider({ apiKey: e.ANTHROPIC_API_KEY, baseURL: e.ANTHROPIC_BASE_URL, model: e.ANTHROPIC_MODEL, maxRetries: e.AI_MAX_RETRIES, structuredOutput: e.ANTHROPIC_STRUCTURED_OUTPUT })
          : offlineTextProvider,
        media: e.OPENAI_API_KEY
          ? openaiMediaProvider({ apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, imageModel: e.OPENAI_IMAGE_MODEL, transcribeModel: e.OPENAI_TRANSCRIBE_MODEL, embeddingModel: e.OPENAI_EMBEDDING_MODEL, maxRetries: e.AI_MAX_RETRIES })
          : offlineMediaProvider,
      },
    };
  }
  return chosen.providers;
}

/** Who pays and why: on every call. */
export type AiCallOptions = {
  organizationId: string;
  /** Agent key (workflow id), e.g. "mkt-103-generate-content". */
  agent: string;
  /** What this call is for, logged with it, e.g. "research" or "copy:linkedin". */
  operation?: string;
  /** Deadline of each provider call in ms (default AI_TIMEOUT_MS), SDK retries included. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** "<runId>:<stepId>": a re-run step is charged once in the ledger. */
  idempotencyKey?: string;
  executionId?: string;
};

export type AiCallMeta = { provider: AiProviderName; model: string; inputTokens: number; outputTokens: number; credits: number; latencyMs: number };

export type PromptOptions = {
  /** Images for the model to look at (Anthropic vision); the offline provider answers from `prompt` and `data`. */
  images?: ImageInput[];
  /** Our instructions. Never interpolate outsider text here. */
  system: string;
  /** Our task for this call (may include trusted values: brand, topic...). */
  prompt: string;
  /** Outsider content (replies, comments, fetched pages, transcripts): sent as delimited data, never as instructions. */
  data?: Record<string, unknown>;
  /** Max output tokens, thinking included (current models think adaptively before answering). */
  maxTokens?: number;
  /** Thinking effort for the text model ("low" suits extraction and classification). */
  effort?: "low" | "medium" | "high";
  /** Language hint for the offline provider (otherwise guessed from the prompt). */
  locale?: Locale;
  /** The offline provider's writer for this answer (a vendor model ignores it): "letter" for a follow-up email. */
  offlineWriter?: OfflineWriter;
};

function deadline(opts: AiCallOptions): { signal: AbortSignal; timeoutMs: number } {
  const timeoutMs = opts.timeoutMs ?? env().AI_TIMEOUT_MS;
  const timer = AbortSignal.timeout(timeoutMs);
  return { signal: opts.signal ? AbortSignal.any([timer, opts.signal]) : timer, timeoutMs };
}

/** Run one provider call under a deadline; transport failures are logged and mapped to AiProviderError. */
async function callProvider<T>(opts: AiCallOptions, who: { provider: AiProviderName; model: string; operation: AiOperation }, fn: (d: { signal: AbortSignal; timeoutMs: number }) => Promise<T>): Promise<{ value: T; latencyMs: number }> {
  const d = deadline(opts);
  const started = performance.now();
  try {
    const value = await fn(d);
    return { value, latencyMs: performance.now() - started };
  } catch (err) {
    const mapped = toProviderError(err, who.provider, d.signal, d.timeoutMs);
    logAiFailure({ organizationId: opts.organizationId, agent: opts.agent, label: opts.operation, ...who, latencyMs: performance.now() - started, error: mapped.message, kind: "kind" in mapped ? String(mapped.kind) : mapped.code });
    throw mapped;
  }
}

async function charge(opts: AiCallOptions, who: { provider: AiProviderName; model: string; operation: AiOperation }, usage: AiUsage, latencyMs: number, outcome: string, keySuffix = ""): Promise<AiCallMeta> {
  const recorded = await recordAiUsage({
    organizationId: opts.organizationId,
    agent: opts.agent,
    executionId: opts.executionId,
    label: opts.operation,
    ...who,
    usage,
    latencyMs,
    outcome,
    idempotencyKey: opts.idempotencyKey ? `${opts.idempotencyKey}${keySuffix}` : undefined,
  });
  return { provider: who.provider, model: who.model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, credits: recorded.credits, latencyMs: Math.round(latencyMs) };
}

/**
 * Structured output: the answer must pass `schema`. An invalid answer gets one repair turn (the
 * validation errors are sent back); a second invalid answer throws AiOutputError. Both answers are
 * in the ledger; nothing else is written, so callers never persist half a piece.
 */
export async function generateObject<S extends z.ZodType>(callOpts: AiCallOptions & PromptOptions & { schema: S }): Promise<{ object: z.infer<S>; attempts: number } & AiCallMeta> {
  const opts = { ...callOpts, data: cleanOutsiderData(callOpts.data) };
  const p = aiProvider().text;
  const who = { provider: p.name, model: p.model, operation: "JSON" as const };
  const jsonSchema = outputJsonSchema(opts.schema);
  const system = buildSystem(opts.system, { json: true, hasData: !!opts.data && Object.keys(opts.data).length > 0 });
  const messages: ChatMessage[] = [{ role: "user", content: buildUserMessage(opts.prompt, opts.data, jsonSchema) }];
  const maxTokens = opts.maxTokens ?? 2048;
  let issues: { field: string; message: string }[] = [];
  let lastText = "";
  let spent = { inputTokens: 0, outputTokens: 0, credits: 0, latencyMs: 0 };
  for (let attempt = 1; attempt <= 2; attempt++) {
    const inputChars = system.length + messages.reduce((n, m) => n + m.content.length, 0);
    await assertAiCredits({ organizationId: opts.organizationId, estimate: estimateCredits({ ...who, inputChars, maxOutputTokens: maxTokens }) });
    const { value: res, latencyMs } = await callProvider(opts, who, (d) =>
      p.complete({ system, messages, images: opts.images, maxTokens, effort: opts.effort, jsonSchema, sources: { prompt: opts.prompt, data: opts.data ?? {}, locale: opts.locale, writer: opts.offlineWriter }, ...d }),
    );
    const checked = checkOutput(opts.schema, res.text, res.stopReason);
    const meta = await charge(opts, { ...who, model: res.model }, res.usage, latencyMs, checked.ok ? "ok" : `invalid output: ${checked.reason}`, attempt === 1 ? "" : ":repair");
    spent = { inputTokens: spent.inputTokens + meta.inputTokens, outputTokens: spent.outputTokens + meta.outputTokens, credits: spent.credits + meta.credits, latencyMs: spent.latencyMs + meta.latencyMs };
    if (checked.ok) return { object: checked.value, attempts: attempt, ...meta, ...spent };
    issues = checked.issues;
    lastText = res.text;
    messages.push({ role: "assistant", content: res.text.trim() || "(empty answer)" }, { role: "user", content: buildRepairMessage(checked.issues, checked.reason) });
  }
  throw new AiOutputError(`after one repair attempt (${issues[0]?.field}: ${issues[0]?.message})`, { issues, attempts: 2, rawOutput: lastText });
}

/** Free text (a reply draft, a report section). `truncated` when max_tokens cut it. */
export async function generateText(callOpts: AiCallOptions & PromptOptions): Promise<{ text: string; truncated: boolean } & AiCallMeta> {
  const opts = { ...callOpts, data: cleanOutsiderData(callOpts.data) };
  const p = aiProvider().text;
  const who = { provider: p.name, model: p.model, operation: "TEXT" as const };
  const system = buildSystem(opts.system, { json: false, hasData: !!opts.data && Object.keys(opts.data).length > 0 });
  const user = buildUserMessage(opts.prompt, opts.data);
  const maxTokens = opts.maxTokens ?? 1024;
  await assertAiCredits({ organizationId: opts.organizationId, estimate: estimateCredits({ ...who, inputChars: system.length + user.length, maxOutputTokens: maxTokens }) });
  const { value: res, latencyMs } = await callProvider(opts, who, (d) =>
    p.complete({ system, messages: [{ role: "user", content: user }], maxTokens, effort: opts.effort, sources: { prompt: opts.prompt, data: opts.data ?? {}, locale: opts.locale }, ...d }),
  );
  const truncated = res.stopReason === "max_tokens";
  const meta = await charge(opts, { ...who, model: res.model }, res.usage, latencyMs, truncated ? "ok (truncated)" : "ok");
  return { text: res.text.trim(), truncated, ...meta };
}

/** One PNG. Offline: a generated placeholder in the brand colour (`placeholder: true`). */
export async function generateImage(
  opts: AiCallOptions & { prompt: string; size?: ImageSize; quality?: "low" | "medium" | "high"; brandColor?: string },
): Promise<{ png: Buffer; mimeType: "image/png"; width: number; height: number; placeholder: boolean; revisedPrompt?: string } & AiCallMeta> {
  const size = opts.size ?? "1024x1024";
  if (!IMAGE_SIZES.includes(size)) throw new AppError("validation", "ai.imageSize", { field: "size", values: { sizes: IMAGE_SIZES.join(", ") } });
  const m = aiProvider().media;
  const who = { provider: m.name, model: m.imageModel, operation: "IMAGE" as const };
  const quality = opts.quality ?? "medium";
  await assertAiCredits({ organizationId: opts.organizationId, estimate: estimateCredits({ ...who, inputChars: opts.prompt.length, maxOutputTokens: IMAGE_OUTPUT_TOKENS[quality][size] }) });
  const { value: res, latencyMs } = await callProvider(opts, who, (d) => m.image({ prompt: opts.prompt, size, quality, brandColor: opts.brandColor, ...d }));
  const header = await readImageHeader(res.png);
  const dims = header?.mimeType === "image/png" ? header : null;
  const meta = await charge(opts, { ...who, model: res.model }, res.usage, latencyMs, dims ? "ok" : "invalid output: not a PNG");
  if (!dims) throw new AiOutputError("the image service returned something that is not a PNG", { issues: [{ field: "image", message: "not a PNG" }], attempts: 1, rawOutput: "" });
  return { png: res.png, mimeType: "image/png", width: dims.width, height: dims.height, placeholder: res.placeholder, revisedPrompt: res.revisedPrompt, ...meta };
}

/** OpenAI accepts audio files up to 25 MB. */
export const MAX_TRANSCRIPTION_BYTES = 25 * 1024 * 1024;

/** Audio -> text. Offline: `available: false` (keep the audio; say the transcript is unavailable). */
export async function transcribe(
  opts: AiCallOptions & { audio: Uint8Array; fileName: string; mimeType: string; language?: string; durationSeconds?: number },
): Promise<{ available: boolean; text: string | null; language?: string } & AiCallMeta> {
  if (opts.audio.byteLength > MAX_TRANSCRIPTION_BYTES) throw new AppError("payload_too_large", "ai.audioTooLarge", { field: "audio" });
  const m = aiProvider().media;
  const who = { provider: m.name, model: m.transcribeModel, operation: "TRANSCRIPTION" as const };
  // Unknown duration: assume 128 kbit/s audio for the worst-case estimate.
  const audioSeconds = opts.durationSeconds ?? opts.audio.byteLength / 16_000;
  await assertAiCredits({ organizationId: opts.organizationId, estimate: estimateCredits({ ...who, inputChars: 0, audioSeconds }) });
  const { value: res, latencyMs } = await callProvider(opts, who, (d) => m.transcribe({ audio: opts.audio, fileName: opts.fileName, mimeType: opts.mimeType, language: opts.language, durationSeconds: opts.durationSeconds, ...d }));
  const meta = await charge(opts, { ...who, model: res.model }, res.usage, latencyMs, res.available ? "ok" : "unavailable");
  return { available: res.available, text: res.text, language: res.language, ...meta };
}

/** Texts -> vectors (same order). Store `model` with the vectors: vectors of different models do not compare. */
export async function embed(opts: AiCallOptions & { texts: string[] }): Promise<{ vectors: number[][]; dimensions: number } & AiCallMeta> {
  if (opts.texts.length === 0) throw new AppError("validation", "ai.nothingToEmbed", { field: "texts" });
  if (opts.texts.length > 2048) throw new AppError("validation", "ai.tooManyTexts", { field: "texts", values: { max: 2048 } });
  const m = aiProvider().media;
  const who = { provider: m.name, model: m.embeddingModel, operation: "EMBEDDING" as const };
  const inputChars = opts.texts.reduce((n, t) => n + t.length, 0);
  await assertAiCredits({ organizationId: opts.organizationId, estimate: estimateCredits({ ...who, inputChars }) });
  const { value: res, latencyMs } = await callProvider(opts, who, (d) => m.embed({ texts: opts.texts, ...d }));
  const meta = await charge(opts, { ...who, model: res.model }, res.usage, latencyMs, "ok");
  return { vectors: res.vectors, dimensions: res.dimensions, ...meta };
}
