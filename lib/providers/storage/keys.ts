import { AppError } from "@/lib/errors";

/**
 * Storage keys: "/"-separated segments of letters, digits, ".", "_" and "-", each starting with a
 * letter or digit (so no "..", no hidden files, no absolute paths), at most 512 characters.
 */
const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertKey(key: string): string {
  if (key.length > 512 || !KEY_RE.test(key)) throw new AppError("validation", "storage.invalidKey", { field: "key", values: { key: key.slice(0, 80) } });
  return key;
}

export function isValidKey(key: string): boolean {
  return key.length <= 512 && KEY_RE.test(key);
}

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif", "video/mp4": "mp4", "video/quicktime": "mov", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/wav": "wav", "audio/webm": "webm", "audio/ogg": "ogg", "application/pdf": "pdf" };

/** "{organizationId}/{folder}/{YYYY-MM-DD}_{id}.{ext}" as the media pipeline stores originals and renditions. */
export function mediaKey(opts: { organizationId: string; id: string; contentType: string; folder?: "originals" | "renditions" | "uploads"; date?: Date }): string {
  const ext = EXT[opts.contentType] ?? "bin";
  const day = (opts.date ?? new Date()).toISOString().slice(0, 10);
  return assertKey(`${opts.organizationId}/${opts.folder ?? "originals"}/${day}_${opts.id}.${ext}`);
}

export function contentTypeFromKey(key: string): string {
  const ext = key.split(".").pop()?.toLowerCase() ?? "";
  const hit = Object.entries(EXT).find(([, e]) => e === ext);
  return hit?.[0] ?? "application/octet-stream";
}
