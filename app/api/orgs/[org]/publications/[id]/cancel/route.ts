import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { cancelPublication } from "@/lib/publishing/cancel-publication";
import { cancelPublicationEndpoint } from "@/lib/publishing/contracts";

/** Cancel a publication that has not started: {} or {series: true} (also the future occurrences). */
export const POST = handle(cancelPublicationEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  const by = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  return { publication: await cancelPublication({ organizationId: ctx.organizationId, publicationId: params.id, series: input.series, cancelledById: by }) };
});
