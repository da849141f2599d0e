import { createHmac, timingSafeEqual } from "node:crypto";

/** Constant-time comparison of two strings (false on length mismatch). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export const hmacHex = (secret: string, data: Uint8Array | string) => createHmac("sha256", secret).update(data).digest("hex");
export const hmacBase64 = (secret: string, data: Uint8Array | string) => createHmac("sha256", secret).update(data).digest("base64");
