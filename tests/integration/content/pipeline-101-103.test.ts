import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "inngest/next";
import { markInputFailedOnFailure } from "@/inngest/functions/content-flywheel/input-failure";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetClock, setClockTo } from "@/lib/runtime/clock";
import { Executor } from "@/lib/runtime/executor";
import { createApiKey } from "@/lib/orgs/api-keys";
import { PLATFORM_RULES } from "@/lib/content/platform-rules";
import { checkPlatformConstraints, type PieceDraft, type Script } from "@/lib/content/generation/copy-rules";
import { CONTENT_PLATFORMS, type ContentPlatform } from "@/lib/content/research/schemas";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { ended, FAST, quietLogger, runsOf, startAppServer, type AppServer } from "@/tests/integration/runtime/harness";

/**
 * MKT-101 -> 102 -> 103 through the embedded executor: the real app client and functions served by
 * the real serve() handler over HTTP, the offline AI provider, local storage. A webhook request
 * ends as one REVIEW piece (+ image) per target platform within its limits, and
 * content/pieces.generated is emitted once.
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;
let dataDir: string;
let orgId: string;
let key: string;

beforeAll(async () => {
  resetClock();
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-pipeline-"));
  server = await startAppServer();
  process.env.APP_URL = server.origin;
  process.env.DATA_DIR = dataDir;
  delete process.env.INNGEST_DEV;
  resetEnvCache();
  const { inngest } = await import("@/inngest/client");
  const { mkt101IngestInput } = await import("@/inngest/functions/content-flywheel/mkt-101-ingest-input");
  const { mkt101DailyPickup } = await import("@/inngest/functions/content-flywheel/mkt-101-daily-pickup");
  const { mkt102Research } = await import("@/inngest/functions/content-flywheel/mkt-102-research");
  const { mkt103GenerateContent } = await import("@/inngest/functions/content-flywheel/mkt-103-generate-content");
  server.setHandlers(serve({ client: inngest, functions: [mkt101IngestInput, mkt101DailyPickup, mkt102Research, mkt103GenerateContent] }) as never);
  executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
  const org = await t.db.organization.create({ data: { name: "Atelier Sahel", slug: "sahel" } });
  orgId = org.id;
  await t.db.brand.create({
    data: { organizationId: org.id, name: "Atelier Sahel", slug: "sahel", voice: "chaleureuse, artisanale", targetAudience: "hôteliers et architectes d'intérieur", contentGuidelines: "concret, pas de superlatifs", visualGuidelines: "tons terre", defaultHashtags: ["#bogolan", "#faitmain"], isDefault: true },
  });
  key = (await createApiKey({ organizationId: org.id, name: "pipeline" })).key;
});

afterAll(async () => {
  await executor?.stop(2_000);
  await server?.close();
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
  delete process.env.APP_URL;
  delete process.env.DATA_DIR;
  resetEnvCache();
});

type Row = { id: string; platform: string | null; format: string; status: string; body: string; hashtags: string[]; title: string | null; callToAction: string | null; generationContext: unknown; media: { role: string; asset: { width: number | null; height: number | null; storageKey: string; source: string } }[] };

function draftOf(r: Row): PieceDraft {
  const ctx = r.generationContext as { script?: Script | null };
  return { platform: r.platform as ContentPlatform, format: r.format as PieceDraft["format"], title: r.title ?? "", body: r.body, hashtags: r.hashtags, callToAction: r.callToAction ?? "", ...(ctx.script ? { script: ctx.script } : {}) };
}

async function assertPieces(inputId: string, expected?: ContentPlatform[]): Promise<Row[]> {
  const rows = (await t.db.contentPiece.findMany({ where: { inputId }, include: { media: { include: { asset: true } } } })) as unknown as Row[];
  if (expected) expect(rows.map((r) => r.platform).sort()).toEqual([...expected].sort());
  const { storage } = await import("@/lib/providers/storage");
  for (const r of rows) {
    expect(r.status).toBe("REVIEW");
    expect(checkPlatformConstraints(draftOf(r)), `${r.platform} constraints`).toEqual([]);
    expect(r.media).toHaveLength(1);
    // Converted to the network's accepted format and ratio (Instagram JPEG 4:5, TikTok JPEG 9:16, ...).
    const target = PLATFORM_RULES[r.platform as ContentPlatform].media.image.target;
    expect(r.media[0]!.asset).toMatchObject({ width: target.width, height: target.height, mimeType: target.mimeType, source: "AI_GENERATED" });
    expect(await storage().head(r.media[0]!.asset.storageKey)).not.toBeNull();
  }
  return rows;
}

describe("content flywheel MKT-101 -> 103 on the embedded executor", () => {
  it("a webhook text input becomes REVIEW pieces per platform, within the limits, and content/pieces.generated is emitted", async () => {
    const { POST } = await import("@/app/api/webhooks/ideas/route");
    const res = await POST(
      new Request("http://app.test/api/webhooks/ideas", {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify({ type: "text", text: "Nous avons livré 40 coussins en bogolan à l'hôtel Teranga de Dakar. Chaque motif a été choisi avec la direction, teint à la boue, fait main en six semaines." }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(202);
    const { input } = (await res.json()) as { input: { id: string } };

    const [run101] = await ended(t.db, "marketing-engine-mkt-101-ingest-input", 1, 30_000);
    expect(run101!.status).toBe("COMPLETED");
    const [run102] = await ended(t.db, "marketing-engine-mkt-102-research", 1, 30_000);
    expect(run102!.status).toBe("COMPLETED");
    const [run103] = await ended(t.db, "marketing-engine-mkt-103-generate-content", 1, 60_000);
    expect(run103!.status, JSON.stringify(run103!.error)).toBe("COMPLETED");

    const row = await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } });
    expect(row.status).toBe("RESEARCHED");
    expect(row.aiSummary).toBeTruthy();
    expect(row.aiSuggestedTopics).toHaveLength(3);
    const research = row.research as { topic: string; platforms: ContentPlatform[]; key_messages: string[] };
    expect(research.topic).toBeTruthy();
    const pieces = await assertPieces(input.id, research.platforms);
    expect(pieces.length).toBeGreaterThan(0);

    const events = await t.db.$queryRawUnsafe<{ data: { contentPieceIds: string[]; inputId: string; organizationId: string } }[]>(`SELECT data FROM runtime_events WHERE name = 'content/pieces.generated'`);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ inputId: input.id, organizationId: orgId });
    expect([...events[0]!.data.contentPieceIds].sort()).toEqual(pieces.map((p) => p.id).sort());

    // Replaying the research.completed event runs MKT-103 again: no second generation.
    const { inngest } = await import("@/inngest/client");
    await inngest.send({ name: "content/research.completed", data: { organizationId: orgId, inputId: input.id, brandId: row.brandId } });
    await ended(t.db, "marketing-engine-mkt-103-generate-content", 2, 30_000);
    expect(await t.db.contentPiece.count({ where: { inputId: input.id } })).toBe(pieces.length);
  });

  it("generatePieces writes every platform within its constraints (LinkedIn, Facebook, Instagram, TikTok, X)", async () => {
    const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: orgId } });
    const input = await t.db.contentInput.create({
      data: {
        organizationId: orgId,
        brandId: brand.id,
        type: "TEXT",
        status: "RESEARCHED",
        rawContent: "Salon Maison&Objet",
        research: { topic: "Le bogolan au salon Maison&Objet", angle: "l'artisanat malien rencontre le design hôtelier", key_messages: ["fait main", "teint à la boue", "sur mesure"], platforms: ["LINKEDIN"], format_suggestions: ["post"], hashtag_suggestions: ["#bogolan", "#design", "#hotellerie"] },
      },
    });
    // MKT-404's active insights go into the prompt; each piece records which (an invalidated one is left out).
    const insight = await t.db.learningInsight.create({ data: { organizationId: orgId, type: "CONTENT_PERFORMANCE", description: "Instagram engage plus", confidence: 0.8, source: "mkt-404" } });
    await t.db.learningInsight.create({ data: { organizationId: orgId, type: "CONTENT_PERFORMANCE", status: "INVALIDATED", description: "TikTok engage plus", confidence: 0.9, source: "mkt-404" } });
    const { generatePieces } = await import("@/lib/content/generation/generate-pieces");
    const res = await generatePieces({ organizationId: orgId, inputId: input.id, platforms: [...CONTENT_PLATFORMS] });
    expect(res.created).toBe(true);
    const rows = await assertPieces(input.id, [...CONTENT_PLATFORMS]);
    for (const r of rows) expect((r.generationContext as { insightIds: string[] }).insightIds).toEqual([insight.id]);
    const ig = rows.find((r) => r.platform === "INSTAGRAM")!;
    expect(ig.hashtags.length).toBeGreaterThanOrEqual(20);
    const tiktok = rows.find((r) => r.platform === "TIKTOK")!;
    expect(tiktok.format).toBe("VIDEO_SCRIPT");
    expect(tiktok.body).toMatch(/^\[0-[1-3] s\] Accroche : /); // the brand writes French: script labels in French
    // Once per input: a second call returns the same pieces.
    const again = await generatePieces({ organizationId: orgId, inputId: input.id, platforms: [...CONTENT_PLATFORMS] });
    expect(again).toMatchObject({ created: false, contentPieceIds: res.contentPieceIds });
    // Another organisation cannot generate from this input.
    await expect(generatePieces({ organizationId: "someone-else", inputId: input.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the 09:00 pick-up sends pending inputs to MKT-101", async () => {
    const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: orgId } });
    const pending = await t.db.contentInput.create({ data: { organizationId: orgId, brandId: brand.id, type: "TEXT", source: "PAIN_POINTS", status: "PENDING", rawContent: "Les clients demandent des délais de livraison plus courts." } });
    const before = (await runsOf(t.db, "marketing-engine-mkt-101-ingest-input")).length;
    const schedule = await t.db.runtimeSchedule.findFirstOrThrow({ where: { functionId: "marketing-engine-mkt-101-daily-pickup" } });
    expect(schedule.nextAt.toISOString()).toMatch(/T0[78]:00:00.000Z$/); // 09:00 Europe/Paris (CEST / CET)
    setClockTo(new Date(schedule.nextAt.getTime() + 500));
    const [tick] = await ended(t.db, "marketing-engine-mkt-101-daily-pickup", 1, 30_000);
    expect(tick!.status).toBe("COMPLETED");
    expect(tick!.output).toMatchObject({ sent: 1 });
    const runs = await ended(t.db, "marketing-engine-mkt-101-ingest-input", before + 1, 30_000);
    expect(runs.find((r) => (r.event.data as { inputId?: string }).inputId === pending.id)?.status).toBe("COMPLETED");
    expect((await t.db.contentInput.findUniqueOrThrow({ where: { id: pending.id } })).aiSummary).toBeTruthy();
    resetClock();
  });

  it("when MKT-101..103 give up (onFailure), the input is FAILED with the last error; other organisations' inputs are untouched", async () => {
    const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: orgId } });
    const input = await t.db.contentInput.create({ data: { organizationId: orgId, brandId: brand.id, type: "TEXT", status: "PROCESSING", rawContent: "x" } });
    // The SDK's step.run runs the callback (memoized by the executor): only the callback is ours.
    const step = { run: (_id: string, fn: () => Promise<unknown>) => fn() };
    await markInputFailedOnFailure({ event: { data: { event: { data: { organizationId: "someone-else", inputId: input.id } } } }, error: new Error("nope"), step });
    expect((await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } })).status).toBe("PROCESSING");
    await markInputFailedOnFailure({ event: { data: { event: { data: { organizationId: orgId, inputId: input.id } } } }, error: new Error("AI output invalid twice"), step });
    expect(await t.db.contentInput.findUniqueOrThrow({ where: { id: input.id } })).toMatchObject({ status: "FAILED", errorMessage: "AI output invalid twice" });
  });
});
