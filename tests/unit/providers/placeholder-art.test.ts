import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readImageHeader } from "@/lib/media/probe-image";
import { offlineMediaProvider } from "@/lib/providers/ai/offline";
import { encodePng, parseHexColor } from "@/lib/providers/ai/placeholder-art";

/** Decode with sharp (an independent PNG reader) and return RGB of pixel (x, y). */
async function pixel(png: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const o = (y * info.width + x) * info.channels;
  return [data[o]!, data[o + 1]!, data[o + 2]!];
}

describe("PNG encoding (sharp)", () => {
  it("writes an 8-bit RGB PNG of the given size holding exactly the given pixels", async () => {
    const rgb = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]); // 3x2
    const png = await encodePng(3, 2, rgb);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 3, height: 2, channels: 3, depth: "uchar" });
    expect(await sharp(png).raw().toBuffer()).toEqual(rgb);
    expect(await pixel(png, 2, 1)).toEqual([70, 80, 90]);
    expect(await readImageHeader(png)).toEqual({ mimeType: "image/png", width: 3, height: 2 });
    expect(await readImageHeader(Buffer.from("not a png at all, just text"))).toBeNull();
  });

  it("rejects pixel buffers of the wrong size", async () => {
    await expect(encodePng(2, 2, Buffer.alloc(5))).rejects.toThrow(/expected 12 bytes/);
  });

  it("parses brand colours (#rrggbb, #rgb) and falls back on garbage", () => {
    expect(parseHexColor("#C2410C")).toEqual([0xc2, 0x41, 0x0c]);
    expect(parseHexColor("0af")).toEqual([0x00, 0xaa, 0xff]);
    expect(parseHexColor("blue")).toEqual([0x4f, 0x46, 0xe5]);
  });
});

describe("offline image", () => {
  const signal = new AbortController().signal;
  for (const size of ["1024x1024", "1024x1536"] as const) {
    it(`${size}: a real PNG of that size, starting with the brand colour, deterministic per prompt`, async () => {
      const a = await offlineMediaProvider.image({ prompt: "sac en cuir", size, brandColor: "#C2410C", signal, timeoutMs: 5000 });
      const [w, h] = size.split("x").map(Number);
      expect(await readImageHeader(a.png)).toEqual({ mimeType: "image/png", width: w, height: h });
      expect([a.width, a.height, a.placeholder, a.model]).toEqual([w, h, true, "offline-image-v1"]);
      const corner = await pixel(a.png, 0, 0);
      // Top-left is the brand colour, possibly lightened by a disc.
      expect(corner[0]).toBeGreaterThanOrEqual(0xc2);
      expect(corner[0]! - corner[2]!).toBeGreaterThan(40);
      const again = await offlineMediaProvider.image({ prompt: "sac en cuir", size, brandColor: "#C2410C", signal, timeoutMs: 5000 });
      expect(again.png.equals(a.png)).toBe(true);
      const other = await offlineMediaProvider.image({ prompt: "panier tressé", size, brandColor: "#C2410C", signal, timeoutMs: 5000 });
      expect(other.png.equals(a.png)).toBe(false);
    });
  }
});
