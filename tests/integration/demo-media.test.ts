import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed-demo";
import { thumbnailKeyOf } from "@/lib/media/media-dto";
import { readObjectBytes, storage } from "@/lib/providers/storage";
import { setEnv } from "@/tests/contract/harness";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/** The demo's media are real files in local storage (sharp, ffmpeg): every thumbnail and the video load. */
let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "me-demo-media-"));
  setEnv({ DATA_DIR: dir, S3_BUCKET: undefined });
});
afterAll(async () => {
  setEnv({ DATA_DIR: undefined });
  await rm(dir, { recursive: true, force: true });
  await t?.cleanup();
});

describe("demo media", () => {
  it("stores each demo asset and its thumbnail, with the rows' size matching the files", async () => {
    const { organizationId } = await seedDemo(t.db, { now: new Date("2026-11-30T10:00:00Z") });
    const assets = await t.db.mediaAsset.findMany({ where: { organizationId } });
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const a of assets) {
      const obj = await storage().get(a.storageKey);
      expect(obj, a.storageKey).not.toBeNull();
      expect((await readObjectBytes(obj!)).length).toBe(Number(a.sizeBytes));
      if (a.kind === "IMAGE" || a.kind === "VIDEO") {
        const thumb = await storage().get(thumbnailKeyOf(a.storageKey));
        expect(await sharp(Buffer.from(await readObjectBytes(thumb!))).metadata()).toMatchObject({ format: "webp" });
      }
    }
    const video = assets.find((a) => a.kind === "VIDEO")!;
    expect(video).toMatchObject({ width: 1080, height: 1920 });
    expect(video.durationMs).toBeGreaterThan(5000);
    // A second seed leaves the stored files alone.
    const before = (await storage().head(video.storageKey))!;
    await seedDemo(t.db);
    expect((await storage().head(video.storageKey))!.size).toBe(before.size);
  }, 180_000); // seeds the whole demo and writes real files: slow on a loaded machine
});
