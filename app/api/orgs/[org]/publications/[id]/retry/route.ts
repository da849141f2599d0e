import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { retryPublicationEndpoint } from "@/lib/publishing/contracts";
import { retryPublication } from "@/lib/publishing/retry-publication";

/** "Réessayer": send a FAILED publication back to MKT-107 now; 409 when it is not FAILED. */
export const POST = handle(retryPublicationEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await body();
  return { publication: await retryPublication({ organizationId: ctx.organizationId, publicationId: params.id }) };
});
