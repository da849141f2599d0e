import "server-only";
import { inngest } from "@/inngest/client";
import { claimDueCommentPolls, pollOrganizationComments } from "./poll-comments";
import { commentReceivedEvent } from "./comment-events";

/**
 * "Check now" on the comments page: the organisation's publications younger than 7 days polled at once,
 * exactly as the 5-minute polling does (same claim, cursor and events), whatever their next check says.
 */
export async function pollCommentsNow(opts: { organizationId: string; now?: Date }): Promise<{ publications: number; newComments: number; failed: number }> {
  const claim = await claimDueCommentPolls({ now: opts.now, organizationId: opts.organizationId, force: true });
  const outcomes = await pollOrganizationComments({
    organizationId: opts.organizationId,
    publicationIds: claim.polls.map((p) => p.publicationId),
    since: new Date(claim.claimedAt),
    now: opts.now,
  });
  const fresh = outcomes.flatMap((o) => o.newComments);
  if (fresh.length) await inngest.send(fresh.map(commentReceivedEvent));
  return { publications: claim.polls.length, newComments: fresh.length, failed: outcomes.filter((o) => o.failed).length };
}
