import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getConversationEndpoint, updateConversationEndpoint } from "@/lib/inbox/contracts";
import { getConversation } from "@/lib/inbox/get-conversation";
import { updateConversation } from "@/lib/inbox/update-conversation";

export const GET = handle(getConversationEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return getConversation({ organizationId: ctx.organizationId, conversationId: params.id });
});

export const PATCH = handle(updateConversationEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return { conversation: await updateConversation({ organizationId: ctx.organizationId, conversationId: params.id, ...input }) };
});
