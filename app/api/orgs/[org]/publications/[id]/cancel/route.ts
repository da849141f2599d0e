import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";
import { cancelPublication } from "@/lib/publishing/cancel-publication";
import { cancelSchema } from "@/lib/publishing/schemas";

/** Cancel a publication that has not started: {} or {series: true} (also the future occurrences). */
export const POST = route<{ params: Promise<{ org: string; id: string }> }>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "editContent");
  const input = await parseJson(req, cancelSchema);
  const by = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  return json({ publication: await cancelPublication({ organizationId: ctx.organizationId, publicationId: id, series: input.series, cancelledById: by }) });
});
