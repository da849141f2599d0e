import type { S3Client } from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors";
import { assertKey } from "./keys";
import type { StorageProvider } from "./types";

/**
 * S3 or any S3-compatible store (MinIO): path-style addressing when an endpoint is set. Checksums
 * are only sent when an operation requires them, which every S3-compatible server accepts.
 * The AWS SDK is loaded on the first operation, not at start-up (with local storage it never is).
 */
export type S3Options = { bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string };

type S3Sdk = typeof import("@aws-sdk/client-s3");

function isNotFound(err: unknown, { S3ServiceException }: S3Sdk): boolean {
  if (err instanceof S3ServiceException) return err.name === "NoSuchKey" || err.name === "NotFound" || err.$metadata.httpStatusCode === 404;
  return false;
}

function upstream(op: string, key: string, err: unknown, { S3ServiceException }: S3Sdk): AppError {
  const status = err instanceof S3ServiceException ? ` (${err.$metadata.httpStatusCode} ${err.name})` : "";
  return new AppError("upstream", "storage.failed", { values: { op, key, status }, cause: err });
}

export function s3StorageProvider(opts: S3Options): StorageProvider {
  let loaded: Promise<{ sdk: S3Sdk; client: S3Client; getSignedUrl: typeof import("@aws-sdk/s3-request-presigner").getSignedUrl }> | undefined;
  const aws = () =>
    (loaded ??= Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/s3-request-presigner")]).then(([sdk, { getSignedUrl }]) => ({
      sdk,
      getSignedUrl,
      client: new sdk.S3Client({
        region: opts.region,
        endpoint: opts.endpoint,
        forcePathStyle: !!opts.endpoint,
        credentials: opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        maxAttempts: 3,
      }),
    })));
  const Bucket = opts.bucket;

  return {
    name: "s3",

    async put(key, body, o) {
      const { sdk, client } = await aws();
      try {
        const res = await client.send(new sdk.PutObjectCommand({ Bucket, Key: assertKey(key), Body: body, ContentType: o.contentType, CacheControl: o.cacheControl, ContentLength: body.byteLength }));
        return { key, size: body.byteLength, contentType: o.contentType, etag: res.ETag?.replace(/"/g, ""), lastModified: new Date() };
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw upstream("put", key, err, sdk);
      }
    },

    async get(key) {
      const { sdk, client } = await aws();
      try {
        const res = await client.send(new sdk.GetObjectCommand({ Bucket, Key: assertKey(key) }));
        if (!res.Body) return null;
        return {
          key,
          size: res.ContentLength ?? 0,
          contentType: res.ContentType ?? "application/octet-stream",
          etag: res.ETag?.replace(/"/g, ""),
          lastModified: res.LastModified,
          body: res.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        };
      } catch (err) {
        if (isNotFound(err, sdk)) return null;
        if (err instanceof AppError) throw err;
        throw upstream("get", key, err, sdk);
      }
    },

    async head(key) {
      const { sdk, client } = await aws();
      try {
        const res = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: assertKey(key) }));
        return { key, size: res.ContentLength ?? 0, contentType: res.ContentType ?? "application/octet-stream", etag: res.ETag?.replace(/"/g, ""), lastModified: res.LastModified };
      } catch (err) {
        if (isNotFound(err, sdk)) return null;
        if (err instanceof AppError) throw err;
        throw upstream("head", key, err, sdk);
      }
    },

    async delete(key) {
      const { sdk, client } = await aws();
      try {
        await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: assertKey(key) }));
      } catch (err) {
        if (isNotFound(err, sdk)) return;
        if (err instanceof AppError) throw err;
        throw upstream("delete", key, err, sdk);
      }
    },

    async signedUrl(key, ttlSeconds) {
      // SigV4 presigned URLs live at most 7 days.
      const expiresIn = Math.min(604_800, Math.max(1, Math.floor(ttlSeconds)));
      const { sdk, client, getSignedUrl } = await aws();
      return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket, Key: assertKey(key) }), { expiresIn });
    },
  };
}
