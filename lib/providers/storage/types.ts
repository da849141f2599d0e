/**
 * Media storage contract: S3 / MinIO in production, a local directory as the embedded default.
 * Keys look like "{organizationId}/originals/{date}_{id}.png" (see mediaKey()).
 */
export type PutOptions = { contentType: string; cacheControl?: string };

export type ObjectInfo = { key: string; size: number; contentType: string; etag?: string; lastModified?: Date };

export type StoredObject = ObjectInfo & { body: ReadableStream<Uint8Array> };

export interface StorageProvider {
  readonly name: "local" | "s3";
  put(key: string, body: Uint8Array, opts: PutOptions): Promise<ObjectInfo>;
  /** null when the object does not exist. The body must be consumed or cancelled. */
  get(key: string): Promise<StoredObject | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** An absolute URL anyone holding it can GET until it expires (platform APIs pull media from it). */
  signedUrl(key: string, ttlSeconds: number): Promise<string>;
}
