import type Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import type { TextProvider, TextRequest, TextResult } from "./types";

/**
 * Anthropic Messages API for text and JSON. The JSON Schema is also sent as structured output
 * (output_config.format) when enabled; the gateway still validates every answer with zod.
 * The SDK retries 408/409/429/5xx/529 itself (Retry-After honoured) inside the call's deadline.
 * The SDK is loaded on the first call, not at start-up (a process without ANTHROPIC_API_KEY never loads it).
 */
export type AnthropicOptions = { apiKey: string; baseURL?: string; model: string; maxRetries: number; structuredOutput: boolean };

export function anthropicTextProvider(opts: AnthropicOptions): TextProvider {
  let loaded: Promise<{ client: Anthropic; transformJSONSchema: TransformJsonSchema }> | undefined;
  const sdk = () =>
    (loaded ??= Promise.all([import("@anthropic-ai/sdk"), import("@anthropic-ai/sdk/lib/transform-json-schema")]).then(([{ default: Sdk }, { transformJSONSchema }]) => ({
      client: new Sdk({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: opts.maxRetries }),
      transformJSONSchema,
    })));
  return {
    name: "anthropic",
    model: opts.model,
    async complete(req: TextRequest): Promise<TextResult> {
      const { client, transformJSONSchema } = await sdk();
      const params: MessageCreateParamsNonStreaming = {
        model: opts.model,
        max_tokens: req.maxTokens,
        system: req.system,
        messages: req.messages.map((m, i) =>
          i === 0 && m.role === "user" && req.images?.length
            ? {
                role: m.role,
                content: [
                  ...req.images.map((img) => ({ type: "image" as const, source: { type: "base64" as const, media_type: img.mimeType, data: Buffer.from(img.data).toString("base64") } })),
                  { type: "text" as const, text: m.content },
                ],
              }
            : { role: m.role, content: m.content },
        ),
      };
      const format = req.jsonSchema && opts.structuredOutput ? structuredFormat(req.jsonSchema, transformJSONSchema) : undefined;
      if (format || req.effort) params.output_config = { ...(format ? { format } : {}), ...(req.effort ? { effort: req.effort } : {}) };
      const { data: message, request_id } = await client.messages.create(params, { signal: req.signal, timeout: req.timeoutMs }).withResponse();
      // Thinking blocks (adaptive thinking) are not part of the answer.
      const text = message.content
        .filter((b): b is Extract<typeof b, { type: "text" }> => b.type === "text")
        .map((b) => b.text)
        .join("");
      const u = message.usage;
      return {
        text,
        model: message.model || opts.model,
        stopReason: message.stop_reason,
        requestId: request_id ?? undefined,
        usage: { inputTokens: u.input_tokens, outputTokens: u.output_tokens, cacheReadTokens: u.cache_read_input_tokens ?? 0, cacheWriteTokens: u.cache_creation_input_tokens ?? 0 },
      };
    },
  };
}

/** Structured output accepts a subset of JSON Schema: the SDK's own transform moves the rest into descriptions. */
type TransformJsonSchema = typeof import("@anthropic-ai/sdk/lib/transform-json-schema").transformJSONSchema;

function structuredFormat(schema: Record<string, unknown>, transformJSONSchema: TransformJsonSchema): { type: "json_schema"; schema: Record<string, unknown> } | undefined {
  try {
    return { type: "json_schema", schema: transformJSONSchema(schema) as Record<string, unknown> };
  } catch {
    return undefined; // e.g. a field of any type: rely on the prompt + validation instead
  }
}
