import { requireOrg } from "@/lib/auth/guard";
import { json, route } from "@/lib/http";
import { getPublicationTimeline } from "@/lib/publishing/get-publication-timeline";

/** One publication's timeline (Scheduled -> Uploading -> Processing -> Posted/Failed) and attempts. */
export const GET = route<{ params: Promise<{ org: string; id: string }> }>(async (req, { params }) => {
  const { org, id } = await params;
  const ctx = await requireOrg(req, org);
  return json(await getPublicationTimeline({ organizationId: ctx.organizationId, publicationId: id }));
});
