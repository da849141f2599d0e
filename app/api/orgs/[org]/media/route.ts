import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listMediaEndpoint, uploadMediaEndpoint } from "@/lib/media/contracts";
import { listMedia } from "@/lib/media/list-media";
import { uploadMedia } from "@/lib/media/upload-media";

export const GET = handle(listMediaEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return { media: await listMedia({ organizationId: ctx.organizationId, ...query() }) };
});

/** multipart/form-data: "file" (image, video or audio) and optional "altText". Streams to disk; 413 over the limit. */
export const POST = handle(uploadMediaEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const uploadedById = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const { asset, duplicate } = await uploadMedia({ organizationId: ctx.organizationId, uploadedById, request: req });
  return reply({ asset, duplicate }, { status: duplicate ? 200 : 201 });
});
