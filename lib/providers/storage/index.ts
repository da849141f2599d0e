import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { isValidKey } from "./keys";
import { localStorageProvider } from "./local";
import { s3StorageProvider } from "./s3";
import { verifyMediaSignature } from "./signed-url";
import type { StorageProvider, StoredObject } from "./types";

export type { ObjectInfo, PutOptions, StorageProvider, StoredObject } from "./types";
export { mediaKey } from "./keys";

let chosen: { key: string; provider: StorageProvider } | undefined;

/** S3 / MinIO when S3_BUCKET is set, else files under DATA_DIR/storage (embedded default). */
export function storage(): StorageProvider {
  const e = env();
  const key = JSON.stringify([e.S3_BUCKET, e.S3_REGION, e.S3_ENDPOINT, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY, e.DATA_DIR]);
  if (chosen?.key !== key) {
    chosen = {
      key,
      provider: e.S3_BUCKET
        ? s3StorageProvider({ bucket: e.S3_BUCKET, region: e.S3_REGION, endpoint: e.S3_ENDPOINT, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY })
        : localStorageProvider(path.resolve(e.DATA_DIR, "storage")),
    };
  }
  return chosen.provider;
}

/** The whole body of a stored object (small media only; stream `body` for large files). */
export async function readObjectBytes(obj: StoredObject): Promise<Uint8Array> {
  return new Uint8Array(await new Response(obj.body).arrayBuffer());
}

/** Types a browser may render inline from our origin; anything else is served as a download. */
const INLINE = /^(image\/(png|jpeg|gif|webp|avif)|video\/(mp4|quicktime|webm)|audio\/[\w.+-]+|application\/pdf)$/;

/**
 * GET of a signed media URL (local store): signature and expiry checked before the disk is touched;
 * tampered, missing or expired signature -> 403, unknown object -> 404. Streams the file.
 */
export async function serveSignedMedia(opts: { key: string; url: URL; now?: number }): Promise<Response> {
  if (!isValidKey(opts.key)) throw notFound("media");
  const check = verifyMediaSignature(opts.key, opts.url.searchParams.get("exp"), opts.url.searchParams.get("sig"), opts.now);
  if (!check.ok) throw new AppError("forbidden", check.reason === "expired" ? "storage.linkExpired" : "storage.linkInvalid");
  const obj = await storage().get(opts.key);
  if (!obj) throw notFound("media");
  const maxAge = Math.max(0, check.expiresAt - Math.floor((opts.now ?? Date.now()) / 1000));
  const headers: Record<string, string> = {
    "Content-Type": obj.contentType,
    "Content-Length": String(obj.size),
    "Cache-Control": `private, max-age=${maxAge}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": INLINE.test(obj.contentType) ? "inline" : "attachment",
  };
  if (obj.etag) headers.ETag = `"${obj.etag}"`;
  return new Response(obj.body, { status: 200, headers });
}
