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
