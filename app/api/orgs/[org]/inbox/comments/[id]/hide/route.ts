import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { hideCommentEndpoint } from "@/lib/inbox/comments/contracts";
import { hideComment } from "@/lib/inbox/comments/hide-comment";

export const POST = handle(hideCommentEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const { hidden } = await body();
  return { comment: await hideComment({ organizationId: ctx.organizationId, commentId: params.id, hidden }) };
});
