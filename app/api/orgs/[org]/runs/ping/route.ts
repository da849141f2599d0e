import { z } from "zod";
import { requireOrg } from "@/lib/auth/guard";
import { json, parseJson, route } from "@/lib/http";
import { requestPing } from "@/lib/runtime/request-ping";

const pingSchema = z.object({ message: z.string().trim().max(200).optional() }).strict();

/** Start a ping run for this organisation (checks that the workflow engine runs functions). */
export const POST = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "editContent");
  const input = await parseJson(req, pingSchema);
  return json(await requestPing({ organizationId: ctx.organizationId, message: input.message }), 202);
});
