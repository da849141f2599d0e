import { requireOrg } from "@/lib/auth/guard";
import { json, parseQuery, route } from "@/lib/http";
import { listMedia } from "@/lib/media/list-media";
import { listMediaQuerySchema } from "@/lib/media/schemas";
import { uploadMedia } from "@/lib/media/upload-media";

type Ctx = { params: Promise<{ org: string }> };

export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  const query = parseQuery(req, listMediaQuerySchema);
  return json({ media: await listMedia({ organizationId: ctx.organizationId, ...query }) });
});

/** multipart/form-data: "file" (image, video or audio) and optional "altText". Streams to disk; 413 over the limit. */
export const POST = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "editContent");
  const uploadedById = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const { asset, duplicate } = await uploadMedia({ organizationId: ctx.organizationId, uploadedById, request: req });
  return json({ asset, duplicate }, duplicate ? 200 : 201);
});
