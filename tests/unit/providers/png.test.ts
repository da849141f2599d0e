import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { offlineMediaProvider } from "@/lib/providers/ai/offline";
import { crc32, encodePng, parseHexColor, readPngSize } from "@/lib/providers/ai/png";

/** A PNG reader just strict enough to prove the encoder writes what the format says. */
function chunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const out = [];
  let o = 8;
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString("ascii", o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    const crc = png.readUInt32BE(o + 8 + len);
    out.push({ type, data, crcOk: crc === crc32(png.subarray(o + 4, o + 8 + len)) });
    o += 12 + len;
  }
  return out;
}

/** Undo the per-row filters (the encoder uses Sub) and return RGB of pixel (x, y). */
function pixel(png: Buffer, x: number, y: number): [number, number, number] {
  const ihdr = chunks(png).find((c) => c.type === "IHDR")!.data;
  const width = ihdr.readUInt32BE(0);
  const raw = inflateSync(Buffer.concat(chunks(png).filter((c) => c.type === "IDAT").map((c) => c.data)));
  const stride = width * 3;
  const row = raw.subarray(y * (stride + 1), (y + 1) * (stride + 1));
  expect(row[0]).toBe(1);
  const rgb = Buffer.alloc(stride);
  for (let i = 0; i < stride; i++) rgb[i] = (row[i + 1]! + (i >= 3 ? rgb[i - 3]! : 0)) & 0xff;
  return [rgb[x * 3]!, rgb[x * 3 + 1]!, rgb[x * 3 + 2]!];
}

describe("PNG encoder", () => {
  it("crc32 matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("writes signature, IHDR (size, 8-bit RGB), IDAT, IEND with valid CRCs and the given pixels", () => {
    const rgb = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]); // 3x2
    const png = encodePng(3, 2, rgb);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    const ihdr = cs[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[12]]).toEqual([3, 2, 8, 2, 0]);
    expect(pixel(png, 0, 0)).toEqual([255, 0, 0]);
    expect(pixel(png, 2, 0)).toEqual([0, 0, 255]);
    expect(pixel(png, 2, 1)).toEqual([70, 80, 90]);
    expect(readPngSize(png)).toEqual({ width: 3, height: 2 });
    expect(readPngSize(Buffer.from("not a png at all, just text"))).toBeNull();
  });

  it("rejects pixel buffers of the wrong size", () => {
    expect(() => encodePng(2, 2, Buffer.alloc(5))).toThrow(/expected 12 bytes/);
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
      expect(readPngSize(a.png)).toEqual({ width: w, height: h });
      expect([a.width, a.height, a.placeholder, a.model]).toEqual([w, h, true, "offline-image-v1"]);
      expect(chunks(a.png).every((c) => c.crcOk)).toBe(true);
      const corner = pixel(a.png, 0, 0);
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
