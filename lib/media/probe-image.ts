import "server-only";
import { loadSharp } from "./sharp";

/**
 * Image facts read by sharp (libvips) from the file header, without decoding the pixels: the type
 * and the pixel dimensions of the formats we accept (PNG, JPEG, WebP, GIF). Anything else (SVG,
 * TIFF, HEIF, truncated or non-image bytes) -> null, so callers can answer 415 with the reason.
 */
export type ImageHeader = { mimeType: "image/png" | "image/jpeg" | "image/webp" | "image/gif"; width: number; height: number };

const ACCEPTED: Record<string, ImageHeader["mimeType"]> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" };

/** `input` is the bytes or a file path (sharp then reads only what the header needs). */
export async function readImageHeader(input: Uint8Array | string): Promise<ImageHeader | null> {
  const sharp = await loadSharp();
  try {
    const m = await sharp(typeof input === "string" ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength)).metadata();
    const mimeType = m.format ? ACCEPTED[m.format] : undefined;
    if (!mimeType || !m.width || !m.height) return null;
    return { mimeType, width: m.width, height: m.height };
  } catch {
    return null; // libvips found no loader for these bytes, or the header is cut short
  }
}
