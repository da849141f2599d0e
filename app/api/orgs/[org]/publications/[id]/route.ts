import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { reschedulePublicationEndpoint } from "@/lib/publishing/contracts";
import { reschedulePublication } from "@/lib/publishing/reschedule-publication";

/** Reschedule a publication that has not started: {scheduledAt} (ISO). 409 once it is publishing or done. */
export const PATCH = handle(reschedulePublicationEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return { publication: await reschedulePublication({ organizationId: ctx.organizationId, publicationId: params.id, scheduledAt: new Date(input.scheduledAt) }) };
});
