import { requireOrg } from "@/lib/auth/guard";
import { json, parseQuery, route } from "@/lib/http";
import { listPublishQueue } from "@/lib/publishing/list-publish-queue";
import { queueQuerySchema } from "@/lib/publishing/schemas";

/** The publish queue: in-flight and failed publications, last 24 h and next 7 days, with their events. */
export const GET = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  const q = parseQuery(req, queueQuerySchema);
  return json(await listPublishQueue({ organizationId: ctx.organizationId, platform: q.platform }));
});
