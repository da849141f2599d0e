import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { reprocessLeadReplyEndpoint } from "@/lib/leads/contracts";
import { reprocessLeadReply } from "@/lib/leads/replies/stuck-replies";

export const POST = handle(reprocessLeadReplyEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return { reply: await reprocessLeadReply({ organizationId: ctx.organizationId, replyId: params.id }) };
});
