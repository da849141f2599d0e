import "server-only";
import { db } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import { AppError, notFound } from "@/lib/errors";
import type { PieceDraft } from "./copy-rules";
import { renderedAssetData, type RenderedImage } from "./render-piece-image";

export type SavePiecesOptions = {
  organizationId: string;
  inputId: string;
  pieces: { piece: PieceDraft; image: RenderedImage | null; model?: string; repairs?: string[]; insightIds?: string[] }[];
};
export type SavePiecesResult = { inputId: string; brandId: string; contentPieceIds: string[]; created: boolean };

/**
 * MKT-103 save: every piece (status REVIEW), its MediaAsset and ContentPieceMedia link in ONE
 * transaction, so a generation is all there or not at all. Once per input: a second call returns
 * the pieces already written (the lock on the input row serialises concurrent calls).
 */
export async function savePieces(opts: SavePiecesOptions): Promise<SavePiecesResult> {
  if (opts.pieces.length === 0) throw new AppError("validation", "content.nothingToSave", { field: "pieces" });
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; brandId: string; research: unknown }[]>`
      SELECT id, "brandId", research FROM content_inputs WHERE id = ${opts.inputId} AND "organizationId" = ${opts.organizationId} FOR UPDATE`;
    const input = locked[0];
    if (!input) throw notFound("contentInput");
    const existing = await tx.contentPiece.findMany({ where: { inputId: input.id, organizationId: opts.organizationId, parentId: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
    if (existing.length > 0) return { inputId: input.id, brandId: input.brandId, contentPieceIds: existing.map((p) => p.id), created: false };
    const ids: string[] = [];
    for (const { piece, image, model, repairs, insightIds } of opts.pieces) {
      const row = await tx.contentPiece.create({
        data: {
          organizationId: opts.organizationId,
          brandId: input.brandId,
          inputId: input.id,
          platform: piece.platform,
          format: piece.format,
          status: "REVIEW",
          title: piece.title,
          body: piece.body,
          hashtags: piece.hashtags,
          callToAction: piece.callToAction,
          aiGenerated: true,
          aiModel: model,
          generationContext: { research: input.research as object, script: piece.script ?? null, repairs: repairs ?? [], insightIds: insightIds ?? [] },
        },
        select: { id: true },
      });
      ids.push(row.id);
      if (image) {
        const asset = await tx.mediaAsset.upsert({
          where: { storageKey: image.storageKey },
          update: {},
          create: renderedAssetData(image, { organizationId: opts.organizationId, brandId: input.brandId }),
          select: { id: true },
        });
        await tx.contentPieceMedia.create({ data: { organizationId: opts.organizationId, pieceId: row.id, assetId: asset.id, position: 0, role: piece.format === "VIDEO_SCRIPT" ? "cover" : "media" } });
      }
    }
    await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "content.generated", payload: { inputId: input.id, contentPieceIds: ids } });
    return { inputId: input.id, brandId: input.brandId, contentPieceIds: ids, created: true };
  });
}
