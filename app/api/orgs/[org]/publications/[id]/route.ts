import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";
import { reschedulePublication } from "@/lib/publishing/reschedule-publication";
import { rescheduleSchema } from "@/lib/publishing/schemas";

/** Reschedule a publication that has not started: {scheduledAt} (ISO). 409 once it is publishing or done. */
export const PATCH = route<{ params: Promise<{ org: string; id: string }> }>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "editContent");
  const input = await parseJson(req, rescheduleSchema);
  return json({ publication: await reschedulePublication({ organizationId: ctx.organizationId, publicationId: id, scheduledAt: new Date(input.scheduledAt) }) });
});
