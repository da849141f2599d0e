import type { AiOperation, Plan } from "@/lib/db/generated/enums";
import { logger } from "@/lib/log";
import type { AiProviderName, AiUsage } from "./types";

/**
 * AI spend in credits: 1 credit = 1/100 of a US cent (so $1 = 10,000 credits). Prices are public list
 * prices in USD per million tokens (or per image / per audio minute), kept here in code: a price
 * change is a reviewed commit. Each organisation has a monthly allowance (Organization.aiCreditsMonthly,
 * set from its plan) plus any GRANT / ADJUSTMENT ledger rows of the month; it is checked before a call.
 * A GRANT whose idempotency key is "<organizationId>:grant:<YYYY-MM>" is that month's allowance written
 * to the ledger (e.g. by billing or the demo seed): it replaces aiCreditsMonthly for the month instead of
 * adding to it. Months follow the organisation's time zone.
 */

/** Default monthly allowance per plan, in credits (what Organization.aiCreditsMonthly is set to). */
export const PLAN_AI_CREDITS: Record<Plan, number> = {
  FREE: 500_000, // $50
  PRO: 2_500_000, // $250
  BUSINESS: 10_000_000, // $1,000
};

type TokenPrice = { input: number; output: number; cacheRead?: number; cacheWrite?: number; longContext?: { overInputTokens: number } & Omit<TokenPrice, "longContext"> };
type ModelPrice =
  | { kind: "tokens"; usdPerMTok: TokenPrice; imageOutput?: number }
  | { kind: "audio"; usdPerMinute: number; usdPerMTok?: TokenPrice }
  | { kind: "free" };

/** Exact model names first, then family prefixes; unknown models are priced at the most expensive rate. */
const PRICES: { match: RegExp; price: ModelPrice }[] = [
  { match: /^offline-/, price: { kind: "free" } },
  // Anthropic list prices (platform.claude.com model pages, 2026-11); cache write = 5-minute rate.
  { match: /^claude-fable/, price: { kind: "tokens", usdPerMTok: { input: 10, output: 50, cacheRead: 1, cacheWrite: 12.5 } } },
  { match: /^claude-opus-5-5/, price: { kind: "tokens", usdPerMTok: { input: 4, output: 20, cacheRead: 0.4, cacheWrite: 5 } } },
  { match: /^claude-opus-4-(0|1)|^claude-opus-4$|^claude-opus-4-2025/, price: { kind: "tokens", usdPerMTok: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 } } },
  { match: /^claude-opus-(5|4-[5-9])/, price: { kind: "tokens", usdPerMTok: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } } },
  { match: /^claude-sonnet-5/, price: { kind: "tokens", usdPerMTok: { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 } } },
  { match: /^claude-sonnet-4/, price: { kind: "tokens", usdPerMTok: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } } },
  {
    match: /^claude-haiku-5/,
    price: { kind: "tokens", usdPerMTok: { input: 0.1, output: 0.5, cacheRead: 0.01, cacheWrite: 0.125, longContext: { overInputTokens: 100_000, input: 0.5, output: 2.5, cacheRead: 0.05, cacheWrite: 0.625 } } },
  },
  { match: /^claude-haiku-4/, price: { kind: "tokens", usdPerMTok: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 } } },
  { match: /^claude-3-5-haiku|^claude-haiku-3/, price: { kind: "tokens", usdPerMTok: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 } } },
  // gpt-image-1: text input $5/M, image output $40/M (the SDK reports both in usage).
  { match: /^gpt-image-1-mini/, price: { kind: "tokens", usdPerMTok: { input: 2, output: 8 }, imageOutput: 8 } },
  { match: /^gpt-image/, price: { kind: "tokens", usdPerMTok: { input: 5, output: 40 }, imageOutput: 40 } },
  { match: /^gpt-4o-mini-transcribe/, price: { kind: "audio", usdPerMinute: 0.003, usdPerMTok: { input: 3, output: 5 } } },
  { match: /^gpt-4o-transcribe/, price: { kind: "audio", usdPerMinute: 0.006, usdPerMTok: { input: 6, output: 10 } } },
  { match: /^whisper/, price: { kind: "audio", usdPerMinute: 0.006 } },
  { match: /^text-embedding-3-small/, price: { kind: "tokens", usdPerMTok: { input: 0.02, output: 0 } } },
  { match: /^text-embedding-3-large/, price: { kind: "tokens", usdPerMTok: { input: 0.13, output: 0 } } },
  { match: /^text-embedding-ada/, price: { kind: "tokens", usdPerMTok: { input: 0.1, output: 0 } } },
];
const UNKNOWN: ModelPrice = { kind: "tokens", usdPerMTok: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 }, imageOutput: 40 };
/** Flat fallback when an image model reports no token usage (1024x1536 medium, the dearer size). */
const USD_PER_IMAGE_FALLBACK = 0.063;

