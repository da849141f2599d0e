import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { deleteMedia } from "@/lib/media/delete-media";
import { getMedia } from "@/lib/media/get-media";

type Ctx = { params: Promise<{ org: string; id: string }> };

/** One asset with its quality gates per platform. */
export const GET = route<Ctx>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org);
  return json({ asset: await getMedia({ organizationId: ctx.organizationId, assetId: id }) });
});

export const DELETE = route<Ctx>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org, "editContent");
  return json(await deleteMedia({ organizationId: ctx.organizationId, assetId: id }));
});
