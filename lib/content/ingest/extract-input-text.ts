import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { transcribe } from "@/lib/providers/ai";
import { readObjectBytes, storage } from "@/lib/providers/storage";
import { describeImage } from "./describe-image";
import { fetchUrlText } from "./fetch-url-text";

export type ExtractInputTextOptions = {
  organizationId: string;
  inputId: string;
  /** "<runId>:<stepId>": a re-run step is charged once. */
  aiKey?: string;
  allowPrivateUrls?: boolean;
};

export type ExtractInputTextResult = { inputId: string; type: string; chars: number; skipped: boolean; transcriptionUnavailable: boolean };

const DONE = ["PROCESSED", "RESEARCHED", "ARCHIVED"];

/**
 * MKT-101, first half: readable text for an input. Text as is; URL fetched (SSRF-guarded) and its
 * readable text kept in `transcription`; audio transcribed (offline: flagged unavailable); image:
 * described by the text model looking at it (offline: from caption and probed facts), kept in
 * `transcription`. Safe to re-run.
 */
export async function extractInputText(opts: ExtractInputTextOptions): Promise<ExtractInputTextResult> {
  const input = await db().contentInput.findFirst({
    where: { id: opts.inputId, organizationId: opts.organizationId },
    select: { id: true, type: true, status: true, rawContent: true, url: true, transcription: true, transcriptionUnavailable: true, brand: { select: { language: true } }, mediaAsset: { select: { storageKey: true, mimeType: true, fileName: true } } },
  });
  if (!input) throw notFound("contentInput");
  const result = (chars: number, skipped: boolean, unavailable = input.transcriptionUnavailable) => ({ inputId: input.id, type: input.type, chars, skipped, transcriptionUnavailable: unavailable });
  if (DONE.includes(input.status)) return result((input.transcription ?? input.rawContent ?? "").length, true);
  await db().contentInput.update({ where: { id: input.id }, data: { status: "PROCESSING", errorMessage: null } });

  switch (input.type) {
    case "TEXT":
      return result(input.rawContent?.length ?? 0, false);
    case "URL": {
      if (!input.url) throw new AppError("validation", "content.urlMissing", { field: "url" });
      const page = await fetchUrlText({ url: input.url, allowPrivate: opts.allowPrivateUrls });
      const text = [page.title, page.description, page.text].filter(Boolean).join("\n\n");
      await db().contentInput.update({ where: { id: input.id }, data: { transcription: text } });
      return result(text.length, false);
    }
    case "AUDIO": {
      if (!input.mediaAsset) throw new AppError("validation", "content.fileMissing", { field: "file", values: { kind: "audio" } });
      const obj = await storage().get(input.mediaAsset.storageKey);
      if (!obj) throw new AppError("not_found", "content.storedFileMissing", { field: "file", values: { kind: "audio" } });
      const audio = await readObjectBytes(obj);
      const res = await transcribe({
        organizationId: opts.organizationId,
        agent: "mkt-101-ingest-input",
        operation: "transcribe",
        idempotencyKey: opts.aiKey,
        audio,
        fileName: input.mediaAsset.fileName ?? "audio",
        mimeType: input.mediaAsset.mimeType,
        language: input.brand.language,
      });
      await db().contentInput.update({ where: { id: input.id }, data: { transcription: res.text, transcriptionUnavailable: !res.available } });
      return result(res.text?.length ?? 0, false, !res.available);
    }
    case "IMAGE": {
      if (!input.mediaAsset) throw new AppError("validation", "content.fileMissing", { field: "file", values: { kind: "image" } });
      const obj = await storage().get(input.mediaAsset.storageKey);
      if (!obj) throw new AppError("not_found", "content.storedFileMissing", { field: "file", values: { kind: "image" } });
      const d = await describeImage({
        organizationId: opts.organizationId,
        bytes: await readObjectBytes(obj),
        caption: input.rawContent,
        fileName: input.mediaAsset.fileName,
        language: input.brand.language,
        idempotencyKey: opts.aiKey,
      });
      const text = [d.description, d.subjects.length ? d.subjects.join(", ") : "", d.visibleText].filter(Boolean).join("\n");
      await db().contentInput.update({ where: { id: input.id }, data: { transcription: text } });
      return result(text.length, false);
    }
  }
}
