import type OpenAI from "openai";
import { AppError } from "@/lib/errors";
import { readImageHeader } from "@/lib/media/probe-image";
import type { MediaProvider, ImageRequest, ImageResult, TranscriptionRequest, TranscriptionResult, EmbeddingRequest, EmbeddingResult } from "./types";

/**
 * OpenAI for images (gpt-image models, PNG as base64), audio transcription and embeddings.
 * The SDK retries 408/409/429/5xx itself (Retry-After honoured) inside the call's deadline.
 * The SDK is loaded on the first call, not at start-up (a process without OPENAI_API_KEY never loads it).
 */
export type OpenAiOptions = { apiKey: string; baseURL?: string; imageModel: string; transcribeModel: string; embeddingModel: string; maxRetries: number };

export function openaiMediaProvider(opts: OpenAiOptions): MediaProvider {
  let loaded: Promise<{ client: OpenAI; toFile: typeof import("openai").toFile }> | undefined;
  const sdk = () =>
    (loaded ??= import("openai").then(({ default: Sdk, toFile }) => ({ client: new Sdk({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: opts.maxRetries }), toFile })));
  const request = (r: { signal: AbortSignal; timeoutMs: number }) => ({ signal: r.signal, timeout: r.timeoutMs });

  return {
    name: "openai",
    imageModel: opts.imageModel,
    transcribeModel: opts.transcribeModel,
    embeddingModel: opts.embeddingModel,

    async image(req: ImageRequest): Promise<ImageResult> {
      const { client } = await sdk();
      const res = await client.images.generate(
        { model: opts.imageModel, prompt: req.prompt, size: req.size, n: 1, quality: req.quality ?? "medium", output_format: "png" },
        request(req),
      );
      const first = res.data?.[0];
      let png: Buffer;
      if (first?.b64_json) png = Buffer.from(first.b64_json, "base64");
      else if (first?.url) {
        const download = await fetch(first.url, { signal: req.signal });
        if (!download.ok) throw new AppError("upstream", "ai.provider", { values: { provider: "openai", detail: `image download failed (${download.status})` } });
        png = Buffer.from(await download.arrayBuffer());
      } else throw new AppError("upstream", "ai.provider", { values: { provider: "openai", detail: "no image returned" } });
      const size = await readImageHeader(png);
      if (size?.mimeType !== "image/png") throw new AppError("upstream", "ai.provider", { values: { provider: "openai", detail: "the image is not a PNG" } });
      const u = res.usage;
      return {
        png,
        width: size.width,
        height: size.height,
        model: opts.imageModel,
        revisedPrompt: first.revised_prompt ?? undefined,
        placeholder: false,
        usage: { inputTokens: u?.input_tokens ?? 0, outputTokens: u?.output_tokens ?? 0, imageOutputTokens: u?.output_tokens_details?.image_tokens ?? u?.output_tokens ?? 0, imageCount: 1 },
      };
    },

    async transcribe(req: TranscriptionRequest): Promise<TranscriptionResult> {
      const { client, toFile } = await sdk();
      const file = await toFile(Buffer.from(req.audio), req.fileName, { type: req.mimeType });
      const res = await client.audio.transcriptions.create({ file, model: opts.transcribeModel, response_format: "json", ...(req.language ? { language: req.language } : {}) }, request(req));
      const u = res.usage;
      const usage =
        u?.type === "tokens"
          ? { inputTokens: u.input_tokens, outputTokens: u.output_tokens, audioSeconds: req.durationSeconds }
          : { inputTokens: 0, outputTokens: 0, audioSeconds: u?.type === "duration" ? u.seconds : req.durationSeconds };
      return { available: true, text: res.text, language: req.language, model: opts.transcribeModel, usage };
    },

    async embed(req: EmbeddingRequest): Promise<EmbeddingResult> {
      const { client } = await sdk();
      const res = await client.embeddings.create({ model: opts.embeddingModel, input: req.texts, encoding_format: "float" }, request(req));
      const vectors = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== req.texts.length) throw new AppError("upstream", "ai.provider", { values: { provider: "openai", detail: `${vectors.length} embeddings for ${req.texts.length} texts` } });
      return { vectors, model: res.model || opts.embeddingModel, dimensions: vectors[0]?.length ?? 0, usage: { inputTokens: res.usage.prompt_tokens, outputTokens: 0 } };
    },
  };
}
