import { z } from "zod";

/** Limits of MKT-101 submissions (stated in the error messages and the API docs). */
export const INGEST_LIMITS = {
  jsonBytes: 1024 * 1024,
  audioBytes: 25 * 1024 * 1024,
  imageBytes: 10 * 1024 * 1024,
  textChars: 20_000,
} as const;
/** A multipart body may hold the largest file plus a few small fields. */
export const MAX_MULTIPART_BYTES = INGEST_LIMITS.audioBytes + 64 * 1024;

export const INPUT_TYPES = ["text", "url", "audio", "image"] as const;
export type IngestInputType = (typeof INPUT_TYPES)[number];

export const AUDIO_MIME = ["audio/mpeg", "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/wav", "audio/x-wav", "audio/webm", "audio/ogg"] as const;
export const IMAGE_MIME = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

const common = {
  brandId: z.string().min(1).max(64).optional(),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
};

/** JSON body: text and URL inputs (audio and image are files: multipart/form-data). */
export const ingestJsonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().trim().min(1).max(INGEST_LIMITS.textChars), ...common }).strict(),
  z.object({ type: z.literal("url"), url: z.string().trim().min(1).max(2048), note: z.string().trim().max(2000).optional(), ...common }).strict(),
]);
export type IngestJson = z.infer<typeof ingestJsonSchema>;

/** Text fields of a multipart body (the file comes in the "file" part). */
export const ingestMultipartFieldsSchema = z
  .object({
    type: z.enum(["audio", "image", "text", "url"]),
    text: z.string().trim().max(INGEST_LIMITS.textChars).optional(),
    url: z.string().trim().max(2048).optional(),
    note: z.string().trim().max(2000).optional(),
    ...common,
  })
  .strict();

export type IngestFile = { bytes: Uint8Array; mimeType: string; fileName: string };

/** One submission, whatever its transport. */
export type IngestRequest =
  | { type: "text"; text: string; brandId?: string; idempotencyKey?: string }
  | { type: "url"; url: string; note?: string; brandId?: string; idempotencyKey?: string }
  | { type: "audio" | "image"; file: IngestFile; note?: string; brandId?: string; idempotencyKey?: string };

export const listInputsQuerySchema = z.object({ take: z.coerce.number().int().min(1).max(100).optional() }).strict();

/** MKT-101 AI output: summary + exactly 3 topics. */
export const inputSummarySchema = z.object({
  summary: z.string().min(1).max(1200),
  suggested_topics: z.array(z.string().min(3).max(160)).length(3),
});
