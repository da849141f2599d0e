import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { replyToCommentEndpoint } from "@/lib/inbox/comments/contracts";
import { replyToComment } from "@/lib/inbox/comments/reply-to-comment";

export const POST = handle(replyToCommentEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const { text } = await body();
  return { comment: await replyToComment({ organizationId: ctx.organizationId, commentId: params.id, text }) };
});
