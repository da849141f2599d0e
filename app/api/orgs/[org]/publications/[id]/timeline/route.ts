import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getPublicationTimelineEndpoint } from "@/lib/publishing/contracts";
import { getPublicationTimeline } from "@/lib/publishing/get-publication-timeline";

/** One publication's timeline (Scheduled -> Uploading -> Processing -> Posted/Failed) and attempts. */
export const GET = handle(getPublicationTimelineEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return getPublicationTimeline({ organizationId: ctx.organizationId, publicationId: params.id });
});
