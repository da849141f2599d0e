import { inngest } from "@/inngest/client";
import { contentPieceApproved } from "@/inngest/events";
import { listAdaptationTargets } from "@/lib/content/adaptation/adapt-content-piece";
import { scheduleAdaptedPublications } from "@/lib/content/adaptation/schedule-adapted-publications";
import { publicationScheduledEvent } from "@/lib/publishing/deps";

/**
 * MKT-106, on content/piece.approved. The adaptation itself ran before the approval request (MKT-104,
 * issue 9), so what is scheduled here is exactly what was approved: SCHEDULED publications for each
 * approved network version (revision) on each active account of that network, publication/scheduled
 * per publication (MKT-107) and content/variants.adapted. No model writes anything after approval.
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
  async ({ event, step }) => {
    const { organizationId, contentPieceId } = event.data;
    const targets = await step.run("load-targets", () => listAdaptationTargets({ organizationId, contentPieceId }));
    if (targets.status !== "APPROVED") return { contentPieceId, skipped: `piece is ${targets.status}` };
    const variantIds = targets.variantIds;
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
