import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AiProviderError, AiQuotaError, aiProvider, embed, generateImage, transcribe } from "@/lib/providers/ai";
import { readImageHeader } from "@/lib/media/probe-image";
import { AppError } from "@/lib/errors";
import { createOpenAiFake, openaiErrors, type OpenAiFake } from "@/tests/fakes/openai";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { setEnv } from "./harness";

/**
 * Images, transcription and embeddings through the real OpenAI SDK pointed at the local fake:
 * request shapes, parsing, the SDK's retries, typed errors, credits checked first, ledger rows.
 */
const KEY = "sk-openai-test";
let t: TestDatabase;
let fake: OpenAiFake;

async function seedOrg(credits = 500_000) {
  const org = await t.db.organization.create({ data: { slug: `oa-${randomBytes(4).toString("hex")}`, name: "OpenAI Org", aiCreditsMonthly: credits } });
  return org.id;
}
const base = (organizationId: string) => ({ organizationId, agent: "mkt-103-generate-content", timeoutMs: 5_000 });

beforeAll(async () => {
  t = await createTestDatabase();
  fake = createOpenAiFake({ apiKey: KEY });
  await fake.server.start();
  setEnv({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.server.url}/v1`, OPENAI_IMAGE_MODEL: "gpt-image-1", OPENAI_TRANSCRIBE_MODEL: "gpt-4o-mini-transcribe", OPENAI_EMBEDDING_MODEL: "text-embedding-3-small", AI_MAX_RETRIES: "1" });
});
afterAll(async () => {
  await fake.server.stop();
  await t.cleanup();
  setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, OPENAI_IMAGE_MODEL: undefined, OPENAI_TRANSCRIBE_MODEL: undefined, OPENAI_EMBEDDING_MODEL: undefined, AI_MAX_RETRIES: undefined });
});
beforeEach(() => fake.reset());

describe("generateImage against the OpenAI fake", () => {
  it("chooses OpenAI for media when OPENAI_API_KEY is set", () => {
    expect(aiProvider().media).toMatchObject({ name: "openai", imageModel: "gpt-image-1" });
  });

  it("sends model/size/quality/png (no response_format for gpt-image), decodes the PNG, records image tokens", async () => {
    const orgId = await seedOrg();
    const res = await generateImage({ ...base(orgId), prompt: "Sac en cuir sur fond ocre, lumière douce", size: "1024x1536", quality: "medium" });
    expect(await readImageHeader(res.png)).toEqual({ mimeType: "image/png", width: 1024, height: 1536 });
    expect(res).toMatchObject({ mimeType: "image/png", width: 1024, height: 1536, placeholder: false, provider: "openai", model: "gpt-image-1" });
    const req = fake.requests[0]!;
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.json).toMatchObject({ model: "gpt-image-1", prompt: "Sac en cuir sur fond ocre, lumière douce", size: "1024x1536", n: 1, quality: "medium", output_format: "png" });
    expect(req.json).not.toHaveProperty("response_format");
    const row = await t.db.aiUsageEntry.findFirstOrThrow({ where: { organizationId: orgId } });
    // 10 prompt tokens at $5/M + 1584 image tokens at $40/M = 0.5 + 633.6 -> 635 credits.
    expect(row).toMatchObject({ operation: "IMAGE", provider: "openai", model: "gpt-image-1", imageCount: 1, outputTokens: 1584, credits: 635 });
  });

  it("only the two supported sizes are accepted, before any request (DALL-E's 1024x1792 is retired)", async () => {
    const orgId = await seedOrg();
    const err = await generateImage({ ...base(orgId), prompt: "story", size: "1024x1792" as "1024x1536" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).field).toBe("size");
    expect(fake.requests).toHaveLength(0);
  });

  it("429 after the SDK's retry -> rate_limited with Retry-After; 500 once -> retried and fine", async () => {
    const orgId = await seedOrg();
    const limited = { ...openaiErrors.rateLimited(12), headers: { "retry-after": "12", "retry-after-ms": "5" } };
    fake.enqueue("images", limited, limited);
    const err = (await generateImage({ ...base(orgId), prompt: "x" }).catch((e: unknown) => e)) as AiProviderError;
    expect([err.kind, err.code, err.retryAfterSeconds, err.retryable]).toEqual(["rate_limited", "rate_limited", 12, true]);
    expect(err.message).toContain("Rate limit reached");
    expect(fake.requests).toHaveLength(2);
    fake.reset();
    fake.enqueue("images", { ...openaiErrors.server(), headers: { "retry-after-ms": "5" } });
    await expect(generateImage({ ...base(orgId), prompt: "x" })).resolves.toMatchObject({ width: 1024 });
    expect(fake.requests).toHaveLength(2);
  });

  it("a deadline -> timeout error; a wrong key -> auth error; no ledger rows for either", async () => {
    const orgId = await seedOrg();
    fake.enqueue("images", { delayMs: 3_000 }, { delayMs: 3_000 });
    const started = Date.now();
    const slow = (await generateImage({ ...base(orgId), prompt: "x", timeoutMs: 200 }).catch((e: unknown) => e)) as AiProviderError;
    expect([slow.kind, slow.retryable]).toEqual(["timeout", true]);
    expect(Date.now() - started).toBeLessThan(2_000);
    setEnv({ OPENAI_API_KEY: "sk-wrong" });
    try {
      const denied = (await generateImage({ ...base(orgId), prompt: "x" }).catch((e: unknown) => e)) as AiProviderError;
      expect([denied.kind, denied.status, denied.retryable]).toEqual(["auth", 401, false]);
    } finally {
      setEnv({ OPENAI_API_KEY: KEY });
    }
    expect(await t.db.aiUsageEntry.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it("no credits left -> AiQuotaError before any request", async () => {
    const orgId = await seedOrg(100);
    const err = await generateImage({ ...base(orgId), prompt: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AiQuotaError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("transcribe against the OpenAI fake", () => {
  it("uploads multipart (file, model, language, json) and returns the text with token usage", async () => {
    const orgId = await seedOrg();
    const audio = new Uint8Array(32_000).fill(7);
    const res = await transcribe({ ...base(orgId), audio, fileName: "memo.m4a", mimeType: "audio/mp4", language: "fr", durationSeconds: 2 });
    expect(res).toMatchObject({ available: true, text: fake.state.transcript, language: "fr", provider: "openai", model: "gpt-4o-mini-transcribe" });
    const form = fake.requests[0]!.form!;
    expect(form.get("model")).toBe("gpt-4o-mini-transcribe");
    expect(form.get("language")).toBe("fr");
    expect(form.get("response_format")).toBe("json");
    const file = form.get("file") as File;
    expect([file.name, file.size]).toEqual(["memo.m4a", 32_000]);
    expect(new Uint8Array(await file.arrayBuffer())[0]).toBe(7);
    const row = await t.db.aiUsageEntry.findFirstOrThrow({ where: { organizationId: orgId } });
    expect(row).toMatchObject({ operation: "TRANSCRIPTION", inputTokens: 320, audioSeconds: 2 });
    expect(row.credits).toBeGreaterThan(0);
  });

  it("audio above 25 MB is refused before any request", async () => {
    const orgId = await seedOrg();
    const err = await transcribe({ ...base(orgId), audio: new Uint8Array(25 * 1024 * 1024 + 1), fileName: "big.mp3", mimeType: "audio/mpeg" }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("payload_too_large");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("embed against the OpenAI fake", () => {
  it("sends the texts with encoding_format float and returns one vector per text, in order", async () => {
    const orgId = await seedOrg();
    const res = await embed({ ...base(orgId), agent: "mkt-404-learning-loop", texts: ["Les carrousels performent le mardi", "Le coût par lead baisse en soirée"] });
    expect(fake.requests[0]!.json).toMatchObject({ model: "text-embedding-3-small", input: ["Les carrousels performent le mardi", "Le coût par lead baisse en soirée"], encoding_format: "float" });
    expect(res.vectors).toHaveLength(2);
    expect(res.dimensions).toBe(1536);
    expect(res.vectors[0]).not.toEqual(res.vectors[1]);
    expect(res.model).toBe("text-embedding-3-small");
    const row = await t.db.aiUsageEntry.findFirstOrThrow({ where: { organizationId: orgId } });
    expect(row).toMatchObject({ operation: "EMBEDDING", workflowKey: "mkt-404-learning-loop", inputTokens: res.inputTokens });
    expect(row.inputTokens).toBeGreaterThan(0);
  });

  it("a 400 from the API is a non-retryable bad_request naming the API's message", async () => {
    const orgId = await seedOrg();
    fake.enqueue("embeddings", { status: 400, error: { message: "This model's maximum context length is 8192 tokens", type: "invalid_request_error", code: null, param: "input" } });
    const err = (await embed({ ...base(orgId), texts: ["x"] }).catch((e: unknown) => e)) as AiProviderError;
    expect([err.kind, err.retryable]).toEqual(["bad_request", false]);
    expect(err.message).toContain("maximum context length");
    expect(fake.requests).toHaveLength(1);
  });
});
