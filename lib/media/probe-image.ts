/**
 * Image facts from the file header alone (no decoder): type by magic bytes, and pixel dimensions
 * for PNG (IHDR), JPEG (first SOFn marker), WebP (VP8 / VP8L / VP8X) and GIF (logical screen).
 * Returns null when the bytes are not one of these formats or the header is truncated.
 */
export type ImageHeader = { mimeType: "image/png" | "image/jpeg" | "image/webp" | "image/gif"; width: number; height: number };

export function sniffImageType(b: Uint8Array): ImageHeader["mimeType"] | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "image/webp";
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) return "image/gif";
  return null;
}

function ascii(b: Uint8Array, at: number, len: number): string {
  return String.fromCharCode(...b.subarray(at, at + len));
}

export function readImageHeader(b: Uint8Array): ImageHeader | null {
  const type = sniffImageType(b);
  if (!type) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ok = (width: number, height: number) => (width > 0 && height > 0 ? { mimeType: type, width, height } : null);
  try {
    switch (type) {
      case "image/png":
        if (ascii(b, 12, 4) !== "IHDR") return null;
        return ok(v.getUint32(16), v.getUint32(20));
      case "image/gif":
        return ok(v.getUint16(6, true), v.getUint16(8, true));
      case "image/webp": {
        const chunk = ascii(b, 12, 4);
        if (chunk === "VP8 ") return ok(v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff);
        if (chunk === "VP8L") {
          const bits = v.getUint32(21, true);
          return ok((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
        }
        if (chunk === "VP8X") return ok((v.getUint32(24, true) & 0xffffff) + 1, (v.getUint32(27, true) & 0xffffff) + 1);
        return null;
      }
      case "image/jpeg": {
        let i = 2;
        while (i + 9 < b.length) {
          if (b[i] !== 0xff) return null;
          const marker = b[i + 1]!;
          if (marker === 0xff) {
            i++;
            continue;
          }
          if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
            i += 2;
            continue;
          }
          const len = v.getUint16(i + 2);
          // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
          if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return ok(v.getUint16(i + 7), v.getUint16(i + 5));
          if (marker === 0xda || marker === 0xd9) return null;
          i += 2 + len;
        }
        return null;
      }
    }
  } catch {
    return null;
  }
}
