import { inngest } from "@/inngest/client";
import { commentReceivedEvent } from "@/lib/inbox/comments/comment-events";
import { claimDueCommentPolls, pollOrganizationComments } from "@/lib/inbox/comments/poll-comments";

/**
 * INB-002, every 5 minutes (seed 003 `poll_post_comments`): the POSTED publications younger than 7 days
 * whose next check is due are claimed, each organisation's polled in one step (cursor per publication,
 * new comments stored once, a `comment.received` live event each), then one `inbox/comment.received`
 * per new comment for the inbox triage. Polling of a publication stops at day 7.
 */
export const inb002PollComments = inngest.createFunction(
  { id: "inb-002-poll-comments", name: "INB-002: comment polling every 5 min (posts < 7 days)", triggers: [{ cron: "TZ=UTC */5 * * * *" }], retries: 3, concurrency: { limit: 1 } },
  async ({ step }) => {
    const claim = await step.run("claim-due-posts", () => claimDueCommentPolls());
    const byOrg = new Map<string, string[]>();
    for (const p of claim.polls) byOrg.set(p.organizationId, [...(byOrg.get(p.organizationId) ?? []), p.publicationId]);
    let newComments = 0;
    let failed = 0;
    for (const [organizationId, publicationIds] of byOrg) {
      const outcomes = await step.run(`poll-${organizationId}`, () => pollOrganizationComments({ organizationId, publicationIds, since: new Date(claim.claimedAt) }));
      const fresh = outcomes.flatMap((o) => o.newComments);
      failed += outcomes.filter((o) => o.failed).length;
      newComments += fresh.length;
      if (fresh.length) await step.sendEvent(`comments-received-${organizationId}`, fresh.map(commentReceivedEvent));
    }
    return { publications: claim.polls.length, organizations: byOrg.size, newComments, failed };
  },
);
