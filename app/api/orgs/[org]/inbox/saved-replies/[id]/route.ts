import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { deleteSavedReplyEndpoint } from "@/lib/inbox/contracts";
import { deleteSavedReply } from "@/lib/inbox/saved-replies";

export const DELETE = handle(deleteSavedReplyEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await deleteSavedReply({ organizationId: ctx.organizationId, id: params.id });
});
