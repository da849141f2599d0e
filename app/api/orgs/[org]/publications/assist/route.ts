import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { composerAssistEndpoint } from "@/lib/content/compose/contracts";
import { assistPost } from "@/lib/content/compose/assist-post";

/** The composer's AI assist: {action: rewrite | shorten | hashtags, text, platform?} -> {text, hashtags}; nothing is saved. */
export const POST = handle(composerAssistEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return assistPost({ organizationId: ctx.organizationId, input: await body() });
});
