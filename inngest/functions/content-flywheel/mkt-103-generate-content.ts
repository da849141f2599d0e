import { inngest } from "@/inngest/client";
import { markInputFailedOnFailure } from "./input-failure";
import { failPermanently } from "./permanent-error";
import { contentPiecesGenerated, contentResearchCompleted } from "@/inngest/events";
import { planGeneration } from "@/lib/content/generation/plan-generation";
import { renderPieceImage } from "@/lib/content/generation/render-piece-image";
import { savePieces, type SavePiecesOptions } from "@/lib/content/generation/save-pieces";
import { writePlatformCopy } from "@/lib/content/generation/write-platform-copy";

const permanent = failPermanently(["not_found", "conflict", "validation"]);

/**
 * MKT-103: per target platform, the copy (schema + platform post-check) and the image (stored),
 * each its own step; then every piece, asset and link in one transaction (status REVIEW);
 * then content/pieces.generated for MKT-104.
 */
export const mkt103GenerateContent = inngest.createFunction(
  {
    id: "mkt-103-generate-content",
    name: "MKT-103: generate content",
    triggers: [contentResearchCompleted],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 3 },
    onFailure: markInputFailedOnFailure,
  },
  async ({ event, step, runId }) => {
    const { organizationId, inputId } = event.data;
    const plan = await step.run("plan", () => planGeneration({ organizationId, inputId }).catch(permanent));
    let saved: { contentPieceIds: string[]; brandId: string };
    if (plan.existingPieceIds.length > 0) saved = { contentPieceIds: plan.existingPieceIds, brandId: plan.brandId };
    else {
      const pieces: SavePiecesOptions["pieces"] = [];
      for (const platform of plan.platforms) {
        const p = platform.toLowerCase();
        const copy = await step.run(`copy-${p}`, () => writePlatformCopy({ organizationId, inputId, platform, aiKey: `${runId}:copy-${p}` }).catch(permanent));
        const image = await step.run(`image-${p}`, () => renderPieceImage({ organizationId, inputId, platform, aiKey: `${runId}:image-${p}` }).catch(permanent));
        pieces.push({ piece: copy.piece, image, model: copy.model, repairs: copy.repairs, insightIds: copy.insightIds });
      }
      saved = await step.run("save-pieces", () => savePieces({ organizationId, inputId, pieces }));
    }
    await step.sendEvent(
      "emit-pieces-generated",
      contentPiecesGenerated.create({ organizationId, inputId, brandId: saved.brandId, contentPieceIds: saved.contentPieceIds }, { id: `content-pieces-generated:${inputId}` }),
    );
    return { inputId, contentPieceIds: saved.contentPieceIds, platforms: plan.platforms };
  },
);
