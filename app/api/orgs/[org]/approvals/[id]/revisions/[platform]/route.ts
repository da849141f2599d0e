import { handle } from "@/lib/api/handle";
import { editRevisionEndpoint } from "@/lib/approvals/contracts";
import { editNetworkVersion } from "@/lib/approvals/edit-network-version";
import { requireOrg } from "@/lib/auth/guard";

/** PATCH {text, firstComment?, scheduledAt?, mediaAssetIds?}: a new revision of that network's version; 409 once decided. */
export const PATCH = handle(editRevisionEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "approve");
  const input = await body();
  return {
    network: await editNetworkVersion({
      organizationId: ctx.organizationId,
      approvalRequestId: params.id,
      platform: params.platform,
      text: input.text,
      firstComment: input.firstComment,
      scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : undefined,
      mediaAssetIds: input.mediaAssetIds,
      userId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    }),
  };
});
