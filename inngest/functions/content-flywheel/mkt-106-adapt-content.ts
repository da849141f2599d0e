import { inngest } from "@/inngest/client";
import { contentPieceApproved } from "@/inngest/events";
import { adaptPieceToPlatform, listAdaptationTargets } from "@/lib/content/adaptation/adapt-content-piece";
import { scheduleAdaptedPublications } from "@/lib/content/adaptation/schedule-adapted-publications";
import { publicationScheduledEvent } from "@/lib/publishing/deps";

/**
 * MKT-106, on content/piece.approved: one variant per other ACTIVE platform of the brand (parentId =
 * the approved piece; text length and hashtags per the platform's capabilities), then SCHEDULED
 * publications for the piece and its variants on each active account, publication/scheduled per
 * publication (MKT-107) and content/variants.adapted.
 */
export const mkt106AdaptContent = inngest.createFunction(
  {
    id: "mkt-106-adapt-content",
    name: "MKT-106: adapt to every platform",
    triggers: [contentPieceApproved],
    retries: 4,
    idempotency: "event.data.contentPieceId",
    concurrency: { key: "event.data.organizationId", limit: 3 },
  },
  async ({ event, step, runId }) => {
    const { organizationId, contentPieceId } = event.data;
    const targets = await step.run("load-targets", () => listAdaptationTargets({ organizationId, contentPieceId }));
    if (targets.status !== "APPROVED") return { contentPieceId, skipped: `piece is ${targets.status}` };
    const variantIds: string[] = [];
    for (const platform of targets.platforms) {
      const v = await step.run(`adapt-${platform.toLowerCase()}`, () => adaptPieceToPlatform({ organizationId, contentPieceId, platform, idempotencyKey: `${runId}:adapt-${platform}` }));
      variantIds.push(v.variantId);
    }
    const publications = await step.run("schedule-publications", () => scheduleAdaptedPublications({ organizationId, contentPieceId }));
    if (publications.length > 0) {
      await step.sendEvent(
        "emit-publications-scheduled",
        publications.map((p) => publicationScheduledEvent({ organizationId, ...p }, `publication-scheduled-${p.publicationId}`)),
      );
    }
    await step.sendEvent("emit-variants-adapted", { id: `variants-adapted-${contentPieceId}`, name: "content/variants.adapted", data: { organizationId, contentPieceId, variantIds } });
    return { contentPieceId, variantIds, publications: publications.length };
  },
);
