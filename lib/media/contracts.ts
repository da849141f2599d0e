import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { SOCIAL_PLATFORMS } from "@/lib/connectors/types";
import { listMediaQuerySchema } from "./schemas";

/** The media library: endpoints and DTOs (URLs are signed for 1 h and never stored). */

export const MEDIA_KINDS = ["IMAGE", "VIDEO", "AUDIO", "DOCUMENT"] as const;

export const mediaAssetDto = z
  .object({
    id: z.string(),
    kind: z.enum(MEDIA_KINDS),
    status: z.enum(["PENDING_UPLOAD", "READY", "REJECTED"]),
    source: z.enum(["UPLOAD", "AI_GENERATED", "IMPORT"]),
    fileName: z.string().nullable(),
    mimeType: z.string(),
    sizeBytes: z.number(),
    checksumSha256: z.string(),
    durationMs: z.number().nullable(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    codec: z.string().nullable(),
    bitrateKbps: z.number().nullable(),
    frameRate: z.number().nullable(),
    altText: z.string().nullable(),
    createdAt: isoDateTime(),
    url: z.string(),
    thumbnailUrl: z.string().nullable(),
  })
  .meta({ id: "MediaAsset" });
export type MediaAssetDto = z.infer<typeof mediaAssetDto>;

/** Why an asset may not go to a platform: an i18n key (messages/<locale>/media.json "gates.<key>") with its values, and English. */
export const gateReasonDto = z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() });
export type GateReason = z.infer<typeof gateReasonDto>;
export const gateResultDto = z.object({ platform: z.enum(SOCIAL_PLATFORMS), ok: z.boolean(), reasons: z.array(gateReasonDto) }).meta({ id: "QualityGate" });
export type GateResult = z.infer<typeof gateResultDto>;

export const mediaDetailDto = mediaAssetDto
  .extend({ gates: z.array(gateResultDto), usedBy: z.array(z.object({ contentPieceId: z.string(), title: z.string().nullable() })) })
  .meta({ id: "MediaDetail" });
export type MediaDetailDto = z.infer<typeof mediaDetailDto>;

const tag = "Media";

export const listMediaEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/media",
  tag,
  access: "org",
  summary: "The media library, newest first",
  query: listMediaQuerySchema,
  response: z.object({ media: z.array(mediaAssetDto) }),
});

export const uploadMediaEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/media",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Upload an image, video or audio file (streamed; 413 over the limit; 200 when the same file exists)",
  multipart: z.object({ file: z.string().meta({ format: "binary" }), altText: z.string().max(500).optional() }),
  response: z.object({ asset: mediaAssetDto, duplicate: z.boolean() }),
  status: 201,
  alsoStatus: [200],
});

export const getMediaEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/media/{id}",
  tag,
  access: "org",
  summary: "One asset with its quality gates per platform and the pieces using it",
  response: z.object({ asset: mediaDetailDto }),
});

export const deleteMediaEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/media/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Delete an asset (and its renditions)",
  response: z.object({ deleted: z.literal(true) }),
});

export const signedMediaEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/media/{key}",
  tag,
  access: "signature",
  summary: "A stored file by its signed URL (local storage; issued by the API for 1 h)",
  query: z.object({ exp: z.string().optional().meta({ description: "expiry, Unix seconds" }), sig: z.string().optional().meta({ description: "HMAC of key and expiry (403 when wrong or expired)" }) }),
  produces: "raw",
  contentType: "application/octet-stream",
});
