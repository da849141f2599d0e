import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { checkQualityGates } from "./check-quality-gates";
import { MEDIA_SELECT, toMediaDto } from "./media-dto";
import type { MediaDetailDto } from "@/lib/media/contracts";
export type { MediaDetailDto };

/** One asset with its quality gates per platform and the pieces using it. Another organisation's id -> 404. */
export async function getMedia(opts: { organizationId: string; assetId: string }): Promise<MediaDetailDto> {
  const row = await db().mediaAsset.findFirst({
    where: { id: opts.assetId, organizationId: opts.organizationId },
    select: { ...MEDIA_SELECT, pieces: { select: { piece: { select: { id: true, title: true } } }, take: 20 } },
  });
  if (!row) throw notFound("media");
  const { pieces, ...asset } = row;
  const dto = await toMediaDto(asset);
  return {
    ...dto,
    gates: checkQualityGates({ kind: dto.kind, mimeType: dto.mimeType, sizeBytes: dto.sizeBytes, width: dto.width, height: dto.height, durationMs: dto.durationMs, codec: dto.codec }),
    usedBy: pieces.map((p) => ({ contentPieceId: p.piece.id, title: p.piece.title })),
  };
}
