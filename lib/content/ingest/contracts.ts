import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { ContentInputSource, ContentInputStatus, ContentInputType } from "@/lib/db/generated/enums";
import { INGEST_LIMITS, ingestJsonSchema, ingestMultipartFieldsSchema, listInputsQuerySchema } from "./schemas";

/** MKT-101 inputs (ideas): the app's "Submit an idea" form, the public webhook, the recent list. */

/** Where an input is in the flywheel, for the progress shown in the app. */
export const INPUT_STAGES = ["received", "processing", "research", "generating", "generated", "failed", "archived"] as const;
export type InputStage = (typeof INPUT_STAGES)[number];

export const contentInputDto = z
  .object({
    id: z.string(),
    brandId: z.string(),
    type: z.enum(ContentInputType),
    source: z.enum(ContentInputSource),
    status: z.enum(ContentInputStatus),
    stage: z.enum(INPUT_STAGES),
    excerpt: z.string().nullable(),
    url: z.string().nullable(),
    summary: z.string().nullable(),
    suggestedTopics: z.array(z.string()),
    topic: z.string().nullable(),
    pieceCount: z.number().int(),
    errorMessage: z.string().nullable(),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: "ContentInput" });
export type ContentInputDto = z.infer<typeof contentInputDto>;

const ingestResult = z.object({ input: contentInputDto, duplicate: z.boolean().meta({ description: "true when the Idempotency-Key was seen before (same input returned)" }) });

const MB = 1024 * 1024;
/** The multipart form: the file part plus the text fields of ingestMultipartFieldsSchema. */
const ingestMultipart = ingestMultipartFieldsSchema.extend({
  file: z.string().meta({ format: "binary", description: `audio up to ${INGEST_LIMITS.audioBytes / MB} MB or image up to ${INGEST_LIMITS.imageBytes / MB} MB` }).optional(),
});

const ingestDescription = `Text and URL ideas as JSON (up to ${INGEST_LIMITS.jsonBytes / MB} MB); audio and images as multipart/form-data with a "file" part. Stored before it is processed. An Idempotency-Key header (or body field) makes a retry return the same input; the same key with another body is a 422.`;

const tag = "Content";

export const listInputsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/content/inputs",
  tag,
  access: "org",
  summary: "Recent ideas with their stage in the flywheel",
  query: listInputsQuerySchema,
  response: z.object({ inputs: z.array(contentInputDto) }),
});

export const submitInputEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/content/inputs",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Submit an idea (text, URL, audio or image)",
  description: ingestDescription,
  body: ingestJsonSchema,
  multipart: ingestMultipart,
  response: ingestResult,
  status: 201,
  alsoStatus: [200],
});

const webhook = {
  method: "POST",
  tag,
  access: "apiKey",
  description: `${ingestDescription} Authenticated by an organisation API key (X-API-Key); rate limited per key. 202 when stored, 200 for a repeated Idempotency-Key.`,
  body: ingestJsonSchema,
  multipart: ingestMultipart,
  response: ingestResult,
  status: 202,
  alsoStatus: [200],
} as const;

export const ingestWebhookEndpoint = defineEndpoint({ ...webhook, path: "/api/webhooks/ideas", summary: "Send an idea from another system (MKT-101 ingest)" });

export const ingestWebhookDeprecatedEndpoint = defineEndpoint({
  ...webhook,
  path: "/api/webhooks/mkt-101",
  summary: "Deprecated alias of POST /api/webhooks/ideas (same behaviour; answers carry a Deprecation header)",
  deprecated: true,
});
