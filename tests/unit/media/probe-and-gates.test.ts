import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkQualityGates, type GateInput } from "@/lib/media/check-quality-gates";
import { readImageHeader } from "@/lib/media/probe-image";

const img = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 80, b: 40 } } });

describe("image header probing", () => {
  it("reads PNG, JPEG, WebP (lossy and lossless) and GIF dimensions with sharp, without decoding", async () => {
    expect(await readImageHeader(await img(640, 480).png().toBuffer())).toEqual({ mimeType: "image/png", width: 640, height: 480 });
    expect(await readImageHeader(await img(1080, 1350).jpeg({ quality: 70 }).toBuffer())).toEqual({ mimeType: "image/jpeg", width: 1080, height: 1350 });
    expect(await readImageHeader(await img(301, 157).webp().toBuffer())).toEqual({ mimeType: "image/webp", width: 301, height: 157 });
    expect(await readImageHeader(await img(99, 77).webp({ lossless: true }).toBuffer())).toEqual({ mimeType: "image/webp", width: 99, height: 77 });
    expect(await readImageHeader(await img(33, 44).gif().toBuffer())).toEqual({ mimeType: "image/gif", width: 33, height: 44 });
  });

  it("reads a JPEG whose size comes after EXIF / ICC segments", async () => {
    const jpeg = await img(1200, 628).withMetadata({ exif: { IFD0: { Copyright: "MarketingEngine" } } }).jpeg().toBuffer();
    expect(jpeg.indexOf("Exif")).toBeGreaterThan(0);
    expect(await readImageHeader(jpeg)).toEqual({ mimeType: "image/jpeg", width: 1200, height: 628 });
  });

  it("rejects non-images and truncated headers", async () => {
    expect(await readImageHeader(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"))).toBeNull(); // sharp reads SVG; we do not accept it
    expect(await readImageHeader(await img(12, 12).tiff().toBuffer())).toBeNull();
    expect(await readImageHeader(new TextEncoder().encode("just some text"))).toBeNull();
    expect(await readImageHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    const jpeg = await img(10, 10).jpeg().toBuffer();
    expect(await readImageHeader(jpeg.subarray(0, 20))).toBeNull();
  });
});

const base = { sizeBytes: 1024 ** 2, codec: null, durationMs: null } as const;
const image = (o: Partial<GateInput> = {}): GateInput => ({ ...base, kind: "IMAGE", mimeType: "image/jpeg", width: 1080, height: 1080, ...o });
const video = (o: Partial<GateInput> = {}): GateInput => ({ ...base, kind: "VIDEO", mimeType: "video/mp4", width: 1080, height: 1920, durationMs: 30_000, codec: "h264", sizeBytes: 50 * 1024 ** 2, ...o });
const gate = (input: GateInput, platform: string) => checkQualityGates(input).find((g) => g.platform === platform)!;

describe("quality gates per platform", () => {
  it("a square JPEG passes everywhere but TikTok, whose photos are 9:16", () => {
    expect(checkQualityGates(image()).map((g) => [g.platform, g.ok])).toEqual([
      ["linkedin", true],
      ["facebook", true],
      ["instagram", true],
      ["tiktok", false],
      ["x", true],
    ]);
    expect(gate(image(), "tiktok").reasons.map((r) => r.key)).toEqual(["imageAspect"]);
    expect(gate(image({ width: 1080, height: 1920 }), "tiktok").ok).toBe(true);
  });

  it("Instagram takes JPEG only, between 4:5 and 1.91:1", () => {
    expect(gate(image({ mimeType: "image/png" }), "instagram").reasons.map((r) => r.key)).toEqual(["imageFormat"]);
    const tall = gate(image({ width: 1080, height: 1920 }), "instagram");
    expect(tall.ok).toBe(false);
    expect(tall.reasons[0]).toMatchObject({ key: "imageAspect", values: { platform: "Instagram", ratio: "1:1.78", min: "1:1.25", max: "1.91:1" } });
    expect(tall.reasons[0]!.message).toBe("Instagram accepts images with an aspect ratio between 1:1.25 and 1.91:1 (this one is 1:1.78)");
    expect(gate(image({ width: 1080, height: 1350 }), "instagram").ok).toBe(true);
  });

  it("image size limits come from the connector capabilities (X 5 MB, Instagram 8 MB)", () => {
    const six = image({ sizeBytes: 6 * 1024 ** 2 });
    expect(gate(six, "x").reasons).toEqual([expect.objectContaining({ key: "imageTooLarge", values: { platform: "X", sizeMb: 6, maxMb: 5 } })]);
    expect(gate(six, "instagram").ok).toBe(true);
  });

  it("LinkedIn publishes no video; a 9:16 H.264 MP4 of 30 s passes Instagram and TikTok", () => {
    expect(gate(video(), "linkedin").reasons.map((r) => r.key)).toEqual(["noVideos"]);
    expect(gate(video(), "instagram").ok).toBe(true);
    expect(gate(video(), "tiktok").ok).toBe(true);
  });

  it("says which platform rejects which duration", () => {
    const long = video({ durationMs: 200_000 });
    expect(gate(long, "x").reasons).toEqual([expect.objectContaining({ key: "videoTooLong", values: { platform: "X", seconds: 200, max: 140 }, message: "X rejects videos longer than 140 s" })]);
    expect(gate(long, "tiktok").ok).toBe(true);
    expect(gate(video({ durationMs: 11 * 60_000 }), "tiktok").reasons.map((r) => r.key)).toEqual(["videoTooLong"]);
    expect(gate(video({ durationMs: 2_000 }), "instagram").reasons.map((r) => r.key)).toEqual(["videoTooShort"]);
    expect(gate(video({ durationMs: null }), "instagram").reasons.map((r) => r.key)).toEqual(["durationUnknown"]);
  });

  it("checks container, codec and X's 1:3..3:1 video aspect", () => {
    const webm = video({ mimeType: "video/webm", codec: "vp9" });
    expect(gate(webm, "instagram").reasons.map((r) => r.key)).toEqual(["videoFormat", "videoCodec"]);
    expect(gate(webm, "tiktok").ok).toBe(true);
    expect(gate(video({ width: 4000, height: 1000 }), "x").reasons.map((r) => r.key)).toEqual(["videoAspect"]);
  });

  it("audio files are not publishable media", () => {
    expect(checkQualityGates({ ...base, kind: "AUDIO", mimeType: "audio/mpeg", width: null, height: null }).every((g) => !g.ok && g.reasons[0]!.key === "unsupportedKind")).toBe(true);
  });
});
