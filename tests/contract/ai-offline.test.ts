import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { aiProvider, cosine, embed, generateImage, generateObject, generateText, getAiCreditBalance, transcribe } from "@/lib/providers/ai";
import { readImageHeader } from "@/lib/media/probe-image";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { setEnv } from "./harness";

/**
 * Zero configuration: with no AI keys, every gateway call runs on the offline provider through the
 * same pipeline (credits check, validation, ledger), so a fresh install demos every AI step.
 */
let t: TestDatabase;
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  setEnv({ ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: undefined });
  orgId = (await t.db.organization.create({ data: { slug: `off-${randomBytes(4).toString("hex")}`, name: "Offline Org" } })).id;
});
afterAll(async () => {
  await t.cleanup();
});

describe("the AI gateway without any key", () => {
  it("picks the offline provider for text and media", () => {
    expect(aiProvider().text.name).toBe("offline");
    expect(aiProvider().media.name).toBe("offline");
  });

  it("generateObject: schema-valid copy from the inputs, one ledger row at 0 credits", async () => {
    const schema = z.object({ summary: z.string().min(20), suggested_topics: z.array(z.string()).length(3) });
    const res = await generateObject({
      organizationId: orgId,
      agent: "mkt-101-ingest-input",
      schema,
      system: "Résume cet input et suggère 3 sujets de contenu potentiels.",
      prompt: "Résume cet input.",
      data: { input: "Nos artisans de Dakar cousent chaque sac en cuir à la main. La nouvelle collection sort en décembre." },
    });
    expect(schema.safeParse(res.object).success).toBe(true);
    expect(res.object.summary).toMatch(/cuir|Dakar|collection/);
    expect(res).toMatchObject({ provider: "offline", model: "offline-text-v1", credits: 0, attempts: 1 });
    const rows = await t.db.aiUsageEntry.findMany({ where: { organizationId: orgId, workflowKey: "mkt-101-ingest-input" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "offline", operation: "JSON", credits: 0 });
    expect(rows[0]!.inputTokens).toBeGreaterThan(0);
  });

  it("generateText, generateImage, transcribe and embed all answer, and the balance is untouched", async () => {
    const text = await generateText({ organizationId: orgId, agent: "mkt-304-analyze-reply", system: "Tu réponds aux leads.", prompt: "Rédige une réponse courte.", data: { reply: "Merci, c'est super !" } });
    expect(text.text.length).toBeGreaterThan(10);
    const img = await generateImage({ organizationId: orgId, agent: "mkt-103-generate-content", prompt: "sac en cuir", size: "1024x1024", brandColor: "#0F766E" });
    expect(await readImageHeader(img.png)).toEqual({ mimeType: "image/png", width: 1024, height: 1024 });
    expect(img.placeholder).toBe(true);
    const heard = await transcribe({ organizationId: orgId, agent: "mkt-101-ingest-input", audio: new Uint8Array(1000), fileName: "memo.mp3", mimeType: "audio/mpeg" });
    expect(heard).toMatchObject({ available: false, text: null });
    const v = await embed({ organizationId: orgId, agent: "mkt-404-learning-loop", texts: ["carrousel cuir artisanal", "carrousel sur le cuir artisanal", "budget google ads"] });
    expect(cosine(v.vectors[0]!, v.vectors[1]!)).toBeGreaterThan(cosine(v.vectors[0]!, v.vectors[2]!));
    const balance = await getAiCreditBalance({ organizationId: orgId });
    expect(balance).toMatchObject({ used: 0, budget: 500_000, remaining: 500_000, plan: "FREE" });
    expect(await t.db.aiUsageEntry.count({ where: { organizationId: orgId } })).toBe(5);
  });
});
