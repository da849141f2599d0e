import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { createSavedReplyEndpoint, listSavedRepliesEndpoint } from "@/lib/inbox/contracts";
import { createSavedReply, listSavedReplies } from "@/lib/inbox/saved-replies";

export const GET = handle(listSavedRepliesEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { savedReplies: await listSavedReplies({ organizationId: ctx.organizationId }) };
});

export const POST = handle(createSavedReplyEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return { savedReply: await createSavedReply({ organizationId: ctx.organizationId, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null, ...input }) };
});
