import { AppError } from "@/lib/errors";
import { parseWith, readBodyLimited } from "@/lib/http";
import { AUDIO_MIME, IMAGE_MIME, INGEST_LIMITS, INPUT_TYPES, MAX_MULTIPART_BYTES, ingestJsonSchema, ingestMultipartFieldsSchema, type IngestRequest } from "./schemas";

/**
 * An MKT-101 submission from an HTTP request (webhook or the app's form): JSON (text, url) up to
 * 1 MB, or multipart/form-data with a "file" part (audio up to 25 MB, image up to 10 MB).
 * Everything is checked here, before anything is stored. `Idempotency-Key` header or body field.
 */
const MB = 1024 * 1024;
/** The size limits, stated in every "too large / wrong kind of body" message (errors.content.limits). */
const LIMITS = { jsonMb: INGEST_LIMITS.jsonBytes / MB, audioMb: INGEST_LIMITS.audioBytes / MB, imageMb: INGEST_LIMITS.imageBytes / MB };

function checkType(type: unknown): void {
  if (typeof type !== "string" || !(INPUT_TYPES as readonly string[]).includes(type)) {
    throw new AppError("validation", "content.unknownType", { field: "type", values: { given: typeof type === "string" ? type.slice(0, 40) : "none", types: INPUT_TYPES.join(", ") } });
  }
}

function idempotencyKeyOf(req: Request, fromBody: string | undefined): string | undefined {
  const header = req.headers.get("idempotency-key")?.trim();
  if (header && header.length > 200) throw new AppError("validation", "validation.idempotencyKey", { field: "idempotencyKey" });
  return header || fromBody;
}

async function readLimited(req: Request, max: number): Promise<Uint8Array> {
  try {
    return await readBodyLimited(req, max);
  } catch (err) {
    if (err instanceof AppError && err.code === "payload_too_large") throw new AppError("payload_too_large", "content.limits", { field: "body", values: { reason: "body", type: "", ...LIMITS } });
    throw err;
  }
}

async function parseJsonBody(req: Request): Promise<IngestRequest> {
  const raw = await readLimited(req, INGEST_LIMITS.jsonBytes);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    throw new AppError("bad_request", "http.invalidJson", { field: "body" });
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new AppError("bad_request", "http.jsonObject", { field: "body" });
  const type = (data as { type?: unknown }).type;
  checkType(type);
  if (type === "audio" || type === "image") {
    throw new AppError("unsupported_media_type", "content.limits", { field: "type", values: { reason: "multipart", type, ...LIMITS } });
  }
  const parsed = parseWith(ingestJsonSchema, data);
  return { ...parsed, idempotencyKey: idempotencyKeyOf(req, parsed.idempotencyKey) };
}

async function parseMultipart(req: Request, contentType: string): Promise<IngestRequest> {
  const raw = await readLimited(req, MAX_MULTIPART_BYTES);
  let form: FormData;
  try {
    form = await new Response(new Blob([raw as Uint8Array<ArrayBuffer>]), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("bad_request", "http.invalidMultipart", { field: "body" });
  }
  const fields: Record<string, string> = {};
  let file: File | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") fields[name] = value;
    else if (name === "file" && !file) file = value;
    else throw new AppError("validation", "content.unexpectedFile", { field: name });
  }
  checkType(fields.type);
  const f = parseWith(ingestMultipartFieldsSchema, fields);
  const idempotencyKey = idempotencyKeyOf(req, f.idempotencyKey);
  const base = { brandId: f.brandId, idempotencyKey };
  if (f.type === "text" || f.type === "url") {
    if (file) throw new AppError("validation", "content.noFileExpected", { field: "file", values: { type: f.type } });
    return parseWith(ingestJsonSchema, { type: f.type, ...(f.type === "text" ? { text: f.text ?? "" } : { url: f.url ?? "", note: f.note }), ...base }) as IngestRequest;
  }
  if (!file || file.size === 0) throw new AppError("validation", "content.fileRequired", { field: "file", values: { type: f.type } });
  const limit = f.type === "audio" ? INGEST_LIMITS.audioBytes : INGEST_LIMITS.imageBytes;
  if (file.size > limit) throw new AppError("payload_too_large", "content.fileTooLarge", { field: "file", values: { type: f.type, max: limit / MB, size: (file.size / MB).toFixed(1) } });
  const mimeType = (file.type || "application/octet-stream").split(";")[0]!.toLowerCase();
  const allowed: readonly string[] = f.type === "audio" ? AUDIO_MIME : IMAGE_MIME;
  if (!allowed.includes(mimeType)) throw new AppError("unsupported_media_type", "content.fileType", { field: "file", values: { mime: mimeType, type: f.type, allowed: allowed.join(", ") } });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const note = f.note ?? f.text;
  return { type: f.type, file: { bytes, mimeType, fileName: (file.name || `${f.type}`).slice(0, 200) }, note: note || undefined, ...base };
}

export async function parseIngestRequest(req: Request): Promise<IngestRequest> {
  const contentType = req.headers.get("content-type") ?? "";
  if (/^application\/json\b/i.test(contentType)) return parseJsonBody(req);
  if (/^multipart\/form-data\b/i.test(contentType)) return parseMultipart(req, contentType);
  throw new AppError("unsupported_media_type", "content.limits", { field: "body", values: { reason: "contentType", type: "", ...LIMITS } });
}
