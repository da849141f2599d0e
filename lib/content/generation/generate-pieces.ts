import type { ContentPlatform } from "@/lib/content/research/schemas";
import { planGeneration } from "./plan-generation";
import { renderPieceImage } from "./render-piece-image";
import { savePieces, type SavePiecesResult } from "./save-pieces";
import { writePlatformCopy } from "./write-platform-copy";

export type GeneratePiecesOptions = { organizationId: string; inputId: string; platforms?: ContentPlatform[]; withImages?: boolean };

/**
 * MKT-103 in one call (the Inngest function runs the same parts as separate steps): one master
 * piece per target platform within its limits, an image each, all written in one transaction.
 * A malformed AI answer is repaired or fails with a typed error before anything is written.
 */
export async function generatePieces(opts: GeneratePiecesOptions): Promise<SavePiecesResult> {
  const plan = await planGeneration(opts);
  if (plan.existingPieceIds.length > 0) return { inputId: plan.inputId, brandId: plan.brandId, contentPieceIds: plan.existingPieceIds, created: false };
  const pieces = [];
  for (const platform of plan.platforms) {
    const copy = await writePlatformCopy({ organizationId: opts.organizationId, inputId: opts.inputId, platform });
    const image = opts.withImages === false ? null : await renderPieceImage({ organizationId: opts.organizationId, inputId: opts.inputId, platform });
    pieces.push({ piece: copy.piece, image, model: copy.model, repairs: copy.repairs, insightIds: copy.insightIds });
  }
  return savePieces({ organizationId: opts.organizationId, inputId: opts.inputId, pieces });
}
