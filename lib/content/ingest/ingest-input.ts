import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { inngest } from "@/inngest/client";
import { contentInputReceived } from "@/inngest/events";
import { Prisma, db } from "@/lib/db/client";
import type { ContentInputSource } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { mediaKey, storage } from "@/lib/providers/storage";
import { assertFetchableUrl } from "./fetch-url-text";
import { inputDtoSelect, toInputDto, type ContentInputDto } from "./input-dto";
import type { IngestRequest } from "./schemas";

export type IngestInputOptions = {
  organizationId: string;
  source: ContentInputSource;
  input: IngestRequest;
  createdById?: string;
  /** Private URL destinations (default: setting URL_FETCH_ALLOW_PRIVATE). */
  allowPrivateUrls?: boolean;
};

export type IngestInputResult = { input: ContentInputDto; duplicate: boolean };

const TYPE = { text: "TEXT", url: "URL", audio: "AUDIO", image: "IMAGE" } as const;

/** The brand the input is for: the one named (of this organisation), else the default brand. */
async function resolveBrand(organizationId: string, brandId?: string): Promise<string> {
  const brand = await db().brand.findFirst({
    where: { organizationId, archivedAt: null, ...(brandId ? { id: brandId } : {}) },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    select: { id: true },
  });
  if (!brand) {
    if (brandId) throw notFound("brand", { field: "brandId" });
    throw new AppError("validation", "content.noBrand", { field: "brandId" });
  }
  return brand.id;
}

/**
 * What was submitted, whatever the transport (JSON or multipart, key in a header or the body): the
 * same Idempotency-Key with another submission is a 422, not the first result (issue 10, row 12;
 * the IETF idempotency-key draft's rule).
 */
export function submissionHash(input: IngestRequest): string {
  const file = "file" in input ? { sha256: createHash("sha256").update(input.file.bytes).digest("hex"), mimeType: input.file.mimeType, fileName: input.file.fileName } : null;
  const what = { type: input.type, text: "text" in input ? input.text : null, url: "url" in input ? input.url : null, note: "note" in input ? (input.note ?? null) : null, brandId: input.brandId ?? null, file };
  return createHash("sha256").update(JSON.stringify(what)).digest("hex");
}

async function findByKey(key: string, organizationId: string, hash: string): Promise<ContentInputDto | null> {
  const row = await db().contentInput.findFirst({ where: { idempotencyKey: key, organizationId }, select: { ...inputDtoSelect, idempotencyHash: true } });
  if (!row) return null;
  if (row.idempotencyHash && row.idempotencyHash !== hash) throw new AppError("validation", "http.idempotencyKeyReused", { field: "Idempotency-Key" });
  return toInputDto(row);
}

/** Event id: the first delivery of an input; the 09:00 pick-up uses its own per-day ids. */
export function inputReceivedEventId(inputId: string): string {
  return `content-input-received:${inputId}`;
}

/**
 * MKT-101 intake: validate, store the input (and its file) BEFORE any processing, then emit
 * content/input.received. Same idempotency key again -> the same input (duplicate: true).
 * If the event cannot be sent the input stays PENDING and the 09:00 pick-up sends it.
 */
export async function ingestInput(opts: IngestInputOptions): Promise<IngestInputResult> {
  const { organizationId, input } = opts;
  const key = input.idempotencyKey ? `${organizationId}:${input.idempotencyKey}` : undefined;
  const hash = submissionHash(input);
  if (key) {
    const existing = await findByKey(key, organizationId, hash);
    if (existing) return { input: existing, duplicate: true };
  }
  const brandId = await resolveBrand(organizationId, input.brandId);
  if (input.type === "url") await assertFetchableUrl({ url: input.url, allowPrivate: opts.allowPrivateUrls });

  let storedKey: string | undefined;
  let asset: Prisma.MediaAssetUncheckedCreateInput | undefined;
  if (input.type === "audio" || input.type === "image") {
    storedKey = mediaKey({ organizationId, id: randomUUID(), contentType: input.file.mimeType, folder: "uploads" });
    await storage().put(storedKey, input.file.bytes, { contentType: input.file.mimeType });
    asset = {
      organizationId,
      brandId,
      kind: input.type === "audio" ? "AUDIO" : "IMAGE",
      source: "UPLOAD",
      status: "READY",
      storageKey: storedKey,
      fileName: input.file.fileName,
      mimeType: input.file.mimeType,
      sizeBytes: BigInt(input.file.bytes.byteLength),
      checksumSha256: createHash("sha256").update(input.file.bytes).digest("hex"),
      uploadedById: opts.createdById,
    };
  }

  let created: ContentInputDto;
  try {
    created = await db().$transaction(async (tx) => {
      const media = asset ? await tx.mediaAsset.create({ data: asset, select: { id: true } }) : null;
      const row = await tx.contentInput.create({
        data: {
          organizationId,
          brandId,
          type: TYPE[input.type],
          source: opts.source,
          status: "PENDING",
          rawContent: input.type === "text" ? input.text : (input.note ?? null),
          url: input.type === "url" ? input.url : null,
          mediaAssetId: media?.id,
          idempotencyKey: key,
          idempotencyHash: key ? hash : null,
          createdById: opts.createdById,
        },
        select: inputDtoSelect,
      });
      return toInputDto(row);
    });
  } catch (err) {
    if (storedKey) await storage().delete(storedKey).catch(() => undefined);
    if (key && err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const existing = await findByKey(key, organizationId, hash);
      if (existing) return { input: existing, duplicate: true };
    }
    throw err;
  }

  try {
    await inngest.send(contentInputReceived.create({ organizationId, inputId: created.id, brandId }, { id: inputReceivedEventId(created.id) }));
  } catch (err) {
    childLogger({ organizationId, inputId: created.id }).warn({ err }, "content/input.received not sent; the 09:00 pick-up will send it");
  }
  return { input: created, duplicate: false };
}
