import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listPublishQueueEndpoint } from "@/lib/publishing/contracts";
import { listPublishQueue } from "@/lib/publishing/list-publish-queue";

/** The publish queue: in-flight and failed publications, last 24 h and next 7 days, with their events. */
export const GET = handle(listPublishQueueEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return listPublishQueue({ organizationId: ctx.organizationId, platform: query().platform });
});
