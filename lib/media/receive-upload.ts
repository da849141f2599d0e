import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { AppError } from "@/lib/errors";

/**
 * Streams one multipart/form-data upload to a temporary file without buffering it: the "file" part
 * goes to disk while its SHA-256 and size are computed; small text fields (<= 4 KB) are collected.
 * The size limit is enforced on the bytes actually received (Content-Length is checked first but may
 * lie): over it -> 413 and the partial file is the caller's to delete.
 */
export type ReceivedUpload = { fileName: string; declaredType: string; sizeBytes: number; sha256: string; fields: Record<string, string> };

const MAX_FIELD = 4096;
const MAX_HEADERS = 8192;

export function boundaryOf(contentType: string | null): string {
  const m = /^multipart\/form-data\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  const b = m?.[1] ?? m?.[2];
  if (!b || b.length > 200) throw new AppError("unsupported_media_type", "media.notMultipart", { field: "file" });
  return b;
}

function parseHeaders(raw: string): { name: string | null; fileName: string | null; type: string } {
  const disp = /content-disposition:\s*form-data([^\r\n]*)/i.exec(raw)?.[1] ?? "";
  const name = /;\s*name="([^"]*)"/i.exec(disp)?.[1] ?? null;
  const fileName = /;\s*filename="([^"]*)"/i.exec(disp)?.[1] ?? null;
  const type = /content-type:\s*([^\r\n;]+)/i.exec(raw)?.[1]?.trim().toLowerCase() ?? "application/octet-stream";
  return { name, fileName, type };
}

export async function receiveUpload(req: Request, opts: { path: string; maxBytes: number | ((declaredType: string) => number) }): Promise<ReceivedUpload> {
  const delimiter = Buffer.from(`\r\n--${boundaryOf(req.headers.get("content-type"))}`);
  const limitFor = (type: string) => (typeof opts.maxBytes === "number" ? opts.maxBytes : opts.maxBytes(type));
  const declared = Number(req.headers.get("content-length") ?? "0");
  const ceiling = Math.max(limitFor("image/*"), limitFor("video/*"));
  if (declared > ceiling + 64 * 1024) throw tooLarge(ceiling);
  if (!req.body) throw new AppError("bad_request", "media.empty", { field: "file" });

  const reader = req.body.getReader();
  const hash = createHash("sha256");
  const fields: Record<string, string> = {};
  let file: { fh: FileHandle; fileName: string; type: string; size: number; max: number } | null = null;
  let done = false;
  let buf: Buffer = Buffer.from("\r\n"); // so the first boundary looks like every other delimiter
  let state: "preamble" | "after-delimiter" | "headers" | "body" | "end" = "preamble";
  let part: { name: string | null; fileName: string | null; type: string } | null = null;
  let text = "";

  const emit = async (chunk: Buffer) => {
    if (!part || chunk.length === 0) return;
    if (part.name === "file" && part.fileName !== null) {
      file ??= { fh: await open(opts.path, "w"), fileName: part.fileName, type: part.type, size: 0, max: limitFor(part.type) };
      file.size += chunk.length;
      if (file.size > file.max) throw tooLarge(file.max);
      hash.update(chunk);
      await file.fh.write(chunk);
    } else {
      text += chunk.toString("utf8");
      if (text.length > MAX_FIELD) throw new AppError("payload_too_large", "media.fieldTooLong", { field: part.name ?? "body", values: { name: part.name ?? "body" } });
    }
  };
  const closePart = () => {
    if (part && !(part.name === "file" && part.fileName !== null) && part.name) fields[part.name] = text;
    part = null;
    text = "";
  };

  try {
    while (state !== "end") {
      if (state === "preamble" || state === "body") {
        const at = buf.indexOf(delimiter);
        if (at >= 0) {
          if (state === "body") await emit(buf.subarray(0, at));
          closePart();
          buf = buf.subarray(at + delimiter.length);
          state = "after-delimiter";
          continue;
        }
        const keep = Math.max(0, buf.length - (delimiter.length - 1));
        if (state === "body") await emit(buf.subarray(0, keep));
        buf = buf.subarray(keep);
      } else if (state === "after-delimiter" && buf.length >= 2) {
        if (buf[0] === 0x2d && buf[1] === 0x2d) state = "end";
        else if (buf[0] === 0x0d && buf[1] === 0x0a) {
          buf = buf.subarray(2);
          state = "headers";
        } else throw malformed();
        continue;
      } else if (state === "headers") {
        const at = buf.indexOf("\r\n\r\n");
        if (at >= 0) {
          part = parseHeaders(buf.subarray(0, at).toString("utf8"));
          buf = buf.subarray(at + 4);
          state = "body";
          continue;
        }
        if (buf.length > MAX_HEADERS) throw malformed();
      }
      if (done) throw malformed();
      const r = await reader.read();
      if (r.done) done = true;
      else buf = buf.length ? Buffer.concat([buf, r.value]) : Buffer.from(r.value);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    throw err;
  } finally {
    await (file as { fh: FileHandle } | null)?.fh.close();
  }
  const f = file as { fileName: string; type: string; size: number } | null;
  if (!f || f.size === 0) throw new AppError("validation", "media.chooseFile", { field: "file" });
  return { fileName: f.fileName, declaredType: f.type, sizeBytes: f.size, sha256: hash.digest("hex"), fields };
}

function tooLarge(max: number) {
  return new AppError("payload_too_large", "media.fileTooLarge", { field: "file", values: { max: Math.round(max / 1024 ** 2) } });
}
function malformed() {
  return new AppError("bad_request", "media.malformed", { field: "file" });
}
