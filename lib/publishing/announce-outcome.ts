import "server-only";
import { sqlPool } from "@/lib/db/client";
import { publishLiveEvent } from "@/lib/live/publish";
import type { PublishingDeps } from "./deps";
import { notifyPublicationFailed } from "./notify-publication-failed";
import type { PublishOutcome } from "./publish-publication";

/**
 * Tell the rest of the system how a publication ended: `publication/posted` or `publication/failed`
 * (ids fixed per publication, so a repeat is dropped by the event API's 24 h dedupe) and, after a
 * final failure, the admins (notifications deduplicated per publication and person). Safe to call
 * again for an outcome already announced, which is what lets MKT-107 publish outside a step.
 */
export async function announcePublicationOutcome(o: { organizationId: string; publicationId: string; result: PublishOutcome; deps: Pick<PublishingDeps, "send"> }): Promise<void> {
  const { organizationId, publicationId, result } = o;
  if (result.outcome === "posted" || result.outcome === "failed") {
    // The state is committed (publish-sql.ts); a repeated announcement repeats an idempotent refresh, nothing more.
    const status = result.outcome === "posted" ? "POSTED" : "FAILED";
    await publishLiveEvent(sqlPool(), { organizationId, type: result.outcome === "posted" ? "content.published" : "publication.updated", payload: { publicationId, platform: result.platform, status } });
  }
  if (result.outcome === "posted") {
    await o.deps.send([
      {
        id: `publication-posted-${publicationId}`,
        name: "publication/posted",
        data: { organizationId, publicationId, platform: result.platform, platformPostId: result.platformPostId, ...(result.platformPostUrl ? { platformPostUrl: result.platformPostUrl } : {}) },
      },
    ]);
  } else if (result.outcome === "failed") {
    await o.deps.send([
      {
        id: `publication-failed-${publicationId}`,
        name: "publication/failed",
        data: { organizationId, publicationId, platform: result.platform, ...(result.errorCode ? { errorCode: result.errorCode } : {}), errorMessage: result.errorMessage },
      },
    ]);
    await notifyPublicationFailed({ organizationId, publicationId });
  }
}
