import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { deleteMediaEndpoint, getMediaEndpoint } from "@/lib/media/contracts";
import { deleteMedia } from "@/lib/media/delete-media";
import { getMedia } from "@/lib/media/get-media";

/** One asset with its quality gates per platform. */
export const GET = handle(getMediaEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { asset: await getMedia({ organizationId: ctx.organizationId, assetId: params.id }) };
});

export const DELETE = handle(deleteMediaEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return deleteMedia({ organizationId: ctx.organizationId, assetId: params.id });
});
