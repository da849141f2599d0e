import { ConnectorError } from "./errors";
import type { ConnectorRuntime } from "./http";
import type { PlatformKey } from "./types";

/** Fetch media bytes we must upload ourselves (LinkedIn images, X media, TikTok FILE_UPLOAD). */
export async function downloadMedia(
  platform: PlatformKey,
  rt: ConnectorRuntime,
  url: string,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; mimeType: string }> {
  let res: Response;
  try {
    res = await rt.fetch(url, { signal: AbortSignal.timeout(rt.timeoutMs) });
  } catch (err) {
    throw new ConnectorError("transient", platform, `could not download media: ${(err as Error).message}`);
  }
  if (!res.ok) throw new ConnectorError(res.status >= 500 ? "transient" : "validation", platform, `media URL answered HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new ConnectorError("validation", platform, `media is ${bytes.byteLength} bytes, limit ${maxBytes}`);
  return { bytes, mimeType: res.headers.get("content-type") ?? "application/octet-stream" };
}

export function requireMedia<M extends { url: string }>(platform: PlatformKey, media: M[] | undefined, min = 1): M[] {
  if (!media || media.length < min) throw new ConnectorError("validation", platform, `this post kind needs at least ${min} media item(s)`);
  return media;
}

/** Opaque poll tokens carry what a later status check needs (base64url JSON). */
export const encodePoll = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
export function decodePoll<T>(platform: PlatformKey, token: string): T {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as T;
  } catch {
    throw new ConnectorError("validation", platform, "malformed publication poll token");
  }
}
