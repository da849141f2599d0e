import { loadSharp } from "@/lib/media/sharp";

/**
 * The offline placeholder artwork: a diagonal gradient in the brand colour with a few soft discs
 * placed from a seed, so the same prompt always gives the same picture and different prompts give
 * different ones. Pixels are computed here; sharp encodes them as PNG.
 */

/** Encode width x height RGB pixels (3 bytes each, row after row) as a PNG, with sharp. */
export async function encodePng(width: number, height: number, rgb: Uint8Array): Promise<Buffer> {
  if (rgb.length !== width * height * 3) throw new Error(`expected ${width * height * 3} bytes of RGB, got ${rgb.length}`);
  const sharp = await loadSharp();
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}

export function parseHexColor(hex: string | undefined, fallback: [number, number, number] = [0x4f, 0x46, 0xe5]): [number, number, number] {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex?.trim() ?? "");
  if (!m) return fallback;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Deterministic artwork: brand colour -> darker shade diagonally, plus 3 to 5 lighter soft discs. */
export function renderPlaceholder(opts: { width: number; height: number; color: [number, number, number]; seed: number }): Buffer {
  const { width, height, color } = opts;
  let s = opts.seed >>> 0 || 1;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const dark = color.map((c) => Math.round(c * 0.35)) as [number, number, number];
  const discs = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => {
    const r = (0.12 + rand() * 0.25) * width;
    return { x: rand() * width, y: rand() * height, r2: r * r, a: 0.18 + rand() * 0.22 };
  });
  const rgb = Buffer.alloc(width * height * 3);
  const diag = width + height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / diag;
      let r = color[0] + (dark[0] - color[0]) * t;
      let g = color[1] + (dark[1] - color[1]) * t;
      let b = color[2] + (dark[2] - color[2]) * t;
      for (const d of discs) {
        const dist2 = ((x - d.x) * (x - d.x) + (y - d.y) * (y - d.y)) / d.r2;
        if (dist2 < 1) {
          const k = d.a * (1 - dist2);
          r += (255 - r) * k;
          g += (255 - g) * k;
          b += (255 - b) * k;
        }
      }
      const o = (y * width + x) * 3;
      rgb[o] = r;
      rgb[o + 1] = g;
      rgb[o + 2] = b;
    }
  }
  return rgb;
}