const warned = new Set<string>();
function priceOf(model: string): ModelPrice {
  const hit = PRICES.find((p) => p.match.test(model));
  if (hit) return hit.price;
  if (!warned.has(model)) {
    warned.add(model);
    logger().warn({ model }, "no price for this AI model: charged at the most expensive rate; add it to lib/providers/ai/credit-rates.ts");
  }
  return UNKNOWN;
}

/** USD -> credits, rounded up (a call never costs less than it did). */
function toCredits(usd: number): number {
  return Math.ceil(Math.round(usd * 10_000 * 1e6) / 1e6);
}

function tokenUsd(price: TokenPrice, u: AiUsage, imageOutputPrice?: number): number {
  // Long prompts switch some models to a higher tier for the whole call.
  const p = price.longContext && u.inputTokens + (u.cacheReadTokens ?? 0) + (u.cacheWriteTokens ?? 0) > price.longContext.overInputTokens ? price.longContext : price;
  const textOut = u.outputTokens - (u.imageOutputTokens ?? 0);
  return (
    (u.inputTokens * p.input +
      Math.max(0, textOut) * p.output +
      (u.imageOutputTokens ?? 0) * (imageOutputPrice ?? p.output) +
      (u.cacheReadTokens ?? 0) * (p.cacheRead ?? p.input) +
      (u.cacheWriteTokens ?? 0) * (p.cacheWrite ?? p.input)) /
    1_000_000
  );
}

/** Credits for one provider call. */
export function creditsFor(model: string, operation: AiOperation, usage: AiUsage): number {
  const price = priceOf(model);
  if (price.kind === "free") return 0;
  if (price.kind === "audio") {
    // Token-billed transcription models report tokens; others bill the audio duration.
    if (price.usdPerMTok && usage.inputTokens + usage.outputTokens > 0) return toCredits(tokenUsd(price.usdPerMTok, usage));
    return toCredits(((usage.audioSeconds ?? 0) / 60) * price.usdPerMinute);
  }
  if (operation === "IMAGE" && usage.inputTokens + usage.outputTokens === 0) return toCredits((usage.imageCount ?? 1) * USD_PER_IMAGE_FALLBACK);
  return toCredits(tokenUsd(price.usdPerMTok, usage, price.imageOutput));
}

/** Image output tokens of gpt-image models by quality and size (what one image is billed). */
export const IMAGE_OUTPUT_TOKENS: Record<"low" | "medium" | "high", Record<"1024x1024" | "1024x1536", number>> = {
  low: { "1024x1024": 272, "1024x1536": 408 },
  medium: { "1024x1024": 1056, "1024x1536": 1584 },
  high: { "1024x1024": 4160, "1024x1536": 6240 },
};

/** Worst-case credits of a call about to be made: full prompt + max output (+ one image / the audio). */
export function estimateCredits(input: { provider: AiProviderName; model: string; operation: AiOperation; inputChars: number; maxOutputTokens?: number; audioSeconds?: number }): number {
  if (input.provider === "offline") return 0;
  const outputTokens = input.maxOutputTokens ?? 0;
  const usage: AiUsage = {
    inputTokens: Math.ceil(input.inputChars / 3.5),
    outputTokens,
    imageOutputTokens: input.operation === "IMAGE" ? outputTokens : 0,
    imageCount: input.operation === "IMAGE" ? 1 : 0,
    audioSeconds: input.audioSeconds,
  };
  return creditsFor(input.model, input.operation, usage);
}

