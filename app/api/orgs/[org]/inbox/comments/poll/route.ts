import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { pollCommentsNowEndpoint } from "@/lib/inbox/comments/contracts";
import { pollCommentsNow } from "@/lib/inbox/comments/poll-comments-now";
import { enforceRateLimit } from "@/lib/rate-limit";

export const POST = handle(pollCommentsNowEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await body();
  await enforceRateLimit({ bucket: "comments-poll-now", subject: ctx.organizationId, limit: 12, windowSeconds: 3600 });
  return pollCommentsNow({ organizationId: ctx.organizationId });
});
