import { deflateSync } from "node:zlib";

/**
 * A minimal PNG encoder (8-bit RGB, no interlace) and the offline placeholder artwork: a diagonal
 * gradient in the brand colour with a few soft discs placed from a seed, so the same prompt always
 * gives the same picture and different prompts give different ones.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encode width x height RGB pixels (3 bytes each, row after row). Rows use the Sub filter (gradients compress well). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error(`expected ${width * height * 3} bytes of RGB, got ${rgb.length}`);
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    const r = y * stride;
    raw[o] = 1; // Sub
    for (let i = 0; i < stride; i++) raw[o + 1 + i] = (rgb[r + i]! - (i >= 3 ? rgb[r + i - 3]! : 0)) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 6 })), chunk("IEND", Buffer.alloc(0))]);
}

/** Width and height from the IHDR chunk, or null when the bytes are not a PNG. */
export function readPngSize(buf: Uint8Array): { width: number; height: number } | null {
  if (buf.length < 24 || !SIGNATURE.equals(Buffer.from(buf.subarray(0, 8)))) return null;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
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
