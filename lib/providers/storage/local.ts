import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertKey, contentTypeFromKey } from "./keys";
import { signMediaUrl } from "./signed-url";
import type { ObjectInfo, StorageProvider } from "./types";

/**
 * Embedded default: files under <root>/<key>, metadata (content type, etag) beside them under
 * <root>/.meta/<key>.json (keys cannot start a segment with "." so the two never collide).
 * Writes go to a temporary file renamed into place, so readers never see half a file.
 * Signed URLs point at /api/media/<key> (app/api/media/[...key]/route.ts).
 */
type Meta = { contentType: string; etag: string; cacheControl?: string };

export function localStorageProvider(root: string): StorageProvider {
  const file = (key: string) => path.join(root, ...assertKey(key).split("/"));
  const metaFile = (key: string) => path.join(root, ".meta", ...assertKey(key).split("/")) + ".json";

  async function info(key: string): Promise<ObjectInfo | null> {
    const st = await stat(file(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ENOTDIR") return null;
      throw err;
    });
    if (!st?.isFile()) return null;
    const meta = await readFile(metaFile(key), "utf8")
      .then((t) => JSON.parse(t) as Meta)
      .catch(() => undefined);
    return { key, size: st.size, contentType: meta?.contentType ?? contentTypeFromKey(key), etag: meta?.etag, lastModified: st.mtime };
  }

  async function atomicWrite(target: string, data: Uint8Array | string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, target);
  }

  return {
    name: "local",

    async put(key, body, opts) {
      const etag = createHash("md5").update(body).digest("hex");
      await atomicWrite(file(key), body);
      await atomicWrite(metaFile(key), JSON.stringify({ contentType: opts.contentType, etag, cacheControl: opts.cacheControl } satisfies Meta));
      return { key, size: body.byteLength, contentType: opts.contentType, etag, lastModified: new Date() };
    },

    async get(key) {
      const i = await info(key);
      if (!i) return null;
      const body = Readable.toWeb(createReadStream(file(key))) as ReadableStream<Uint8Array>;
      return { ...i, body };
    },

    head: info,

    async delete(key) {
      await rm(file(key), { force: true });
      await rm(metaFile(key), { force: true });
    },

    async signedUrl(key, ttlSeconds) {
      return signMediaUrl(assertKey(key), ttlSeconds);
    },
  };
}
